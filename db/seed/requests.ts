import type {
  EventKind,
  RefusalReason,
  Relationship,
  RequestStatus,
  RequestType,
} from "@/db/schema/enums";
import type { RequestScope } from "@/db/schema/requests";
import { computeDeadline, pauseExtension, type SlaPolicy, type WorkingDayIndex } from "@/lib/sla";
import type { Rng } from "./prng";
import { DAY, HOUR, MINUTE, officeHours } from "./time";
import {
  COMPLETION_NOTES,
  INTERNAL_NOTES,
  PARTIAL_DELETION_NOTE,
  PATIENT_ANSWERS,
  REFUSALS_BY_TYPE,
  REFUSAL_TEXTS,
  STAFF_QUESTIONS,
} from "./texts";

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
  pausedWorkingDays: number;
  assigneeId: string | null;
  isRepeat: boolean;
  identityVerifiedAt: Date | null;
  feeAmount: string | null;
  feeReason: string | null;
  feeStatus: string | null;
  refusalReason: RefusalReason | null;
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
  /** Write staff questions, patient answers and internal notes (and their events). */
  withMessages: boolean;
};

export type Simulated = { request: RequestRow; events: EventRow[]; messages: MessageRow[] };

const FEE_AMOUNTS = ["20.00", "30.00", "50.00"] as const;
const FEE_REASON = "12个月内重复提出同类请求，按隐私政策§8.7收取合理成本费用";

/**
 * Plays a request's life from receipt to `now`: how far it got (by its age against the deadline), who took it,
 * whether it waited on the requester, and when and how it closed — with its events in order and the SLA
 * fields computed by the deadline engine. Closed requests mostly meet their due date; a few miss it; open ones
 * are mostly recent, a few overdue.
 */
