import { describe, expect, it } from "vitest";
import { REQUEST_STATUSES, type RequestStatus } from "@/lib/domain";
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
    verificationStatus: "verified",
    isRepeat: false,
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
  quote_fee: {
    action: { kind: "quote_fee", amount: 30, reason: "第三次重复申请", payment: "在 App“我的订单”中支付" },
    actor: agent,
    allowed: ["submitted", "in_progress"],
  },
  complete: { action: { kind: "complete", outcome: "fulfilled", reply: "已删除" }, actor: agent, allowed: ["in_progress"] },
  refuse: {
    action: { kind: "refuse", reason: "trade_secret", explanation: "涉及商业秘密" },
    actor: agent,
    allowed: ["submitted", "in_progress", "awaiting_requester"],
  },
  withdraw: { action: { kind: "withdraw" }, actor: patient, allowed: ["submitted", "in_progress", "awaiting_requester"] },
  reopen: { action: { kind: "reopen", reason: "患者补充了材料" }, actor: manager, allowed: ["completed", "refused", "withdrawn"] },
};

describe("every action in every status", () => {
  for (const [name, { action, actor, allowed }] of Object.entries(actions)) {
    for (const status of REQUEST_STATUSES) {
      const expected = allowed.includes(status);
      it(`${name} from ${status}: ${expected ? "allowed" : "refused"}`, () => {
        // claim needs an unassigned request; everything else is tried on one assigned to the acting agent. A repeat,
        // so that a fee may be quoted.
        const r = req(status, { assigneeId: name === "claim" ? null : agent.id, isRepeat: true });
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
    expect(transition(req("in_progress", { assigneeId: otherAgent.id }), { kind: "claim" }, agent, ctx)).toEqual({
      ok: false,
      error: "already_claimed",
    });
  });
});

describe("what each transition requires", () => {
  it("a refusal needs a coded reason and a written explanation", () => {
    const r = req("in_progress");
    expect(transition(r, { kind: "refuse", reason: "" as never, explanation: "说明" }, agent, ctx)).toEqual({ ok: false, error: "reason_required" });
    expect(transition(r, { kind: "refuse", reason: "impractical", explanation: "   " }, agent, ctx)).toEqual({
      ok: false,
      error: "explanation_required",
    });
  });

  it("a pause needs the question to the requester", () => {
    expect(transition(req("in_progress"), { kind: "pause", reason: "identity", message: "" }, agent, ctx)).toEqual({
      ok: false,
      error: "message_required",
    });
  });

  it("a fee must be positive and carry a reason and how to pay", () => {
    const repeat = req("in_progress", { isRepeat: true });
    for (const amount of [0, -5, Number.NaN]) {
      expect(transition(repeat, { kind: "quote_fee", amount, reason: "成本", payment: "App 内支付" }, agent, ctx)).toEqual({
        ok: false,
        error: "fee_invalid",
      });
    }
    expect(transition(repeat, { kind: "quote_fee", amount: 20, reason: " ", payment: "App 内支付" }, agent, ctx)).toEqual({
      ok: false,
      error: "reason_required",
    });
    expect(transition(repeat, { kind: "quote_fee", amount: 20, reason: "成本", payment: " " }, agent, ctx)).toEqual({
      ok: false,
      error: "payment_required",
    });
  });

  it("a fee is only for a request flagged as a repeat (§8.7): a first request, a complaint, a consent withdrawal are free", () => {
    const fee: WorkflowAction = { kind: "quote_fee", amount: 30, reason: "成本", payment: "App 内支付" };
    for (const status of ["submitted", "in_progress"] as const) {
      expect(transition(req(status, { assigneeId: agent.id }), fee, agent, ctx)).toEqual({ ok: false, error: "fee_not_repeat" });
    }
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
    const paused = transition(req("in_progress"), { kind: "pause", reason: "identity", message: "请上传身份证明" }, agent, {
      ...ctx,
      now: new Date("2026-09-29T03:00:00Z"),
    });
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

  it("a fee quote pauses; the patient accepting resumes with the payment step, declining ends as refused", () => {
    const quoted = transition(
      req("in_progress", { isRepeat: true }),
      { kind: "quote_fee", amount: 25.5, reason: "12个月内第3次", payment: "在 App“我的订单”中支付" },
      agent,
      ctx,
    );
    expect(quoted).toMatchObject({
      ok: true,
      patch: { status: "awaiting_requester", pauseReason: "fee", feeAmount: "25.50", feeStatus: "quoted", feePayment: "在 App“我的订单”中支付" },
    });
    const waiting = req("awaiting_requester", { pauseReason: "fee", isRepeat: true });
    expect(transition(waiting, { kind: "resume" }, patient, ctx)).toEqual({ ok: false, error: "not_allowed" });
    const accepted = transition(waiting, { kind: "answer_fee", accept: true }, patient, ctx);
    expect(accepted).toMatchObject({ ok: true, patch: { status: "in_progress", feeStatus: "accepted" } });
    expect(accepted.ok && accepted.events[0]).toEqual({ kind: "fee_answered", public: true, data: { accepted: true, step: "payment" } });
    // Declining is a refusal with its coded reason and written explanation (PIPL Art. 50), never a withdrawal.
    expect(transition(waiting, { kind: "answer_fee", accept: false }, patient, ctx)).toEqual({ ok: false, error: "explanation_required" });
    const declined = transition(waiting, { kind: "answer_fee", accept: false, explanation: "您未接受成本费用……" }, patient, ctx);
    expect(declined).toMatchObject({
      ok: true,
      patch: {
        status: "refused",
        feeStatus: "declined",
        refusalReason: "repeat_fee_declined",
        refusalExplanation: "您未接受成本费用……",
        closedAt: ctx.now,
        pausedAt: null,
      },
    });
    expect(declined.ok && declined.events.map((e) => [e.kind, e.toStatus, e.reason])).toEqual([
      ["fee_answered", undefined, undefined],
      ["resumed", undefined, undefined],
      ["status_changed", "refused", "repeat_fee_declined"],
    ]);
    expect(transition(req("awaiting_requester"), { kind: "answer_fee", accept: true }, patient, ctx)).toEqual({
      ok: false,
      error: "not_paused_for_fee",
    });
  });

  it("reopening clears the closing", () => {
    const result = transition(req("refused", { assigneeId: agent.id }), { kind: "reopen", reason: "复核" }, manager, ctx);
    expect(result).toMatchObject({ ok: true, patch: { status: "in_progress", closedAt: null, refusalReason: null } });
  });
});

describe("closing with item outcomes", () => {
  it("refuses to close as fulfilled what left anything asked undone, and closes it as partly fulfilled", () => {
    const r = req("in_progress", { assigneeId: agent.id });
    expect(transition(r, { kind: "complete", outcome: "fulfilled", reply: "已删除", notDone: 2 }, agent, ctx)).toEqual({
      ok: false,
      error: "not_all_done",
    });
    expect(transition(r, { kind: "complete", outcome: "partially_fulfilled", reply: "部分已删除", notDone: 2 }, agent, ctx)).toMatchObject({
      ok: true,
      patch: { status: "completed", outcome: "partially_fulfilled" },
    });
    for (const notDone of [0, undefined]) {
      expect(transition(r, { kind: "complete", outcome: "fulfilled", reply: "已删除", notDone }, agent, ctx)).toMatchObject({
        ok: true,
        patch: { status: "completed", outcome: "fulfilled" },
      });
    }
    // The reply is still asked for first.
    expect(transition(r, { kind: "complete", outcome: "fulfilled", reply: " ", notDone: 1 }, agent, ctx)).toEqual({
      ok: false,
      error: "message_required",
    });
    // A template's blank left unfilled, in either language: not sent.
    for (const reply of ["已办理。\n【请填写：补充说明】", "Done.\n[fill in: the answer]", "Done.\n[FILL IN: x]"]) {
      expect(transition(r, { kind: "complete", outcome: "fulfilled", reply }, agent, ctx)).toEqual({ ok: false, error: "reply_unfinished" });
    }
    expect(transition(r, { kind: "complete", outcome: "fulfilled", reply: "已办理【重要】，请查收。" }, agent, ctx).ok).toBe(true);
  });
});

describe("the verification stage", () => {
  const pending = (status: RequestStatus, extra: Partial<WorkflowRequest> = {}) => req(status, { verificationStatus: "pending", ...extra });

  it("refuses to close an unverified request as fulfilled, whatever the outcome", () => {
    for (const outcome of ["fulfilled", "partially_fulfilled"] as const) {
      const result = transition(pending("in_progress"), { kind: "complete", outcome, reply: "已处理" }, agent, ctx);
      expect(result).toEqual({ ok: false, error: "identity_not_verified" });
    }
    const rejected = transition(
      req("in_progress", { verificationStatus: "rejected" }),
      { kind: "complete", outcome: "fulfilled", reply: "x" },
      agent,
      ctx,
    );
    expect(rejected).toEqual({ ok: false, error: "identity_not_verified" });
  });

  it("staff accept the proofs with a note, recorded as a document review by the acting staff member", () => {
    const result = transition(pending("in_progress"), { kind: "verify", note: "户口簿与出生证明一致" }, agent, ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.patch).toEqual({ verificationStatus: "verified", identityVerifiedAt: ctx.now });
    expect(result.verification).toEqual({ method: "document_review", result: "passed", note: "户口簿与出生证明一致" });
    const after = transition(
      { ...pending("in_progress"), ...result.patch } as WorkflowRequest,
      { kind: "complete", outcome: "fulfilled", reply: "x" },
      agent,
      ctx,
    );
    expect(after.ok).toBe(true);
  });

  it("accepting needs a note, someone who works the request, an open request not yet verified", () => {
    expect(transition(pending("in_progress"), { kind: "verify", note: "  " }, agent, ctx)).toEqual({ ok: false, error: "note_required" });
    expect(transition(pending("in_progress"), { kind: "verify", note: "ok" }, otherAgent, ctx)).toEqual({ ok: false, error: "not_assignee" });
    expect(transition(pending("in_progress"), { kind: "verify", note: "ok" }, patient, ctx)).toEqual({ ok: false, error: "not_allowed" });
    expect(transition(req("in_progress"), { kind: "verify", note: "ok" }, agent, ctx)).toEqual({ ok: false, error: "already_verified" });
    for (const status of ["completed", "refused", "withdrawn"] as const) {
      expect(transition(pending(status), { kind: "verify", note: "ok" }, agent, ctx)).toEqual({ ok: false, error: "wrong_status" });
    }
    expect(transition(pending("in_progress"), { kind: "verify", note: "ok" }, manager, ctx).ok).toBe(true);
  });

  it("a close relative's request for a deceased patient is verified only with the deceased's arrangements checked", () => {
    const relative = { ...pending("in_progress"), relationship: "close_relative" as const };
    const note = "死亡证明与户口簿一致";
    expect(transition(relative, { kind: "verify", note }, agent, ctx)).toEqual({ ok: false, error: "arrangement_unchecked" });
    expect(transition(relative, { kind: "verify", note, checked: ["something_else"] }, agent, ctx)).toEqual({
      ok: false,
      error: "arrangement_unchecked",
    });
    const accepted = transition(relative, { kind: "verify", note, checked: ["no_other_arrangement"] }, agent, ctx);
    expect(accepted.ok && accepted.verification).toEqual({ method: "document_review", result: "passed", note, checked: ["no_other_arrangement"] });
    // Anyone else's proofs need no such check, and none is recorded.
    const agentFor = transition({ ...pending("in_progress"), relationship: "authorised_agent" as const }, { kind: "verify", note }, agent, ctx);
    expect(agentFor.ok && agentFor.verification).toEqual({ method: "document_review", result: "passed", note });
  });

  it("asking for identity proof pauses the clock and makes the request unverified until staff accept", () => {
    const result = transition(req("in_progress"), { kind: "pause", reason: "identity", message: "请上传户口簿" }, agent, ctx);
    expect(result.ok && result.patch.verificationStatus).toBe("pending");
    expect(result.ok && result.verification).toEqual({ method: "document_review", result: "more_needed", note: "请上传户口簿" });
    const clarification = transition(req("in_progress"), { kind: "pause", reason: "clarification", message: "哪一次问诊？" }, agent, ctx);
    expect(clarification.ok && clarification.patch.verificationStatus).toBeUndefined();
    expect(clarification.ok && clarification.verification).toBeUndefined();
  });

  it("accepting the proofs asked for ends the identity pause and moves the deadline by the days waited", () => {
    const paused = pending("awaiting_requester", { pauseReason: "identity", pausedAt: new Date("2026-09-29T01:00:00Z") });
    const later = { ...ctx, now: new Date("2026-10-12T02:00:00Z") }; // after the National Day week
    const result = transition(paused, { kind: "verify", note: "材料齐全" }, agent, later);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.patch.status).toBe("in_progress");
    expect(result.patch.pausedAt).toBeNull();
    expect(result.patch.pausedWorkingDays).toBeGreaterThan(0);
  });

  it("refusing for unverified identity records the rejection; reopening puts the proofs back to pending", () => {
    const refused = transition(
      pending("in_progress"),
      { kind: "refuse", reason: "identity_not_verified", explanation: "材料无法证明监护关系" },
      agent,
      ctx,
    );
    expect(refused.ok && refused.patch.verificationStatus).toBe("rejected");
    expect(refused.ok && refused.verification?.result).toBe("rejected");
    const other = transition(pending("in_progress"), { kind: "refuse", reason: "trade_secret", explanation: "x" }, agent, ctx);
    expect(other.ok && other.patch.verificationStatus).toBeUndefined();
    const reopened = transition(req("refused", { verificationStatus: "rejected" }), { kind: "reopen", reason: "补交了材料" }, manager, ctx);
    expect(reopened.ok && reopened.patch.verificationStatus).toBe("pending");
  });
});
