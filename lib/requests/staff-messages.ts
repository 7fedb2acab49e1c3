import "server-only";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { messages, outbox, requestEvents, requests, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { asLocale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { canReply, isStaff } from "@/lib/policy";
import { outboxSmsSender } from "@/lib/sms/sender";

async function lockForStaff(tx: Tx, actor: Actor, ref: string) {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
  const [r] = await tx.select().from(requests).where(eq(requests.ref, ref)).for("update");
  if (!r) throw new NotFoundError("request");
  return r;
}

/**
 * An internal note: a message only staff ever see (internal = true), its "note" event (not public) and an
 * audit row, in one transaction. Notes change nothing about the request, so they do not bump its version.
 */
export async function addInternalNote(db: Db, actor: Actor, ref: string, body: string, now: Date) {
  return db.transaction(async (tx) => {
    const r = await lockForStaff(tx, actor, ref);
    const [m] = await tx
      .insert(messages)
      .values({ requestId: r.id, authorId: actor.id, internal: true, body, createdAt: now })
      .returning({ id: messages.id });
    await tx
      .insert(requestEvents)
      .values({ requestId: r.id, kind: "note", actorId: actor.id, public: false, data: { messageId: m!.id }, occurredAt: now });
    await appendAudit(tx, {
      actorId: actor.id,
      action: "request.note",
      entity: "request",
      entityId: r.ref,
      requestId: r.id,
      data: { messageId: m!.id },
      now,
    });
    return m!.id;
  });
}

/**
 * A message to the requester without a change of status (the workflow's own replies travel with their
 * transition), by the assignee or a manager: the message, its public event, a portal notice to the requester
 * and an audit row, together.
 */
export async function sendPublicReply(
  db: Db,
  actor: Actor,
  ref: string,
  body: string,
  now: Date,
): Promise<{ ok: true } | { ok: false; error: "not_assignee" }> {
  return db.transaction(async (tx) => {
    const r = await lockForStaff(tx, actor, ref);
    if (!canReply(actor, r)) return { ok: false, error: "not_assignee" };
    const [m] = await tx
      .insert(messages)
      .values({ requestId: r.id, authorId: actor.id, internal: false, body, createdAt: now })
      .returning({ id: messages.id });
    await tx
      .insert(requestEvents)
      .values({ requestId: r.id, kind: "message", actorId: actor.id, public: true, data: { messageId: m!.id }, occurredAt: now });
    await tx.insert(outbox).values({
      channel: "portal",
      recipient: r.requesterId,
      template: "request_message",
      body: translatorFor(asLocale(r.locale), "staff")("notify.message", { ref: r.ref }),
      requestId: r.id,
      status: "sent",
      createdAt: now,
      sentAt: now,
    });
    const [requester] = await tx.select({ phone: users.phone }).from(users).where(eq(users.id, r.requesterId));
    if (requester?.phone) {
      await outboxSmsSender.send(tx, {
        phone: requester.phone,
        template: "request_message",
        params: { ref: r.ref },
        locale: asLocale(r.locale),
        requestId: r.id,
        at: now,
      });
    }
    await tx.update(requests).set({ updatedAt: now }).where(eq(requests.id, r.id));
    await appendAudit(tx, {
      actorId: actor.id,
      action: "request.message",
      entity: "request",
      entityId: r.ref,
      requestId: r.id,
      data: { messageId: m!.id },
      now,
    });
    return { ok: true };
  });
}
