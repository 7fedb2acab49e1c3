/**
 * A request's life (DESIGN.md), as a pure function: given the request, an action, who acts and the clock, it
 * returns the change and the history rows to write, or the reason it is not allowed. No database, no clock.
 *
 *   submitted ──> in_progress ──> completed (fulfilled | partially_fulfilled)
 *       │   ▲          │    ▲  └──> refused (coded reason + written explanation)
 *       └──> awaiting_requester (clock paused) ──┘
 *   any open state ──> withdrawn (by the patient)      closed ──> in_progress again (reopened by a manager)
 */
import { CLOSED_STATUSES, type FeeStatus, type PauseReason, type RefusalReason, type RequestStatus, type Role } from "@/lib/domain";
import { canClaim, canManage, canWork, isRequester, isStaff } from "@/lib/policy";
import { computeDeadline, pauseExtension, type SlaPolicy, type WorkingDayIndex } from "@/lib/sla";

export type WorkflowRequest = {
  status: RequestStatus;
  assigneeId: string | null;
  requesterId: string;
  receivedAt: Date;
  pausedAt: Date | null;
  pauseReason: PauseReason | null;
  resumeStatus: RequestStatus | null;
  pausedWorkingDays: number;
};

export type WorkflowActor = { id: string; role: Role };

export type WorkflowAction =
  | { kind: "claim" }
  | { kind: "assign"; assignee: WorkflowActor }
  | { kind: "start" }
  | { kind: "pause"; reason: PauseReason; message: string }
  | { kind: "resume"; message?: string }
  | { kind: "quote_fee"; amount: number; reason: string }
  | { kind: "answer_fee"; accept: boolean }
  | { kind: "complete"; outcome: "fulfilled" | "partially_fulfilled"; reply: string }
  | { kind: "refuse"; reason: RefusalReason; explanation: string }
  | { kind: "withdraw"; reason?: string }
  | { kind: "reopen"; reason: string };

export type WorkflowError =
  | "not_allowed"
  | "wrong_status"
  | "already_claimed"
  | "not_assignee"
  | "assignee_not_staff"
  | "reason_required"
  | "message_required"
  | "explanation_required"
  | "fee_invalid"
  | "not_paused_for_fee";

export type EventDraft = {
  kind: "status_changed" | "assigned" | "paused" | "resumed" | "fee_quoted" | "fee_answered" | "reopened";
  fromStatus?: RequestStatus;
  toStatus?: RequestStatus;
  reason?: string;
  public: boolean;
  data?: Record<string, unknown>;
};

export type RequestPatch = Partial<{
  status: RequestStatus;
  outcome: "fulfilled" | "partially_fulfilled" | null;
  assigneeId: string | null;
  pausedAt: Date | null;
  pauseReason: PauseReason | null;
  resumeStatus: RequestStatus | null;
  pausedWorkingDays: number;
  targetDate: string;
  dueDate: string;
  dueAt: Date;
  provisional: boolean;
  refusalReason: RefusalReason | null;
  refusalExplanation: string | null;
  feeAmount: string | null;
  feeReason: string | null;
  feeStatus: FeeStatus | null;
  closedAt: Date | null;
}>;

export type WorkflowResult = { ok: true; patch: RequestPatch; events: EventDraft[] } | { ok: false; error: WorkflowError };

export type WorkflowContext = { now: Date; index: WorkingDayIndex; policy: SlaPolicy };

const isOpen = (s: RequestStatus) => s === "submitted" || s === "in_progress" || s === "awaiting_requester";
const isClosed = (s: RequestStatus) => (CLOSED_STATUSES as readonly string[]).includes(s);
const blank = (s: string | undefined) => !s || s.trim().length === 0;

const fail = (error: WorkflowError): WorkflowResult => ({ ok: false, error });

/** Ends a pause: the due date and target move later by the working days d with pause date < d ≤ today. */
function endPause(r: WorkflowRequest, ctx: WorkflowContext): { patch: RequestPatch; event: EventDraft } | null {
  if (!r.pausedAt) return null;
  const extension = pauseExtension(r.pausedAt, ctx.now, ctx.index);
  const pausedWorkingDays = r.pausedWorkingDays + extension;
  const d = computeDeadline(r.receivedAt, ctx.policy, ctx.index, pausedWorkingDays);
  return {
    patch: {
      pausedAt: null,
      pauseReason: null,
      resumeStatus: null,
      pausedWorkingDays,
      targetDate: d.targetDate,
      dueDate: d.dueDate,
      dueAt: d.dueAt,
      provisional: d.provisional,
    },
    event: { kind: "resumed", public: true, data: { extension, dueDate: d.dueDate, targetDate: d.targetDate } },
  };
}

function statusChange(from: RequestStatus, to: RequestStatus, reason?: string): EventDraft {
  return { kind: "status_changed", fromStatus: from, toStatus: to, reason, public: true };
}

/** Closes the request, ending any pause first so the time spent waiting is not counted against us. */
function close(r: WorkflowRequest, ctx: WorkflowContext, to: RequestStatus, patch: RequestPatch, reason?: string): WorkflowResult {
  const ended = endPause(r, ctx);
  return {
    ok: true,
    patch: { ...ended?.patch, ...patch, status: to, closedAt: ctx.now },
    events: [...(ended ? [ended.event] : []), statusChange(r.status, to, reason)],
  };
}

