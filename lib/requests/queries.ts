import "server-only";
import { desc, eq, sql } from "drizzle-orm";
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

/** What a patient has to do on one of their requests: answer a question, send proof, or answer a quoted fee. */
export type PatientAction = "answer" | "proof" | "fee";

export type MyRequestSummary = RequestSummary & { action: PatientAction | null };

/** 0: waiting on the patient (a question or a quoted fee), 1: open, 2: closed. */
const listGroup = sql<number>`case
  when ${requests.status} = 'awaiting_requester' or (${requests.feeStatus} = 'quoted' and ${requests.status} in ('submitted','in_progress')) then 0
  when ${requests.status} in ('submitted','in_progress') then 1
  else 2 end`;

/**
 * A patient's own requests: those waiting on the patient first, then the open ones, then the closed ones; newest
 * first within each group. Only patients have "own" requests.
 */
export async function listMyRequests(conn: Conn, actor: Actor): Promise<MyRequestSummary[]> {
  if (!isPatient(actor.role)) throw new ForbiddenError("patients only");
  const rows = await conn
    .select({ ...summaryColumns, group: listGroup, pauseReason: requests.pauseReason, feeStatus: requests.feeStatus })
    .from(requests)
    .where(eq(requests.requesterId, actor.id))
    .orderBy(listGroup, desc(requests.receivedAt), desc(requests.ref))
    .limit(200);
  return rows.map(({ group, pauseReason, feeStatus, ...r }) => ({
    ...r,
    action: Number(group) !== 0 ? null : feeStatus === "quoted" || pauseReason === "fee" ? "fee" : pauseReason === "identity" ? "proof" : "answer",
  }));
}