export function simulateRequest(ctx: SimContext, plan: RequestPlan, force?: { status: RequestStatus }): Simulated {
  const { rng, nowMs: now } = ctx;
  const recv = plan.receivedAt;
  const policy = ctx.policies[plan.type];
  const base = computeDeadline(new Date(recv), policy, ctx.index, 0);
  const baseDue = base.dueAt.getTime();
  const ceiling = Math.min(now, baseDue);

  // ---- How far it got ------------------------------------------------------------------------------
  let status: RequestStatus;
  // Forced outcomes (ensureVariety) take the straight path: no optional pause.
  const optionalPause = force === undefined;
  const pOpen = now < baseDue ? 0.92 - 0.55 * ((now - recv) / (baseDue - recv)) : 0.25 * Math.exp(-(now - baseDue) / (10 * DAY));
  if (force) {
    status = force.status;
  } else if (rng.chance(pOpen)) {
    if (now - recv < 20 * HOUR) status = rng.chance(0.8) ? "submitted" : "in_progress";
    else status = rng.weighted([["submitted", 6], ["in_progress", 66], ["awaiting_requester", 28]] as const);
  } else {
    status = rng.weighted([["completed", 74], ["refused", 10], ["withdrawn", 16]] as const);
    // A demo patient's account stays open (they must be able to sign in): they changed their mind, mostly.
    if (status === "completed" && plan.type === "cancellation" && !plan.allowCancellation) {
      status = rng.chance(0.75) ? "withdrawn" : "refused";
    }
  }
  const refusal: RefusalReason | null =
    status === "refused"
      ? plan.isRepeat && rng.chance(0.25)
        ? "unreasonably_repeated"
        : rng.weighted(REFUSALS_BY_TYPE[plan.type])
      : null;

  // ---- Events --------------------------------------------------------------------------------------
  const events: EventRow[] = [];
  const messages: MessageRow[] = [];
  const ev = (kind: EventKind, at: number, e: Partial<EventRow> = {}) => {
    events.push({
      requestId: plan.id,
      kind,
      fromStatus: null,
      toStatus: null,
      actorId: null,
      reason: null,
      public: true,
      data: {},
      occurredAt: new Date(at),
      ...e,
    });
  };
  const message = (authorId: string, at: number, body: string, internal: boolean) => {
    if (!ctx.withMessages) return;
    const id = ctx.uuid();
    messages.push({ id, requestId: plan.id, authorId, internal, body, createdAt: new Date(at) });
    ev(internal ? "note" : "message", at, { actorId: authorId, public: !internal, data: { messageId: id } });
  };
  const jitter = () => rng.int(0, 50);

  ev("submitted", recv, { toStatus: "submitted", actorId: plan.requesterId, data: { type: plan.type } });

  let assigneeId = null as string | null;
  let accepted = null as number | null;
  const accept = (t: number) => {
    assigneeId = rng.pick(ctx.agentIds);
    accepted = t;
    const byManager = rng.chance(0.5);
    const assignedAt = byManager ? Math.max(recv + MINUTE, t - rng.int(1, 30) * MINUTE) : t;
    ev("assigned", assignedAt, { actorId: byManager ? ctx.managerId : assigneeId, public: false, data: { assigneeId } });
    ev("status_changed", t, { fromStatus: "submitted", toStatus: "in_progress", actorId: assigneeId });
  };

  let pauseReason = null as PauseReason | null;
  let pausedAt = null as number | null;
  let resumedAt = null as number | null;
  let feeAmount = null as string | null;
  let feeStatus = null as string | null;
  const choosePauseReason = (): PauseReason =>
    plan.isRepeat && rng.chance(0.3) ? "fee" : plan.sensitive && rng.chance(0.6) ? "identity" : "clarification";
  const pause = (t: number, reason: PauseReason) => {
    const staff = assigneeId!;
    pauseReason = reason;
    pausedAt = t;
    ev("paused", t, { fromStatus: "in_progress", toStatus: "awaiting_requester", actorId: staff, data: { pauseReason: reason } });
    if (reason === "fee") {
      feeAmount = rng.pick(FEE_AMOUNTS);
      feeStatus = "quoted";
      ev("fee_quoted", t, { actorId: staff, data: { amount: feeAmount, reason: FEE_REASON } });
    }
    const question =
      reason === "identity"
        ? STAFF_QUESTIONS.identity
        : reason === "fee"
          ? STAFF_QUESTIONS.fee.replace("{fee}", feeAmount ?? "")
          : STAFF_QUESTIONS.clarification[plan.type];
    message(staff, t + 1000, question, false);
  };
  const resume = (t: number) => {
    const reason = pauseReason!;
    const answeredAt = Math.max(pausedAt! + 2000, t - rng.int(1, 40) * MINUTE);
    message(plan.requesterId, answeredAt, PATIENT_ANSWERS[reason], false);
    if (reason === "fee") {
      feeStatus = "accepted";
      ev("fee_answered", answeredAt, { actorId: plan.requesterId, data: { accepted: true } });
    }
    resumedAt = t;
    ev("resumed", t, { fromStatus: "awaiting_requester", toStatus: "in_progress", actorId: assigneeId });
  };
  const maybeNote = (from: number, to: number) => {
    if (!ctx.withMessages || to - from < 10 * MINUTE || !rng.chance(0.2)) return;
    const author = rng.chance(0.7) ? assigneeId! : ctx.managerId;
    message(author, from + (to - from) * rng.real(0.2, 0.8), rng.pick(INTERNAL_NOTES), true);
  };

  let pausedWorkingDays = 0;
  let closedAt = null as number | null;
  let outcome = null as RequestRow["outcome"];

  if (status === "withdrawn") {
    const closed = recv + (ceiling - recv) * rng.real(0.05, 0.9);
    if (closed - recv > 2 * HOUR && rng.chance(0.55)) accept(officeHours(recv + (closed - recv) * rng.real(0.1, 0.6), closed - MINUTE, jitter()));
    closedAt = closed;
    ev("status_changed", closed, {
      fromStatus: accepted === null ? "submitted" : "in_progress",
      toStatus: "withdrawn",
      actorId: plan.requesterId,
      reason: "申请人撤回请求",
    });
  } else if (status === "in_progress" || status === "awaiting_requester") {
    accept(officeHours(recv + (now - recv) * rng.real(0.03, 0.35), now - MINUTE, jitter()));
    const t1 = accepted!;
    if (status === "awaiting_requester") {
      pause(officeHours(t1 + (now - t1) * rng.real(0.15, 0.95), now - MINUTE, jitter()), choosePauseReason());
      maybeNote(t1, pausedAt!);
    } else {
      if (optionalPause && rng.chance(0.2)) {
        const tp = officeHours(t1 + (now - t1) * rng.real(0.1, 0.5), now - MINUTE, jitter());
        const tr = tp + rng.real(3 * HOUR, 4 * DAY);
        if (tr < now - 10 * MINUTE) {
          pause(tp, choosePauseReason());
          resume(tr);
          pausedWorkingDays += pauseExtension(new Date(tp), new Date(tr), ctx.index);
        }
      }
      maybeNote(resumedAt ?? t1, now);
    }
  } else if (status === "completed" || status === "refused") {
    accept(officeHours(recv + (ceiling - recv) * rng.real(0.02, 0.3), ceiling, jitter()));
    const t1 = accepted!;
    if (refusal === "identity_not_verified") {
      // Asked for proof of identity, never got it, refused after a while.
      const tp = officeHours(t1 + (ceiling - t1) * rng.real(0.05, 0.3), ceiling, jitter());
      pause(tp, "identity");
      let closed = officeHours(tp + rng.real(5, 10) * DAY, now - MINUTE, jitter());
      if (closed >= now - MINUTE) closed = tp + (now - tp) * rng.real(0.5, 0.9);
      pausedWorkingDays += pauseExtension(new Date(tp), new Date(closed), ctx.index);
      closedAt = closed;
    } else if (optionalPause && rng.chance(0.25)) {
      const tp = officeHours(t1 + (ceiling - t1) * rng.real(0.1, 0.5), ceiling, jitter());
      const tr = tp + rng.real(3 * HOUR, 5 * DAY);
      if (tr < now - 2 * HOUR) {
        pause(tp, choosePauseReason());
        resume(tr);
        pausedWorkingDays += pauseExtension(new Date(tp), new Date(tr), ctx.index);
      }
    }
    if (closedAt === null) {
      const due = computeDeadline(new Date(recv), policy, ctx.index, pausedWorkingDays).dueAt.getTime();
      const lower = Math.max(t1, resumedAt ?? t1) + 20 * MINUTE;
      let closed: number;
      if (rng.chance(0.87)) {
        const upper = Math.min(due, now - MINUTE);
        closed = lower < upper ? officeHours(lower + (upper - lower) * rng.next() ** 1.4, upper, jitter()) : lower;
      } else {
        closed = officeHours(due + rng.real(2 * HOUR, 6 * DAY), now - MINUTE, jitter());
        if (closed >= now - MINUTE) closed = lower + (now - MINUTE - lower) * rng.real(0.3, 0.9);
      }
      closedAt = Math.min(Math.max(closed, lower), now - MINUTE);
    }
    maybeNote(resumedAt ?? t1, closedAt);
    if (status === "completed") {
      outcome = plan.type === "deletion" && plan.medicalScope ? "partially_fulfilled" : rng.chance(0.92) ? "fulfilled" : "partially_fulfilled";
      ev("status_changed", closedAt, {
        fromStatus: "in_progress",
        toStatus: "completed",
        actorId: assigneeId,
        reason: plan.type === "deletion" && outcome === "partially_fulfilled" ? PARTIAL_DELETION_NOTE : COMPLETION_NOTES[plan.type],
        data: { outcome },
      });
    } else {
      ev("status_changed", closedAt, {
        fromStatus: pausedAt !== null && resumedAt === null ? "awaiting_requester" : "in_progress",
        toStatus: "refused",
        actorId: assigneeId,
        reason: REFUSAL_TEXTS[refusal!],
        data: { refusalReason: refusal },
      });
    }
  }

  // Same-instant events keep their written order; otherwise time order.
  events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const final = computeDeadline(new Date(recv), policy, ctx.index, pausedWorkingDays);
  const open = closedAt === null;
  const stillPaused = open && status === "awaiting_requester";
  const identityVerifiedAt =
    plan.sensitive && accepted !== null && refusal !== "identity_not_verified"
      ? pauseReason === "identity" && resumedAt !== null
        ? resumedAt
        : accepted
      : null;
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
    pausedAt: stillPaused ? new Date(pausedAt!) : null,
    pauseReason: stillPaused ? pauseReason : null,
    pausedWorkingDays,
    assigneeId,
    isRepeat: plan.isRepeat,
    identityVerifiedAt: identityVerifiedAt === null ? null : new Date(identityVerifiedAt),
    feeAmount,
    feeReason: feeAmount === null ? null : FEE_REASON,
    feeStatus,
    refusalReason: refusal,
    closedAt: closedAt === null ? null : new Date(closedAt),
    version: events.length - 1,
    createdAt: new Date(recv),
    updatedAt: last.occurredAt,
  };
  return { request, events, messages };
}

const OPEN: readonly RequestStatus[] = ["submitted", "in_progress", "awaiting_requester"];

function isOverdue(r: RequestRow, now: number): boolean {
  return OPEN.includes(r.status) && r.pausedAt === null && r.dueAt.getTime() < now;
}

/**
 * Plays every plan, then makes sure the set shows every status and at least one overdue request (the demo
 * promises them): when one is missing, a suitable request is played again with that outcome forced — the
 * latest that can still be open for open statuses, the earliest for closed ones, never the last of its status.
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
  return sims;
}

/** `DSR-<year of receipt, Shanghai>-<number, at least 6 digits>`. */
export function formatRef(receivedAt: Date, n: number): string {
  const year = new Date(receivedAt.getTime() + 8 * HOUR).getUTCFullYear();
  return `DSR-${year}-${String(n).padStart(6, "0")}`;
}