export function transition(r: WorkflowRequest, action: WorkflowAction, actor: WorkflowActor, ctx: WorkflowContext): WorkflowResult {
  const staff = isStaff(actor.role);
  const requester = isRequester(actor, r);
  const mayWork = canWork(actor, r);

  switch (action.kind) {
    case "claim": {
      if (!staff) return fail("not_allowed");
      if (!isOpen(r.status)) return fail("wrong_status");
      if (!canClaim(actor, r)) return fail("already_claimed");
      const to = r.status === "submitted" ? "in_progress" : r.status;
      const events: EventDraft[] = [{ kind: "assigned", public: false, data: { assigneeId: actor.id, claimed: true } }];
      if (to !== r.status) events.push(statusChange(r.status, to));
      return { ok: true, patch: { assigneeId: actor.id, status: to }, events };
    }
    case "assign": {
      if (!canManage(actor)) return fail("not_allowed");
      if (!isOpen(r.status)) return fail("wrong_status");
      if (!isStaff(action.assignee.role)) return fail("assignee_not_staff");
      return {
        ok: true,
        patch: { assigneeId: action.assignee.id },
        events: [{ kind: "assigned", public: false, data: { assigneeId: action.assignee.id, previousAssigneeId: r.assigneeId } }],
      };
    }
    case "start": {
      if (!canClaim(actor, r) && !mayWork) return fail(staff ? "not_assignee" : "not_allowed");
      if (r.status !== "submitted") return fail("wrong_status");
      return { ok: true, patch: { status: "in_progress", assigneeId: r.assigneeId ?? actor.id }, events: [statusChange(r.status, "in_progress")] };
    }
    case "pause": {
      if (!staff) return fail("not_allowed");
      if (!mayWork) return fail("not_assignee");
      if (r.status !== "submitted" && r.status !== "in_progress") return fail("wrong_status");
      if (blank(action.message)) return fail("message_required");
      return {
        ok: true,
        patch: { status: "awaiting_requester", pausedAt: ctx.now, pauseReason: action.reason, resumeStatus: r.status },
        events: [statusChange(r.status, "awaiting_requester", action.reason), { kind: "paused", public: true, reason: action.reason }],
      };
    }
    case "resume": {
      if (!(requester || mayWork)) return fail(staff ? "not_assignee" : "not_allowed");
      if (r.status !== "awaiting_requester") return fail("wrong_status");
      if (requester && r.pauseReason === "fee") return fail("not_allowed");
      const ended = endPause(r, ctx)!;
      const to = r.resumeStatus && r.resumeStatus !== "awaiting_requester" ? r.resumeStatus : "in_progress";
      return {
        ok: true,
        patch: { ...ended.patch, status: to },
        events: [{ ...ended.event, data: { ...ended.event.data, by: requester ? "requester" : "staff" } }, statusChange(r.status, to)],
      };
    }
    case "quote_fee": {
      if (!staff) return fail("not_allowed");
      if (!mayWork) return fail("not_assignee");
      if (r.status !== "submitted" && r.status !== "in_progress") return fail("wrong_status");
      if (!Number.isFinite(action.amount) || action.amount <= 0 || action.amount > 100_000) return fail("fee_invalid");
      if (blank(action.reason)) return fail("reason_required");
      return {
        ok: true,
        patch: {
          status: "awaiting_requester",
          pausedAt: ctx.now,
          pauseReason: "fee",
          resumeStatus: r.status,
          feeAmount: action.amount.toFixed(2),
          feeReason: action.reason.trim(),
          feeStatus: "quoted",
        },
        events: [
          statusChange(r.status, "awaiting_requester", "fee"),
          { kind: "paused", public: true, reason: "fee" },
          { kind: "fee_quoted", public: true, data: { amount: action.amount.toFixed(2) }, reason: action.reason.trim() },
        ],
      };
    }
    case "answer_fee": {
      if (!requester) return fail("not_allowed");
      if (r.status !== "awaiting_requester" || r.pauseReason !== "fee") return fail("not_paused_for_fee");
      const answered: EventDraft = { kind: "fee_answered", public: true, data: { accepted: action.accept } };
      if (!action.accept) {
        const closed = close(r, ctx, "withdrawn", { feeStatus: "declined" }, "fee_declined");
        return closed.ok ? { ...closed, events: [answered, ...closed.events] } : closed;
      }
      const ended = endPause(r, ctx)!;
      const to = r.resumeStatus && r.resumeStatus !== "awaiting_requester" ? r.resumeStatus : "in_progress";
      return {
        ok: true,
        patch: { ...ended.patch, status: to, feeStatus: "accepted" },
        events: [answered, { ...ended.event, data: { ...ended.event.data, by: "requester" } }, statusChange(r.status, to)],
      };
    }
    case "complete": {
      if (!staff) return fail("not_allowed");
      if (!mayWork) return fail("not_assignee");
      if (r.status !== "in_progress") return fail("wrong_status");
      if (blank(action.reply)) return fail("message_required");
      return close(r, ctx, "completed", { outcome: action.outcome });
    }
    case "refuse": {
      if (!staff) return fail("not_allowed");
      if (!mayWork) return fail("not_assignee");
      if (!isOpen(r.status)) return fail("wrong_status");
      if (!action.reason) return fail("reason_required");
      if (blank(action.explanation)) return fail("explanation_required");
      return close(r, ctx, "refused", { refusalReason: action.reason, refusalExplanation: action.explanation.trim() }, action.reason);
    }
    case "withdraw": {
      if (!requester) return fail("not_allowed");
      if (!isOpen(r.status)) return fail("wrong_status");
      return close(r, ctx, "withdrawn", {}, action.reason);
    }
    case "reopen": {
      if (!canManage(actor)) return fail("not_allowed");
      if (!isClosed(r.status)) return fail("wrong_status");
      if (blank(action.reason)) return fail("reason_required");
      return {
        ok: true,
        patch: { status: "in_progress", closedAt: null, outcome: null, refusalReason: null, refusalExplanation: null },
        events: [
          { kind: "reopened", fromStatus: r.status, toStatus: "in_progress", reason: action.reason.trim(), public: true },
        ],
      };
    }
  }
}
