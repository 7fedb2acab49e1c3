import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { messages, outbox, requestEvents, requests, users, type Request, type RequestType } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";
import { loadSlaPolicies } from "@/lib/calendar/policies";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { NotFoundError } from "@/lib/errors";
import { asLocale, type Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { isPatient } from "@/lib/policy";
import { outboxSmsSender, type SmsTemplate } from "@/lib/sms/sender";
import { transition, type WorkflowAction, type WorkflowError } from "@/lib/workflow/machine";

export type TransitionInput = { ref: string; version: number; action: WorkflowAction };
export type TransitionResult = { ok: true; request: Request } | { ok: false; error: WorkflowError | "stale" };

/**
 * The request behind `ref`, locked for this transaction, if the actor may see it (canSee in lib/policy: a patient
 * only their own, written here as SQL so another patient's request is never read); otherwise not found.
 */
export async function lockRequestForActor(tx: Tx, actor: Actor, ref: string): Promise<Request> {
  const [row] = await tx
    .select()
    .from(requests)
    .where(and(eq(requests.ref, ref), isPatient(actor.role) ? eq(requests.requesterId, actor.id) : undefined))
    .for("update");
  if (!row) throw new NotFoundError("request");
  return row;
}

/** What the patient is told by SMS after each transition that concerns them. */
const PATIENT_SMS: Partial<Record<WorkflowAction["kind"], SmsTemplate>> = {
  pause: "request_paused",
  quote_fee: "request_fee",
  complete: "request_completed",
  refuse: "request_refused",
  reopen: "request_reopened",
};

/**
 * The text a transition carries to or from the patient, kept in the request's message thread. A refusal
 * always names its reason and tells the patient how to complain (policy §8.7 and §12, PIPL Art. 50),
 * whatever the explanation says.
 */
export function messageOf(action: WorkflowAction, locale: Locale): string | undefined {
  switch (action.kind) {
    case "pause":
      return action.message;
    case "resume":
      return action.message;
    case "complete":
      return action.reply;
    case "quote_fee":
      return translatorFor(locale, "staff")("feeQuote.message", { amount: action.amount.toFixed(2), reason: action.reason.trim() });
    case "refuse": {
      const t = translatorFor(locale, "staff");
      const tr = translatorFor(locale, "refusalReasons");
      return [t("refusal.reasonLine", { reason: tr(action.reason) }), action.explanation.trim(), t("refusal.howToComplain")].join("\n\n");
    }
    default:
      return undefined;
  }
}

/**
 * Moves a request through its workflow: the rules are the pure state machine (lib/workflow/machine.ts); here the
 * request is locked, checked against the version the actor saw (a stale write is refused), changed, and its
 * events, message, notifications and audit row written — all in one transaction.
 */
export async function applyTransition(db: Db, actor: Actor, input: TransitionInput, now = new Date()): Promise<TransitionResult> {
  const [index, policies] = await Promise.all([loadWorkingDayIndex(db), loadSlaPolicies(db)]);
  return db.transaction(async (tx) => {
    const r = await lockRequestForActor(tx, actor, input.ref);
    if (r.version !== input.version) return { ok: false, error: "stale" };

    let action = input.action;
    let assigneeLocale = asLocale(undefined);
    if (action.kind === "assign") {
      const [assignee] = await tx.select({ id: users.id, role: users.role, locale: users.locale }).from(users).where(eq(users.id, action.assignee.id));
      if (!assignee) return { ok: false, error: "assignee_not_staff" };
      action = { ...action, assignee: { id: assignee.id, role: assignee.role } };
      assigneeLocale = asLocale(assignee.locale);
    }
    const result = transition(r, action, { id: actor.id, role: actor.role }, { now, index, policy: policies[r.type as RequestType] });
    if (!result.ok) return result;

    const [updated] = await tx
      .update(requests)
      .set({ ...result.patch, version: sql`${requests.version} + 1`, updatedAt: now })
      .where(and(eq(requests.id, r.id), eq(requests.version, r.version)))
      .returning();
    if (!updated) return { ok: false, error: "stale" };

    await tx.insert(requestEvents).values(
      result.events.map((e) => ({
        requestId: r.id,
        kind: e.kind,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorId: actor.id,
        reason: e.reason,
        public: e.public,
        data: e.data ?? {},
        occurredAt: now,
      })),
    );
    const locale = asLocale(r.locale);
    const body = messageOf(action, locale)?.trim();
    if (body) await tx.insert(messages).values({ requestId: r.id, authorId: actor.id, body, createdAt: now });

    const template = PATIENT_SMS[action.kind];
    if (template) {
      const [requester] = await tx.select({ phone: users.phone }).from(users).where(eq(users.id, r.requesterId));
      const amount = action.kind === "quote_fee" ? action.amount.toFixed(2) : "";
      if (requester?.phone) await outboxSmsSender.send(tx, { phone: requester.phone, template, params: { ref: r.ref, amount }, locale, requestId: r.id, at: now });
      await tx.insert(outbox).values({
        channel: "portal",
        recipient: r.requesterId,
        template,
        body: translatorFor(locale, "sms")(template, { ref: r.ref, amount }),
        requestId: r.id,
        status: "sent",
        createdAt: now,
        sentAt: now,
      });
    }
    if (action.kind === "assign") {
      await tx.insert(outbox).values({
        channel: "portal",
        recipient: action.assignee.id,
        template: "request_assigned",
        body: translatorFor(assigneeLocale, "sms")("request_assigned", { ref: r.ref }),
        requestId: r.id,
        status: "sent",
        createdAt: now,
        sentAt: now,
      });
    }
    await appendAudit(tx, {
      actorId: actor.id,
      action: `request.${action.kind}`,
      entity: "request",
      entityId: r.ref,
      requestId: r.id,
      data: { from: r.status, to: updated.status, version: updated.version },
      now,
    });
    return { ok: true, request: updated };
  });
}
