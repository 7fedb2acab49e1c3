import "server-only";
import { and, desc, eq, gte, lt, ne } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { requests, type Request } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { repeatWindowStart } from "@/lib/domain/repeat-window";
import { ForbiddenError } from "@/lib/errors";
import { isStaff } from "@/lib/policy";

/**
 * Requests of the same type from the same subject (by phone) received in the 12 months before this one
 * (policy §8.7: repeated requests may carry a cost fee, unreasonably repeated ones may be refused). Computed on
 * read with the window that flagged the request when it was filed (repeatWindowStart, lib/domain).
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
        gte(requests.receivedAt, repeatWindowStart(r.receivedAt)),
      ),
    )
    .orderBy(desc(requests.receivedAt))
    .limit(50);
}
