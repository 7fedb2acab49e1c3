import { describe, expect, it } from "vitest";
import { DEFAULT_SLA_POLICIES } from "@/lib/sla";
import { bundledIndex } from "@/test/staff-fixtures";
import type { WorkflowRequest } from "@/lib/workflow/machine";
import { availableActions } from "./available-actions";
import { pausesOf } from "./pauses";

const ctx = { now: new Date("2026-10-20T04:00:00Z"), index: bundledIndex(), policy: DEFAULT_SLA_POLICIES.access };
const base: WorkflowRequest = {
  status: "submitted",
  assigneeId: null,
  requesterId: "patient",
  receivedAt: new Date("2026-10-12T02:00:00Z"),
  pausedAt: null,
  pauseReason: null,
  resumeStatus: null,
  pausedWorkingDays: 0,
  verificationStatus: "verified",
  isRepeat: true,
};
const agent = { id: "agent", role: "agent" as const };
const other = { id: "other", role: "agent" as const };
const manager = { id: "manager", role: "manager" as const };
const list = (r: Partial<WorkflowRequest>, who: { id: string; role: "agent" | "manager" | "patient" }) =>
  [...availableActions({ ...base, ...r }, who, ctx)].sort();

describe("the actions the request page offers", () => {
  it("offer accepting the proofs of an unverified request, a close relative's too (its form asks the extra check)", () => {
    for (const relationship of ["guardian", "close_relative", "authorised_agent"] as const) {
      expect(list({ status: "in_progress", assigneeId: "agent", verificationStatus: "pending", relationship }, agent)).toContain("verify");
    }
    expect(list({ status: "in_progress", assigneeId: "agent", relationship: "close_relative" }, agent)).not.toContain("verify");
  });

  it("follow the state machine for status, role and assignee", () => {
    expect(list({}, agent)).toEqual(["claim", "note", "start"]);
    expect(list({ status: "in_progress", assigneeId: "agent" }, agent)).toEqual(["complete", "note", "pause", "quote_fee", "refuse", "reply"].sort());
    expect(list({ status: "in_progress", assigneeId: "agent" }, other)).toEqual(["note"]);
    // A fee is offered only on a request flagged as a repeat (§8.7).
    expect(list({ status: "in_progress", assigneeId: "agent", isRepeat: false }, agent)).toEqual(
      ["complete", "note", "pause", "refuse", "reply"].sort(),
    );
    expect(list({ status: "in_progress", assigneeId: "agent" }, manager)).toEqual(
      ["assign", "complete", "note", "pause", "quote_fee", "refuse", "reply"].sort(),
    );
    expect(
      list(
        {
          status: "awaiting_requester",
          assigneeId: "agent",
          pausedAt: new Date("2026-10-14T02:00:00Z"),
          pauseReason: "identity",
          resumeStatus: "in_progress",
        },
        agent,
      ),
    ).toEqual(["note", "refuse", "reply", "resume"].sort());
    expect(list({ status: "completed", assigneeId: "agent" }, agent)).toEqual(["note", "reply"]);
    expect(list({ status: "refused", assigneeId: "agent" }, manager)).toEqual(["note", "reopen", "reply"]);
    expect(list({}, { id: "patient", role: "patient" })).toEqual([]);
  });
});

describe("the pauses of a request's clock", () => {
  const at = (iso: string) => new Date(iso);
  it("pairs each pause with the next resume, and ends an open one at the closing", () => {
    const events = [
      { kind: "paused", reason: "identity", data: {}, occurredAt: at("2026-10-01T02:00:00Z") },
      { kind: "resumed", reason: null, data: {}, occurredAt: at("2026-10-09T02:00:00Z") },
      { kind: "paused", reason: null, data: { pauseReason: "fee" }, occurredAt: at("2026-10-12T02:00:00Z") },
    ];
    expect(pausesOf(events, { closedAt: null })).toEqual([
      { at: at("2026-10-01T02:00:00Z"), until: at("2026-10-09T02:00:00Z"), reason: "identity" },
      { at: at("2026-10-12T02:00:00Z"), until: null, reason: "fee" },
    ]);
    expect(pausesOf(events, { closedAt: at("2026-10-20T02:00:00Z") })[1]!.until).toEqual(at("2026-10-20T02:00:00Z"));
  });
});
