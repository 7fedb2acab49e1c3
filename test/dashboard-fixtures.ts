/**
 * The dashboard's fixed data set: fourteen requests around the 2026 Mid-Autumn and National Day holidays (Sep 25–27
 * and Oct 1–7 off; Sunday Sep 20 and Saturday Oct 10 working days), one of them paused across the holiday. Their
 * figures are worked out by hand in lib/dashboard/dashboard.test.ts.
 */
import type { Db } from "@/db/client";
import { ensureReferenceData } from "@/db/reference-data";
import { requests, type NewRequest, type RefusalReason, type Request, type RequestStatus, type RequestType } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { makeUser, requestRow } from "./fixtures";

/** Shanghai wall-clock time → instant. */
export const sh = (local: string) => new Date(`${local}+08:00`);

export type FixedSpec = {
  key: string;
  type: RequestType;
  received: string;
  status: RequestStatus;
  outcome?: "fulfilled" | "partially_fulfilled";
  refusalReason?: RefusalReason;
  closed?: string;
  paused?: string;
  pausedWorkingDays?: number;
  assignee?: "a" | "b";
  repeat?: boolean;
};

/** The period the hand-computed figures are for, and the moment "open now" is judged at. */
export const FIXED_PERIOD = { from: "2026-09-28", to: "2026-10-18" } as const;
export const FIXED_NOW = sh("2026-10-20T10:00:00");

export const FIXED_SPECS: readonly FixedSpec[] = [
  {
    key: "R1",
    type: "access",
    received: "2026-09-28T09:00:00",
    status: "completed",
    outcome: "fulfilled",
    closed: "2026-10-09T15:00:00",
    assignee: "a",
  },
  {
    key: "R2",
    type: "deletion",
    received: "2026-09-29T14:00:00",
    status: "refused",
    refusalReason: "identity_not_verified",
    closed: "2026-10-12T11:00:00",
    pausedWorkingDays: 2,
    assignee: "b",
  },
  {
    key: "R3",
    type: "correction",
    received: "2026-09-24T10:00:00",
    status: "completed",
    outcome: "partially_fulfilled",
    closed: "2026-10-13T16:00:00",
    assignee: "a",
  },
  { key: "R4", type: "complaint", received: "2026-10-08T09:30:00", status: "withdrawn", closed: "2026-10-08T18:00:00" },
  {
    key: "R5",
    type: "consent",
    received: "2026-10-10T10:00:00",
    status: "completed",
    outcome: "fulfilled",
    closed: "2026-10-16T09:00:00",
    assignee: "b",
    repeat: true,
  },
  { key: "R6", type: "access", received: "2026-10-12T00:30:00", status: "in_progress", assignee: "a" },
  { key: "R7", type: "deletion", received: "2026-10-09T11:00:00", status: "in_progress", assignee: "b" },
  { key: "R8", type: "cancellation", received: "2026-09-30T16:00:00", status: "in_progress" },
  {
    key: "R9",
    type: "automated_decision",
    received: "2026-10-14T10:00:00",
    status: "awaiting_requester",
    paused: "2026-10-15T09:00:00",
    assignee: "a",
  },
  { key: "R10", type: "portability", received: "2026-10-15T20:00:00", status: "submitted" },
  {
    key: "R11",
    type: "access",
    received: "2026-09-21T09:00:00",
    status: "completed",
    outcome: "fulfilled",
    closed: "2026-09-27T23:59:00",
    assignee: "a",
  },
  {
    key: "R12",
    type: "correction",
    received: "2026-10-18T23:30:00",
    status: "completed",
    outcome: "fulfilled",
    closed: "2026-10-19T00:10:00",
    assignee: "b",
  },
  { key: "R13", type: "consent", received: "2026-10-13T10:00:00", status: "in_progress", assignee: "b", repeat: true },
  { key: "R14", type: "complaint", received: "2026-10-19T09:00:00", status: "submitted" },
];

export type FixedSet = {
  manager: Actor;
  agentA: Actor;
  agentB: Actor;
  agentC: Actor;
  patient: Actor;
  byKey: Record<string, Request>;
};

/** The row a spec stands for (deadline from the bundled calendar and the default policies). */
export function fixedRow(spec: FixedSpec, requesterId: string, phone: string, assignees: Record<"a" | "b", string>): NewRequest {
  const receivedAt = sh(spec.received);
  return {
    ...requestRow({ id: requesterId, phone }, { type: spec.type, receivedAt, pausedWorkingDays: spec.pausedWorkingDays }),
    status: spec.status,
    outcome: spec.outcome ?? null,
    pausedAt: spec.paused ? sh(spec.paused) : null,
    pauseReason: spec.paused ? "clarification" : null,
    resumeStatus: spec.paused ? "in_progress" : null,
    assigneeId: spec.assignee ? assignees[spec.assignee] : null,
    isRepeat: spec.repeat ?? false,
    refusalReason: spec.refusalReason ?? null,
    refusalExplanation: spec.refusalReason ? "无法核实身份。" : null,
    closedAt: spec.closed ? sh(spec.closed) : null,
    createdAt: receivedAt,
    updatedAt: spec.closed ? sh(spec.closed) : receivedAt,
  };
}

/** Staff, a patient and the fourteen requests, inserted in one statement (as a bulk load would). */
export async function insertFixedSet(db: Db): Promise<FixedSet> {
  await ensureReferenceData(db);
  const manager = await makeUser(db, "manager", { displayName: "Manager M" });
  const agentA = await makeUser(db, "agent", { displayName: "Agent A" });
  const agentB = await makeUser(db, "agent", { displayName: "Agent B" });
  const agentC = await makeUser(db, "agent", { displayName: "Agent C" });
  const patient = await makeUser(db, "patient");
  const rows = FIXED_SPECS.map((s) => fixedRow(s, patient.id, patient.phone!, { a: agentA.id, b: agentB.id }));
  const inserted = await db.insert(requests).values(rows).returning();
  const byKey: Record<string, Request> = {};
  FIXED_SPECS.forEach((s, i) => (byKey[s.key] = inserted.find((r) => r.ref === rows[i]!.ref)!));
  return { manager, agentA, agentB, agentC, patient, byKey };
}
