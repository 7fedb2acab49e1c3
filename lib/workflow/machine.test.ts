import { describe, expect, it } from "vitest";
import { REQUEST_STATUSES, type RequestStatus } from "@/db/schema/enums";
import { buildBundledWorkingDayIndex, DEFAULT_SLA_POLICIES, computeDeadline } from "@/lib/sla";
import { transition, type WorkflowAction, type WorkflowActor, type WorkflowRequest } from "./machine";

const index = buildBundledWorkingDayIndex();
const policy = DEFAULT_SLA_POLICIES.deletion; // 5 / 7 working days
const receivedAt = new Date("2026-09-28T02:00:00Z"); // Monday 28 September 2026, 10:00 Shanghai
const ctx = { now: new Date("2026-09-29T02:00:00Z"), index, policy };

const patient: WorkflowActor = { id: "patient-1", role: "patient" };
const otherPatient: WorkflowActor = { id: "patient-2", role: "patient" };
const agent: WorkflowActor = { id: "agent-1", role: "agent" };
const otherAgent: WorkflowActor = { id: "agent-2", role: "agent" };
const manager: WorkflowActor = { id: "manager-1", role: "manager" };

function req(status: RequestStatus, extra: Partial<WorkflowRequest> = {}): WorkflowRequest {
  return {
    status,
    assigneeId: status === "submitted" ? null : agent.id,
    requesterId: patient.id,
    receivedAt,
    pausedAt: status === "awaiting_requester" ? new Date("2026-09-29T01:00:00Z") : null,
    pauseReason: status === "awaiting_requester" ? "clarification" : null,
    resumeStatus: status === "awaiting_requester" ? "in_progress" : null,
    pausedWorkingDays: 0,
    ...extra,
  };
}

// The right actor for each action; the matrix below says in which statuses it is allowed.
const actions: Record<string, { action: WorkflowAction; actor: WorkflowActor; allowed: RequestStatus[] }> = {
  claim: { action: { kind: "claim" }, actor: agent, allowed: ["submitted", "in_progress", "awaiting_requester"] },
  assign: { action: { kind: "assign", assignee: otherAgent }, actor: manager, allowed: ["submitted", "in_progress", "awaiting_requester"] },
  start: { action: { kind: "start" }, actor: agent, allowed: ["submitted"] },
  pause: { action: { kind: "pause", reason: "clarification", message: "请补充身份证明" }, actor: agent, allowed: ["submitted", "in_progress"] },
  resume: { action: { kind: "resume" }, actor: patient, allowed: ["awaiting_requester"] },
  quote_fee: { action: { kind: "quote_fee", amount: 30, reason: "第三次重复申请" }, actor: agent, allowed: ["submitted", "in_progress"] },
  complete: { action: { kind: "complete", outcome: "fulfilled", reply: "已删除" }, actor: agent, allowed: ["in_progress"] },
  refuse: { action: { kind: "refuse", reason: "trade_secret", explanation: "涉及商业秘密" }, actor: agent, allowed: ["submitted", "in_progress", "awaiting_requester"] },
  withdraw: { action: { kind: "withdraw" }, actor: patient, allowed: ["submitted", "in_progress", "awaiting_requester"] },
  reopen: { action: { kind: "reopen", reason: "患者补充了材料" }, actor: manager, allowed: ["completed", "refused", "withdrawn"] },
};

describe("every action in every status", () => {
  for (const [name, { action, actor, allowed }] of Object.entries(actions)) {
    for (const status of REQUEST_STATUSES) {
      const expected = allowed.includes(status);
      it(`${name} from ${status}: ${expected ? "allowed" : "refused"}`, () => {
        // claim needs an unassigned request; everything else is tried on one assigned to the acting agent.
        const r = req(status, { assigneeId: name === "claim" ? null : agent.id });
        const result = transition(r, action, actor, ctx);
        expect(result.ok).toBe(expected);
        if (!result.ok) expect(result.error).toBe("wrong_status");
      });
    }
  }
});

