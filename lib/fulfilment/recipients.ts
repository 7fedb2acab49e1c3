import "server-only";
import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Conn, Db } from "@/db/client";
import { outbox, recipientConfirmations, requests, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { canConfirmRecipient, isStaff } from "@/lib/policy";

/** A deletion notice sent to a recipient of the data, and whether the recipient has confirmed it. */
export type RecipientNotice = {
  id: number;
  recipient: string;
  kind: string;
  categories: string[];
  sentAt: Date;
  confirmedAt: Date | null;
  confirmedBy: string | null;
  note: string;
};

/** The request's recipient notices, oldest first, with their confirmations. */
export async function recipientNotices(conn: Conn, requestId: string): Promise<RecipientNotice[]> {
  const rows = await conn
    .select({
      id: outbox.id,
      recipient: outbox.recipient,
      payload: outbox.payload,
      createdAt: outbox.createdAt,
      confirmedAt: recipientConfirmations.confirmedAt,
      confirmedBy: users.displayName,
      note: recipientConfirmations.note,
    })
    .from(outbox)
    .leftJoin(recipientConfirmations, eq(recipientConfirmations.noticeId, outbox.id))
    .leftJoin(users, eq(users.id, recipientConfirmations.confirmedBy))
    .where(and(eq(outbox.requestId, requestId), eq(outbox.channel, "recipient_notice")))
    .orderBy(asc(outbox.id));
  return rows.map((r) => ({
    id: r.id,
    recipient: r.recipient,
    kind: String(r.payload.kind ?? ""),
    categories: Array.isArray(r.payload.categories) ? r.payload.categories.map(String) : [],
    sentAt: r.createdAt,
    confirmedAt: r.confirmedAt,
    confirmedBy: r.confirmedBy,
    note: r.note ?? "",
  }));
}

export type ConfirmOutcome = { ok: true; already: boolean } | { ok: false; error: "not_allowed" };

/**
 * Records that a recipient confirmed the deletion a notice asked for: the confirmation and its audit row in
 * one transaction. Staff who may work the request (its assignee, or a manager) record it, whatever the
 * request's status — recipients often answer after the request is completed. Recording it twice keeps the first.
 */
export async function confirmRecipientNotice(
  db: Db,
  actor: Actor,
  ref: string,
  noticeId: number,
  note: string,
  now = new Date(),
): Promise<ConfirmOutcome> {
  if (!isStaff(actor.role)) throw new NotFoundError("notice");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ requestId: requests.id, assigneeId: requests.assigneeId, recipient: outbox.recipient })
      .from(outbox)
      .innerJoin(requests, eq(requests.id, outbox.requestId))
      .where(and(eq(outbox.id, noticeId), eq(outbox.channel, "recipient_notice"), eq(requests.ref, ref)));
    if (!row) throw new NotFoundError("notice");
    if (!canConfirmRecipient(actor, row)) return { ok: false as const, error: "not_allowed" as const };
    const inserted = await tx
      .insert(recipientConfirmations)
      .values({ noticeId, requestId: row.requestId, confirmedBy: actor.id, confirmedAt: now, note })
      .onConflictDoNothing()
      .returning({ noticeId: recipientConfirmations.noticeId });
    if (inserted.length === 0) return { ok: true as const, already: true };
    await appendAudit(tx, {
      actorId: actor.id,
      action: "recipient.confirm",
      entity: "outbox",
      entityId: String(noticeId),
      requestId: row.requestId,
      data: { ref, recipient: row.recipient, note },
      now,
    });
    return { ok: true as const, already: false };
  });
}

/** Requests (by their id column) with a recipient notice still awaiting its confirmation: a queue filter. */
export function awaitingRecipientConfirmation(requestId: AnyPgColumn): SQL {
  return sql`${requestId} in (select ${outbox.requestId} from ${outbox} left join ${recipientConfirmations} on ${recipientConfirmations.noticeId} = ${outbox.id} where ${outbox.channel} = 'recipient_notice' and ${recipientConfirmations.noticeId} is null)`;
}

/** How many recipient notices still await confirmation, over all requests (for the queue). */
export async function awaitedRecipientNotices(conn: Conn): Promise<number> {
  const [row] = await conn
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .leftJoin(recipientConfirmations, eq(recipientConfirmations.noticeId, outbox.id))
    .where(and(eq(outbox.channel, "recipient_notice"), isNull(recipientConfirmations.noticeId)));
  return row?.n ?? 0;
}
