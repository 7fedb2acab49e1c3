import "server-only";
import { and, desc, eq, gte, lt, ne, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { requests, type Request } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { isStaff } from "./staff-roles";

/**
 * Requests of the same type from the same subject (by phone) received in the 12 months before this one
 * (policy §8.7: repeated requests may carry a cost fee, unreasonably repeated ones may be refused). Computed on
 * read, so it holds whatever flagged the request when it was filed.
 */
export async function earlierSameRequests(conn: Conn, actor: Actor, r: Pick<Request, "id" | "type" | "subjectPhone" | "receivedAt">) {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
  return conn
    .select({ ref: requests.ref, status: requests.status, outcome: requests.outcome, receivedAt: requests.receivedAt, closedAt: requests.closedAt })
    .from(requests)
    .where(
      and(
        eq(requests.subjectPhone, r.subjectPhone),
        eq(requests.type, r.type),
        ne(requests.id, r.id),
        lt(requests.receivedAt, r.receivedAt),
        gte(requests.receivedAt, sql`${r.receivedAt.toISOString()}::timestamptz - interval '12 months'`),
      ),
    )
    .orderBy(desc(requests.receivedAt))
    .limit(50);
}
