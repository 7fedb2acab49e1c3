import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Conn } from "@/db/client";
import { OPEN_STATUSES, requests, users, type Request } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";

export type RequestSummary = Pick<
  Request,
  | "id"
  | "ref"
  | "type"
  | "status"
  | "receivedAt"
  | "targetDate"
  | "dueDate"
  | "dueAt"
  | "provisional"
  | "pausedAt"
  | "closedAt"
  | "subjectName"
  | "subjectPhone"
  | "relationship"
>;

const summaryColumns = {
  id: requests.id,
  ref: requests.ref,
  type: requests.type,
  status: requests.status,
  receivedAt: requests.receivedAt,
  targetDate: requests.targetDate,
  dueDate: requests.dueDate,
  dueAt: requests.dueAt,
  provisional: requests.provisional,
  pausedAt: requests.pausedAt,
  closedAt: requests.closedAt,
  subjectName: requests.subjectName,
  subjectPhone: requests.subjectPhone,
  relationship: requests.relationship,
};

/** A patient's own requests, newest first. Only patients have "own" requests. */
export async function listMyRequests(conn: Conn, actor: Actor): Promise<RequestSummary[]> {
  if (actor.role !== "patient") throw new ForbiddenError("patients only");
  return conn
    .select(summaryColumns)
    .from(requests)
    .where(eq(requests.requesterId, actor.id))
    .orderBy(desc(requests.receivedAt))
    .limit(200);
}

const assignee = alias(users, "assignee");

/** Open requests for staff, most urgent first. */
export async function listOpenQueue(conn: Conn, actor: Actor, opts: { limit: number }) {
  if (actor.role === "patient") throw new ForbiddenError("staff only");
  const open = inArray(requests.status, [...OPEN_STATUSES]);
  const [rows, [count]] = await Promise.all([
    conn
      .select({ ...summaryColumns, assigneeName: assignee.displayName })
      .from(requests)
      .leftJoin(assignee, eq(assignee.id, requests.assigneeId))
      .where(and(open))
      .orderBy(asc(requests.dueAt))
      .limit(opts.limit),
    conn.select({ n: sql<number>`count(*)::int` }).from(requests).where(open),
  ]);
  return { rows, total: count?.n ?? 0 };
}
