import "server-only";
import type { EventKind, RefusalReason, Relationship, RequestStatus, RequestType } from "@/lib/domain";
import type { FeeStatus } from "@/lib/domain";
import type { VerificationStatus } from "@/lib/domain";
import { verificationAtSubmission, type VerificationRecord } from "@/lib/identity/verification";
import type { RequestScope } from "@/db/schema/requests";
import { computeDeadline, pauseExtension, slaStatus, type SlaPolicy, type WorkingDayIndex } from "@/lib/sla";
import type { Rng } from "./prng";
import { DAY, HOUR, MINUTE, officeHours } from "./time";
import { COMPLETION_NOTES, INTERNAL_NOTES, PARTIAL_DELETION_NOTE, PATIENT_ANSWERS, REFUSALS_BY_TYPE, REFUSAL_TEXTS, STAFF_QUESTIONS } from "./texts";

export type PauseReason = "identity" | "clarification" | "fee";

/** What a patient filed, before staff touched it. */
export type RequestPlan = {
  id: string;
  type: RequestType;
  requesterId: string;
  relationship: Relationship;
  subjectName: string;
  subjectPhone: string;
  subjectAccountId: string | null;
  scope: RequestScope;
  description: string;
  locale: string;
  receivedAt: number;
  isRepeat: boolean;
  /** Needs the real-name check (deletion, cancellation, health records, acting for another person). */
  sensitive: boolean;
  /** The scope includes medical records, which retention keeps (deletion ends partially fulfilled). */
  medicalScope: boolean;
  /** A cancellation may be completed (false for the demo patients, who must stay able to sign in). */
  allowCancellation: boolean;
};