describe("who may do what", () => {
  it("patients cannot do staff work, and staff cannot act as the patient", () => {
    for (const name of ["claim", "start", "pause", "quote_fee", "complete", "refuse"]) {
      expect(transition(req("in_progress", { assigneeId: null }), actions[name]!.action, patient, ctx)).toEqual({ ok: false, error: "not_allowed" });
    }
    expect(transition(req("in_progress"), { kind: "withdraw" }, agent, ctx)).toEqual({ ok: false, error: "not_allowed" });
    expect(transition(req("awaiting_requester"), { kind: "answer_fee", accept: true }, agent, ctx)).toEqual({ ok: false, error: "not_allowed" });
  });

  it("another patient cannot withdraw or answer someone else's request", () => {
    expect(transition(req("in_progress"), { kind: "withdraw" }, otherPatient, ctx)).toEqual({ ok: false, error: "not_allowed" });
    expect(transition(req("awaiting_requester"), { kind: "resume" }, otherPatient, ctx)).toEqual({ ok: false, error: "not_allowed" });
  });

  it("agents work only what is theirs; managers work anything", () => {
    const r = req("in_progress");
    expect(transition(r, actions.complete!.action, otherAgent, ctx)).toEqual({ ok: false, error: "not_assignee" });
    expect(transition(r, actions.refuse!.action, otherAgent, ctx)).toEqual({ ok: false, error: "not_assignee" });
    expect(transition(r, actions.complete!.action, manager, ctx).ok).toBe(true);
  });

  it("only managers assign and reopen, and only to staff", () => {
    expect(transition(req("in_progress"), { kind: "assign", assignee: otherAgent }, agent, ctx)).toEqual({ ok: false, error: "not_allowed" });
    expect(transition(req("in_progress"), { kind: "assign", assignee: patient }, manager, ctx)).toEqual({ ok: false, error: "assignee_not_staff" });
    expect(transition(req("completed"), { kind: "reopen", reason: "x" }, agent, ctx)).toEqual({ ok: false, error: "not_allowed" });
  });

  it("a request someone else claimed cannot be claimed", () => {
    expect(transition(req("in_progress", { assigneeId: otherAgent.id }), { kind: "claim" }, agent, ctx)).toEqual({ ok: false, error: "already_claimed" });
  });
});

describe("what each transition requires", () => {
  it("a refusal needs a coded reason and a written explanation", () => {
    const r = req("in_progress");
    expect(transition(r, { kind: "refuse", reason: "" as never, explanation: "说明" }, agent, ctx)).toEqual({ ok: false, error: "reason_required" });
    expect(transition(r, { kind: "refuse", reason: "impractical", explanation: "   " }, agent, ctx)).toEqual({ ok: false, error: "explanation_required" });
  });

  it("a pause needs the question to the requester", () => {
    expect(transition(req("in_progress"), { kind: "pause", reason: "identity", message: "" }, agent, ctx)).toEqual({ ok: false, error: "message_required" });
  });

  it("a fee must be positive and carry a reason", () => {
    for (const amount of [0, -5, Number.NaN]) {
      expect(transition(req("in_progress"), { kind: "quote_fee", amount, reason: "成本" }, agent, ctx)).toEqual({ ok: false, error: "fee_invalid" });
    }
    expect(transition(req("in_progress"), { kind: "quote_fee", amount: 20, reason: " " }, agent, ctx)).toEqual({ ok: false, error: "reason_required" });
  });

  it("a reopening needs a reason", () => {
    expect(transition(req("refused"), { kind: "reopen", reason: "" }, manager, ctx)).toEqual({ ok: false, error: "reason_required" });
  });
});

