import "server-only";
import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { outbox, requests } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { isStaff } from "@/lib/policy";
import { OPEN_REQUESTS } from "./queue";

/** How far back the "assigned to you" notices reach. */
export const NOTICE_DAYS = 14;

/**
 * What was assigned to this staff member (portal notices "request_assigned" written with each assignment), newest
 * first, with the request's current status; and how many open requests they hold.
 */
export async function assignedNotices(conn: Conn, actor: Actor, now: Date, limit = 10) {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
  const since = new Date(now.getTime() - NOTICE_DAYS * 86_400_000);
  const notices = await conn
    .select({
      id: outbox.id,
      createdAt: outbox.createdAt,
      ref: requests.ref,
      type: requests.type,
      status: requests.status,
      stillMine: sql<boolean>`${requests.assigneeId} = ${actor.id}`,
    })
    .from(outbox)
    .innerJoin(requests, eq(requests.id, outbox.requestId))
    .where(and(eq(outbox.recipient, actor.id), eq(outbox.channel, "portal"), eq(outbox.template, "request_assigned"), gte(outbox.createdAt, since)))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
  const [mine] = await conn
    .select({ n: sql<number>`count(*)::int` })
    .from(requests)
    // requests_open_assignee_due: the assignee's open requests, counted from the index alone.
    .where(and(eq(requests.assigneeId, actor.id), OPEN_REQUESTS));
  return { notices, openAssigned: mine?.n ?? 0 };
}