export type RequestRow = {
  id: string;
  ref: string;
  type: RequestType;
  status: RequestStatus;
  outcome: "fulfilled" | "partially_fulfilled" | null;
  requesterId: string;
  relationship: Relationship;
  subjectName: string;
  subjectPhone: string;
  subjectAccountId: string | null;
  scope: RequestScope;
  description: string;
  locale: string;
  receivedAt: Date;
  targetDate: string;
  dueDate: string;
  dueAt: Date;
  provisional: boolean;
  pausedAt: Date | null;
  pauseReason: PauseReason | null;
  resumeStatus: RequestStatus | null;
  pausedWorkingDays: number;
  /** The deadline policy the request was received under. */
  policyTargetWorkingDays: number;
  policyDueWorkingDays: number;
  assigneeId: string | null;
  isRepeat: boolean;
  identityVerifiedAt: Date | null;
  verificationStatus: VerificationStatus;
  feeAmount: string | null;
  feeReason: string | null;
  feeStatus: FeeStatus | null;
  feePayment: string | null;
  refusalReason: RefusalReason | null;
  refusalExplanation: string | null;
  closedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type EventRow = {
  requestId: string;
  kind: EventKind;
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus | null;
  actorId: string | null;
  reason: string | null;
  public: boolean;
  data: Record<string, unknown>;
  occurredAt: Date;
};

export type MessageRow = {
  id: string;
  requestId: string;
  authorId: string;
  internal: boolean;
  body: string;
  createdAt: Date;
};

export type SimContext = {
  rng: Rng;
  nowMs: number;
  index: WorkingDayIndex;
  policies: Record<RequestType, SlaPolicy>;
  agentIds: readonly string[];
  managerId: string;
  /** Ids for messages. */
  uuid: () => string;
  /** Write the messages that go with transitions (questions, answers, replies, refusals) and internal notes. */
  withMessages: boolean;
};

export type VerificationRow = Omit<VerificationRecord, "evidence"> & { requestId: string; evidence: VerificationRecord["evidence"] };

export type Simulated = { request: RequestRow; events: EventRow[]; messages: MessageRow[]; verifications: VerificationRow[] };

const PROOF_ACCEPTED = "证明材料与申请一致，核验通过。";
const PROOF_MISSING = "证明材料不足，请补充。";

/**
 * The verification record the workflow would have written (lib/identity/verification.ts at submission, staff
 * decisions in lib/workflow/machine.ts): SMS possession at receipt, the real-name match where one passed, and for a
 * request about someone else (or one whose identity was questioned) the staff decision on the proofs.
 */
function seedVerification(r: RequestRow, events: readonly EventRow[]): { status: VerificationStatus; rows: VerificationRow[] } {
  const submitted = verificationAtSubmission({ relationship: r.relationship, realNameMatchedAt: r.identityVerifiedAt, now: r.receivedAt });
  const rows: VerificationRow[] = submitted.records.map((v) => ({ ...v, requestId: r.id }));
  const staff = r.assigneeId;
  const questioned = events.some((e) => e.kind === "paused" && e.reason === "identity");
  if (r.status === "awaiting_requester" && r.pauseReason === "identity") {
    rows.push({
      requestId: r.id,
      method: "document_review",
      result: "more_needed",
      evidence: {},
      note: PROOF_MISSING,
      decidedById: staff,
      decidedAt: r.pausedAt!,
    });
    return { status: "pending", rows };
  }
  if (r.refusalReason === "identity_not_verified") {
    rows.push({
      requestId: r.id,
      method: "document_review",
      result: "rejected",
      evidence: {},
      note: r.refusalExplanation,
      decidedById: staff,
      decidedAt: r.closedAt!,
    });
    return { status: "rejected", rows };
  }
  if (submitted.status === "verified" && !questioned) return { status: "verified", rows };
  // Staff accepted the proofs when work started (or when the answer to their question came in).
  const started = events.find((e) => e.kind === "resumed" || (e.toStatus === "in_progress" && e.kind === "status_changed"));
  if (!started || !staff) return { status: "pending", rows };
  rows.push({
    requestId: r.id,
    method: "document_review",
    result: "passed",
    evidence: {},
    note: PROOF_ACCEPTED,
    decidedById: staff,
    decidedAt: started.occurredAt,
  });
  return { status: "verified", rows };
}

const FEE_AMOUNTS = ["20.00", "30.00", "50.00"] as const;
const FEE_PAYMENT = "请在小鹿中医 App“我的 › 订单”中支付，或致电 400-606-6636 由客服协助付款。";
const FEE_REASON = "12个月内重复提出同类请求，按隐私政策§8.7收取合理成本费用";
const WITHDRAW_REASONS = [null, null, "问题已通过其他方式解决", "不需要了"] as const;

/**
 * Plays a request's life from receipt to `now` — how far it got (by its age against the deadline), who took it,
 * whether it waited on the requester, when and how it closed — writing what the app's workflow writes
 * (lib/workflow/machine.ts through lib/requests/transitions.ts): per transition its events, the message it
 * carries, and one version bump; deadlines from the deadline engine, pauses extending them on resume.
 * Closed requests mostly meet their due date, a few miss it; open ones are mostly recent, a few overdue.
 */
export function simulateRequest(ctx: SimContext, plan: RequestPlan, force?: { status: RequestStatus }): Simulated {
  const { rng, nowMs: now } = ctx;
  const recv = plan.receivedAt;
  const policy = ctx.policies[plan.type];
  const base = computeDeadline(new Date(recv), policy, ctx.index, 0);
  const baseDue = base.dueAt.getTime();
  const ceiling = Math.min(now, baseDue);

  // ---- How far it got ------------------------------------------------------------------------------
  let fate: RequestStatus;
  // Forced outcomes (simulateDemoSet) take the straight path: no optional pause.
  const optionalPause = force === undefined;
  const pOpen = now < baseDue ? 0.92 - 0.55 * ((now - recv) / (baseDue - recv)) : 0.25 * Math.exp(-(now - baseDue) / (10 * DAY));
  if (force) {
    fate = force.status;
  } else if (rng.chance(pOpen)) {
    if (now - recv < 20 * HOUR) fate = rng.chance(0.8) ? "submitted" : "in_progress";
    else
      fate = rng.weighted([
        ["submitted", 6],
        ["in_progress", 66],
        ["awaiting_requester", 28],
      ] as const);
  } else {
    fate = rng.weighted([
      ["completed", 74],
      ["refused", 10],
      ["withdrawn", 16],
    ] as const);
    // A demo patient's account stays open (they must be able to sign in): they changed their mind, mostly.
    if (fate === "completed" && plan.type === "cancellation" && !plan.allowCancellation) {
      fate = rng.chance(0.75) ? "withdrawn" : "refused";
    }
  }
  const refusal: RefusalReason | null =
    fate === "refused" ? (plan.isRepeat && rng.chance(0.25) ? "unreasonably_repeated" : rng.weighted(REFUSALS_BY_TYPE[plan.type])) : null;

  // ---- The request as the workflow leaves it -------------------------------------------------------
  const events: EventRow[] = [];
  const messages: MessageRow[] = [];
  let status: RequestStatus = "submitted";
  let version = 0;
  let assigneeId = null as string | null;
  let accepted = null as number | null;
  let pausedAt = null as number | null;
  let pauseReason = null as PauseReason | null;
  let resumeStatus = null as RequestStatus | null;
  let lastPauseReason = null as PauseReason | null;
  let resumedAt = null as number | null;
  let pausedWorkingDays = 0;
  let feeAmount = null as string | null;
  let feeStatus = null as RequestRow["feeStatus"];
  let closedAt = null as number | null;
  let outcome = null as RequestRow["outcome"];
  let refusalExplanation = null as string | null;
  /** A declined fee ends the request as refused (§8.7), whatever fate was drawn for it. */
  let feeRefused = false;

  const ev = (kind: EventKind, at: number, actorId: string, e: Partial<EventRow> = {}) => {
    events.push({
      requestId: plan.id,
      kind,
      fromStatus: null,
      toStatus: null,
      actorId,
      reason: null,
      public: true,
      data: {},
      occurredAt: new Date(at),
      ...e,
    });
  };
  const statusChange = (at: number, actorId: string, to: RequestStatus, reason: string | null = null) => {
    ev("status_changed", at, actorId, { fromStatus: status, toStatus: to, reason });
    status = to;
  };
  const message = (authorId: string, at: number, body: string, internal = false) => {
    if (!ctx.withMessages) return;
    messages.push({ id: ctx.uuid(), requestId: plan.id, authorId, internal, body, createdAt: new Date(at) });
  };
  const jitter = () => rng.int(0, 50);

  // submitRequest
  ev("submitted", recv, plan.requesterId, { toStatus: "submitted" });

  // assign (a manager) then start, or claim (the agent)
  const accept = (t: number) => {
    const agent = rng.pick(ctx.agentIds);
    assigneeId = agent;
    accepted = t;
    if (rng.chance(0.5)) {
      const assignedAt = Math.max(recv + MINUTE, t - rng.int(1, 30) * MINUTE);
      ev("assigned", assignedAt, ctx.managerId, { public: false, data: { assigneeId: agent, previousAssigneeId: null } });
      version++;
      statusChange(t, agent, "in_progress");
      version++;
    } else {
      ev("assigned", t, agent, { public: false, data: { assigneeId: agent, claimed: true } });
      statusChange(t, agent, "in_progress");
      version++;
    }
  };

  // pause, or quote_fee
  const pause = (t: number, reason: PauseReason) => {
    const staff = assigneeId!;
    resumeStatus = status;
    statusChange(t, staff, "awaiting_requester", reason);
    ev("paused", t, staff, { reason });
    if (reason === "fee") {
      feeAmount = rng.pick(FEE_AMOUNTS);
      feeStatus = "quoted";
      ev("fee_quoted", t, staff, { data: { amount: feeAmount }, reason: FEE_REASON });
    } else {
      message(staff, t, reason === "identity" ? STAFF_QUESTIONS.identity : STAFF_QUESTIONS.clarification[plan.type]);
    }
    pausedAt = t;
    pauseReason = reason;
    lastPauseReason = reason;
    version++;
  };

  // endPause: the deadline moves later by the working days d with pause date < d ≤ resume date
  const endPause = (t: number, actorId: string, by?: "requester" | "staff") => {
    const extension = pauseExtension(new Date(pausedAt!), new Date(t), ctx.index);
    pausedWorkingDays += extension;
    const d = computeDeadline(new Date(recv), policy, ctx.index, pausedWorkingDays);
    ev("resumed", t, actorId, { data: { extension, dueDate: d.dueDate, targetDate: d.targetDate, ...(by ? { by } : {}) } });
    const back = resumeStatus ?? "in_progress";
    pausedAt = null;
    pauseReason = null;
    resumeStatus = null;
    resumedAt = t;
    return back;
  };

  // resume (the requester answers), or answer_fee
  const resume = (t: number) => {
    if (pauseReason === "fee") {
      ev("fee_answered", t, plan.requesterId, { data: { accepted: true } });
      feeStatus = "accepted";
    } else {
      message(plan.requesterId, t, pauseReason === "identity" ? PATIENT_ANSWERS.identity : PATIENT_ANSWERS.clarification[plan.type]);
    }
    const back = endPause(t, plan.requesterId, "requester");
    statusChange(t, plan.requesterId, back);
    version++;
  };

  // complete, refuse, withdraw (and a declined fee): any pause ends first
  const close = (t: number, actorId: string, to: RequestStatus, reason: string | null, body?: string) => {
    if (pausedAt !== null) endPause(t, actorId);
    statusChange(t, actorId, to, reason);
    if (body) message(actorId, t, body);
    closedAt = t;
    version++;
  };

  const maybeNote = (from: number, to: number) => {
    if (!ctx.withMessages || to - from < 10 * MINUTE || !rng.chance(0.2)) return;
    const author = rng.chance(0.7) ? assigneeId! : ctx.managerId;
    const at = from + (to - from) * rng.real(0.2, 0.8);
    const id = ctx.uuid();
    messages.push({ id, requestId: plan.id, authorId: author, internal: true, body: rng.pick(INTERNAL_NOTES), createdAt: new Date(at) });
    ev("note", at, author, { public: false, data: { messageId: id } });
  };
  const choosePauseReason = (): PauseReason =>
    plan.isRepeat && rng.chance(0.3) ? "fee" : plan.sensitive && rng.chance(0.6) ? "identity" : "clarification";

  if (fate === "withdrawn") {
    const closed = recv + (ceiling - recv) * rng.real(0.05, 0.9);
    if (optionalPause && plan.isRepeat && closed - recv > 6 * HOUR && rng.chance(0.3)) {
      // Quoted a fee for a repeat; the requester declined it, which ends the request as refused (§8.7, PIPL Art. 50).
      accept(officeHours(recv + (closed - recv) * rng.real(0.05, 0.4), closed - 2 * HOUR, jitter()));
      pause(officeHours(accepted! + (closed - accepted!) * rng.real(0.1, 0.6), closed - MINUTE, jitter()), "fee");
      ev("fee_answered", closed, plan.requesterId, { data: { accepted: false } });
      feeStatus = "declined";
      feeRefused = true;
      refusalExplanation = REFUSAL_TEXTS.repeat_fee_declined;
      close(closed, plan.requesterId, "refused", "repeat_fee_declined");
      message(assigneeId!, closed, refusalExplanation);
    } else {
      if (closed - recv > 2 * HOUR && rng.chance(0.55)) accept(officeHours(recv + (closed - recv) * rng.real(0.1, 0.6), closed - MINUTE, jitter()));
      close(closed, plan.requesterId, "withdrawn", rng.pick(WITHDRAW_REASONS));
    }
  } else if (fate === "in_progress" || fate === "awaiting_requester") {
    accept(officeHours(recv + (now - recv) * rng.real(0.03, 0.35), now - MINUTE, jitter()));
    const t1 = accepted!;
    if (fate === "awaiting_requester") {
      const tp = officeHours(t1 + (now - t1) * rng.real(0.15, 0.95), now - MINUTE, jitter());
      maybeNote(t1, tp);
      pause(tp, choosePauseReason());
    } else {
      if (optionalPause && rng.chance(0.2)) {
        const tp = officeHours(t1 + (now - t1) * rng.real(0.1, 0.5), now - MINUTE, jitter());
        const tr = tp + rng.real(3 * HOUR, 4 * DAY);
        if (tr < now - 10 * MINUTE) {
          pause(tp, choosePauseReason());
          resume(tr);
        }
      }
      maybeNote(resumedAt ?? t1, now);
    }
  } else if (fate === "completed" || fate === "refused") {
    accept(officeHours(recv + (ceiling - recv) * rng.real(0.02, 0.3), ceiling, jitter()));
    const t1 = accepted!;
    let closed: number | null = null;
    if (refusal === "identity_not_verified") {
      // Asked for proof of identity, never got it, refused after a while (the pause ends with the refusal).
      const tp = officeHours(t1 + (ceiling - t1) * rng.real(0.05, 0.3), ceiling, jitter());
      pause(tp, "identity");
      closed = officeHours(tp + rng.real(5, 10) * DAY, now - MINUTE, jitter());
      if (closed >= now - MINUTE) closed = tp + (now - tp) * rng.real(0.5, 0.9);
    } else if (optionalPause && rng.chance(0.25)) {
      const tp = officeHours(t1 + (ceiling - t1) * rng.real(0.1, 0.5), ceiling, jitter());
      const tr = tp + rng.real(3 * HOUR, 5 * DAY);
      if (tr < now - 2 * HOUR) {
        pause(tp, choosePauseReason());
        resume(tr);
      }
    }
    if (closed === null) {
      const due = computeDeadline(new Date(recv), policy, ctx.index, pausedWorkingDays).dueAt.getTime();
      const lower = Math.max(t1, resumedAt ?? t1) + 20 * MINUTE;
      if (rng.chance(0.87)) {
        const upper = Math.min(due, now - MINUTE);
        closed = lower < upper ? officeHours(lower + (upper - lower) * rng.next() ** 1.4, upper, jitter()) : lower;
      } else {
        closed = officeHours(due + rng.real(2 * HOUR, 6 * DAY), now - MINUTE, jitter());
        if (closed >= now - MINUTE) closed = lower + (now - MINUTE - lower) * rng.real(0.3, 0.9);
      }
      closed = Math.min(Math.max(closed, lower), now - MINUTE);
    }
    maybeNote(resumedAt ?? t1, closed);
    if (fate === "completed") {
      outcome = plan.type === "deletion" && plan.medicalScope ? "partially_fulfilled" : rng.chance(0.92) ? "fulfilled" : "partially_fulfilled";
      const reply = plan.type === "deletion" && outcome === "partially_fulfilled" ? PARTIAL_DELETION_NOTE : COMPLETION_NOTES[plan.type];
      close(closed, assigneeId!, "completed", null, reply);
    } else {
      refusalExplanation = REFUSAL_TEXTS[refusal!];
      close(closed, assigneeId!, "refused", refusal, refusalExplanation);
    }
  }

  // Same-instant events keep their written order; otherwise time order.
  events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const final = computeDeadline(new Date(recv), policy, ctx.index, pausedWorkingDays);
  // The real-name check passes at submission for sensitive requests, unless identity had to be asked for.
  const identityVerifiedAt = !plan.sensitive
    ? null
    : lastPauseReason === "identity"
      ? refusal === "identity_not_verified" || resumedAt === null
        ? null
        : resumedAt
      : recv;
  const last = events[events.length - 1]!;
  const request: RequestRow = {
    id: plan.id,
    ref: "",
    type: plan.type,
    status,
    outcome,
    requesterId: plan.requesterId,
    relationship: plan.relationship,
    subjectName: plan.subjectName,
    subjectPhone: plan.subjectPhone,
    subjectAccountId: plan.subjectAccountId,
    scope: plan.scope,
    description: plan.description,
    locale: plan.locale,
    receivedAt: new Date(recv),
    targetDate: final.targetDate,
    dueDate: final.dueDate,
    dueAt: final.dueAt,
    provisional: final.provisional,
    pausedAt: pausedAt === null ? null : new Date(pausedAt),
    pauseReason,
    resumeStatus,
    pausedWorkingDays,
    policyTargetWorkingDays: policy.targetWorkingDays,
    policyDueWorkingDays: policy.dueWorkingDays,
    assigneeId,
    isRepeat: plan.isRepeat,
    identityVerifiedAt: identityVerifiedAt === null ? null : new Date(identityVerifiedAt),
    verificationStatus: "pending",
    feeAmount,
    feeReason: feeAmount === null ? null : FEE_REASON,
    feePayment: feeAmount === null ? null : FEE_PAYMENT,
    feeStatus,
    refusalReason: feeRefused ? "repeat_fee_declined" : refusal,
    refusalExplanation,
    closedAt: closedAt === null ? null : new Date(closedAt),
    version,
    createdAt: new Date(recv),
    updatedAt: last.occurredAt,
  };
  const verification = seedVerification(request, events);
  request.verificationStatus = verification.status;
  return { request, events, messages, verifications: verification.rows };
}

const OPEN: readonly RequestStatus[] = ["submitted", "in_progress", "awaiting_requester"];

function isOverdue(r: RequestRow, now: number): boolean {
  return OPEN.includes(r.status) && r.pausedAt === null && r.dueAt.getTime() < now;
}

function isAtRisk(r: RequestRow, ctx: SimContext): boolean {
  return OPEN.includes(r.status) && slaStatus(r, new Date(ctx.nowMs), ctx.index).state === "at_risk";
}

/**
 * Plays every plan, then makes sure the set shows every status, at least one overdue and one at-risk request (the
 * demo promises them, whatever day it is seeded on): when one is missing, a suitable request is played again with
 * that outcome forced — the latest that can still be open for open statuses, the earliest for closed ones, never the
 * last of its status.
 */
export function simulateDemoSet(ctx: SimContext, plans: readonly RequestPlan[], statuses: readonly RequestStatus[]): Simulated[] {
  const sims = plans.map((p) => simulateRequest(ctx, p));
  const count = (st: RequestStatus) => sims.filter((x) => x.request.status === st).length;
  const baseDue = (p: RequestPlan) => computeDeadline(new Date(p.receivedAt), ctx.policies[p.type], ctx.index, 0).dueAt.getTime();
  const replay = (want: RequestStatus, ok: (p: RequestPlan, i: number) => boolean, latestFirst: boolean) => {
    const order = plans.map((_, i) => i);
    if (latestFirst) order.reverse();
    for (const i of order) {
      const p = plans[i]!;
      if (count(sims[i]!.request.status) < 2 || !ok(p, i)) continue;
      if (want === "completed" && p.type === "cancellation" && !p.allowCancellation) continue;
      sims[i] = simulateRequest(ctx, p, { status: want });
      return;
    }
  };
  for (const st of statuses) {
    if (count(st) > 0) continue;
    const open = OPEN.includes(st);
    replay(st, (p) => !open || baseDue(p) > ctx.nowMs, open);
  }
  if (!sims.some((x) => isOverdue(x.request, ctx.nowMs))) {
    replay("in_progress", (p, i) => baseDue(p) < ctx.nowMs - HOUR && !isOverdue(sims[i]!.request, ctx.nowMs), true);
  }
  if (!sims.some((x) => isAtRisk(x.request, ctx))) {
    // In progress without a pause, its deadline is the base one: at risk when now is past its target or ≤ 2 working days before due.
    const atRiskIfOpen = (p: RequestPlan) => {
      const d = computeDeadline(new Date(p.receivedAt), ctx.policies[p.type], ctx.index, 0);
      const subject = { status: "in_progress", targetDate: d.targetDate, dueDate: d.dueDate, dueAt: d.dueAt, closedAt: null, pausedAt: null };
      return p.receivedAt < ctx.nowMs - 2 * HOUR && slaStatus(subject, new Date(ctx.nowMs), ctx.index).state === "at_risk";
    };
    replay("in_progress", (p, i) => atRiskIfOpen(p) && !isOverdue(sims[i]!.request, ctx.nowMs) && !isAtRisk(sims[i]!.request, ctx), true);
  }
  return sims;
}

/** The app's one reference rule (lib/domain/ref.ts). */
export { formatRef } from "@/lib/domain/ref";