describe("the clock", () => {
  it("claiming a submitted request starts work on it", () => {
    const result = transition(req("submitted"), { kind: "claim" }, agent, ctx);
    expect(result).toMatchObject({ ok: true, patch: { assigneeId: agent.id, status: "in_progress" } });
  });

  it("a pause stops the clock and a resume moves the due date by the working days paused (across the National Day holiday)", () => {
    const original = computeDeadline(receivedAt, policy, index);
    // Received Mon 28 Sep: working days 29, 30 Sep, then 1–7 Oct off, 8, 9, 10 (make-up Sat), 12, 13 Oct → due 13 Oct.
    expect(original.dueDate).toBe("2026-10-13");
    const paused = transition(req("in_progress"), { kind: "pause", reason: "identity", message: "请上传身份证明" }, agent, { ...ctx, now: new Date("2026-09-29T03:00:00Z") });
    expect(paused).toMatchObject({ ok: true, patch: { status: "awaiting_requester", pauseReason: "identity", resumeStatus: "in_progress" } });
    const pausedRequest = req("awaiting_requester", { pausedAt: new Date("2026-09-29T03:00:00Z"), pauseReason: "identity" });
    // Resumed on Friday 9 October: working days d with 29 Sep < d ≤ 9 Oct are 30 Sep, 8 Oct, 9 Oct → 3.
    const resumed = transition(pausedRequest, { kind: "resume" }, patient, { ...ctx, now: new Date("2026-10-09T02:00:00Z") });
    expect(resumed.ok).toBe(true);
    if (!resumed.ok) return;
    expect(resumed.patch).toMatchObject({ status: "in_progress", pausedAt: null, pausedWorkingDays: 3 });
    // 13 Oct + 3 working days = 14, 15, 16 Oct.
    expect(resumed.patch.dueDate).toBe("2026-10-16");
    expect(resumed.events.map((e) => e.kind)).toEqual(["resumed", "status_changed"]);
    expect(resumed.events[0]!.data).toMatchObject({ extension: 3, by: "requester" });
  });

  it("several pauses add up", () => {
    const first = req("awaiting_requester", { pausedAt: new Date("2026-09-29T03:00:00Z"), pausedWorkingDays: 2 });
    const resumed = transition(first, { kind: "resume" }, agent, { ...ctx, now: new Date("2026-09-30T03:00:00Z") });
    expect(resumed.ok && resumed.patch.pausedWorkingDays).toBe(3);
  });

  it("closing a paused request ends the pause first", () => {
    const r = req("awaiting_requester", { pausedAt: new Date("2026-09-29T03:00:00Z") });
    const result = transition(r, { kind: "withdraw" }, patient, { ...ctx, now: new Date("2026-09-30T03:00:00Z") });
    expect(result).toMatchObject({ ok: true, patch: { status: "withdrawn", pausedAt: null, pausedWorkingDays: 1 } });
    expect(result.ok && result.events.map((e) => e.kind)).toEqual(["resumed", "status_changed"]);
  });

  it("a fee quote pauses; the patient accepting resumes, declining withdraws", () => {
    const quoted = transition(req("in_progress"), { kind: "quote_fee", amount: 25.5, reason: "12个月内第3次" }, agent, ctx);
    expect(quoted).toMatchObject({ ok: true, patch: { status: "awaiting_requester", pauseReason: "fee", feeAmount: "25.50", feeStatus: "quoted" } });
    const waiting = req("awaiting_requester", { pauseReason: "fee" });
    expect(transition(waiting, { kind: "resume" }, patient, ctx)).toEqual({ ok: false, error: "not_allowed" });
    expect(transition(waiting, { kind: "answer_fee", accept: true }, patient, ctx)).toMatchObject({ ok: true, patch: { status: "in_progress", feeStatus: "accepted" } });
    expect(transition(waiting, { kind: "answer_fee", accept: false }, patient, ctx)).toMatchObject({ ok: true, patch: { status: "withdrawn", feeStatus: "declined" } });
    expect(transition(req("awaiting_requester"), { kind: "answer_fee", accept: true }, patient, ctx)).toEqual({ ok: false, error: "not_paused_for_fee" });
  });

  it("reopening clears the closing", () => {
    const result = transition(req("refused", { assigneeId: agent.id }), { kind: "reopen", reason: "复核" }, manager, ctx);
    expect(result).toMatchObject({ ok: true, patch: { status: "in_progress", closedAt: null, refusalReason: null } });
  });
});
