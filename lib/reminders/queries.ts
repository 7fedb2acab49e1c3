import "server-only";
import { and, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Conn } from "@/db/client";
import { notices, requests } from "@/db/schema";
import type { ActionDefinition } from "@/lib/actions/perform";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { isStaff, STAFF_ROLES } from "@/lib/policy";

/** A staff member's unread reminders, escalations and digests, newest first: only their own. */
export async function unreadStaffNotices(conn: Conn, actor: Actor, limit = 10) {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
  const where = and(eq(notices.userId, actor.id), isNull(notices.readAt), inArray(notices.kind, ["at_risk", "overdue", "digest"]));
  const rows = await conn
    .select({ id: notices.id, kind: notices.kind, data: notices.data, createdAt: notices.createdAt })
    .from(notices)
    .where(where)
    .orderBy(desc(notices.createdAt), desc(notices.id))
    .limit(limit);
  const [total] = await conn
    .select({ n: sql<number>`count(*)::int` })
    .from(notices)
    .where(where);
  return { rows, total: total?.n ?? 0 };
}

/**
 * The reminders a patient should see now: for each of their requests still waiting on them, the latest reminder of
 * the current pause (one written before the clock last paused belongs to an earlier question).
 */
export async function waitingReminders(conn: Conn, actor: Actor) {
  if (actor.role !== "patient") throw new ForbiddenError("patients only");
  const rows = await conn
    .select({ id: notices.id, requestId: notices.requestId, data: notices.data, createdAt: notices.createdAt })
    .from(notices)
    .innerJoin(requests, eq(requests.id, notices.requestId))
    .where(
      and(
        eq(notices.userId, actor.id),
        eq(notices.kind, "waiting_on_patient"),
        eq(requests.requesterId, actor.id),
        eq(requests.status, "awaiting_requester"),
        gte(notices.createdAt, requests.pausedAt),
      ),
    )
    .orderBy(desc(notices.createdAt));
  const seen = new Set<string | null>();
  return rows.filter((r) => !seen.has(r.requestId) && seen.add(r.requestId));
}

export const MarkNoticeReadInput = z.object({ id: z.uuid("invalid_input") });

/** A staff member marks one of their own notices read; anyone else's is not found. */
export const markNoticeReadDefinition = {
  name: "notices.markRead",
  roles: STAFF_ROLES,
  schema: MarkNoticeReadInput,
  async run({ actor, db, input, now }) {
    const done = await db
      .update(notices)
      .set({ readAt: now })
      .where(and(eq(notices.id, input.id), eq(notices.userId, actor.id), isNull(notices.readAt)))
      .returning({ id: notices.id });
    if (done.length === 0) throw new NotFoundError("notice");
    return { ok: true, message: "staff.reminders.markedRead" };
  },
  revalidate: () => ["/queue"],
} satisfies ActionDefinition<typeof MarkNoticeReadInput, { message: string }> & { roles: readonly Actor["role"][] };
