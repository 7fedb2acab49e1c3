import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { requests, type Request } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { isPatient } from "@/lib/policy";

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

/** The columns every list of requests shows (the patient's list, the staff queue). */
export const summaryColumns = {
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
  if (!isPatient(actor.role)) throw new ForbiddenError("patients only");
  return conn.select(summaryColumns).from(requests).where(eq(requests.requesterId, actor.id)).orderBy(desc(requests.receivedAt)).limit(200);
}
