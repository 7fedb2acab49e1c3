/**
 * A request's life (DESIGN.md), as a pure function: given the request, an action, who acts and the clock, it
 * returns the change and the history rows to write, or the reason it is not allowed. No database, no clock.
 *
 *   submitted ──> in_progress ──> completed (fulfilled | partially_fulfilled)
 *       │   ▲          │    ▲  └──> refused (coded reason + written explanation)
 *       └──> awaiting_requester (clock paused) ──┘
 *   any open state ──> withdrawn (by the patient)      closed ──> in_progress again (reopened by a manager)
 */
import {
  CLOSED_STATUSES,
  type FeeStatus,
  type PauseReason,
  type RefusalReason,
  type Relationship,
  type RequestStatus,
  type Role,
  type VerificationMethod,
  type VerificationResult,
  type VerificationStatus,
} from "@/lib/domain";
import { hasTemplateBlank } from "@/lib/domain/template-blank";
import { DECEASED_STAFF_CHECKS } from "@/lib/identity/authority";
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
  verificationStatus: VerificationStatus;
  /** The same type from the same subject within 12 months (§8.7): the only requests a cost fee may be quoted on. */
  isRepeat: boolean;
  /** Who the requester is to the subject; a close relative of a deceased patient needs one more check to verify. */
  relationship?: Relationship;
};

export type WorkflowActor = { id: string; role: Role };

export type WorkflowAction =
  | { kind: "claim" }
  | { kind: "assign"; assignee: WorkflowActor }
  | { kind: "start" }
  | { kind: "pause"; reason: PauseReason; message: string }
  | { kind: "resume"; message?: string }
  /** A cost fee on a repeated request (§8.7): amount, why, and how to pay. */
  | { kind: "quote_fee"; amount: number; reason: string; payment: string }
  /** Declining ends the request as refused (`repeat_fee_declined`) with the written explanation of PIPL Art. 50. */
  | { kind: "answer_fee"; accept: boolean; explanation?: string }
  /** `notDone`: the requested items its fulfilment left undone (lib/fulfilment/items.ts); with any, it closes only as partially fulfilled. */
  | { kind: "complete"; outcome: "fulfilled" | "partially_fulfilled"; reply: string; notDone?: number }
  | { kind: "refuse"; reason: RefusalReason; explanation: string }
  | { kind: "withdraw"; reason?: string }
  | { kind: "reopen"; reason: string }
  /** Staff accept the proofs of who asks and for whom (a request for someone else, or one whose identity was questioned). */
  /** `checked`: what staff confirm having checked (DECEASED_STAFF_CHECKS for a close relative's request). */
  | { kind: "verify"; note: string; checked?: readonly string[] };

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
  | "fee_not_repeat"
  | "payment_required"
  | "not_paused_for_fee"
  | "note_required"
  | "already_verified"
  | "identity_not_verified"
  | "not_all_done"
  | "arrangement_unchecked"
  | "reply_unfinished";

export type EventDraft = {
  kind: "status_changed" | "assigned" | "paused" | "resumed" | "fee_quoted" | "fee_answered" | "reopened" | "verification";
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
  feePayment: string | null;
  closedAt: Date | null;
  verificationStatus: VerificationStatus;
  identityVerifiedAt: Date | null;
}>;

/** A line of the request's verification record that a transition adds (staff deciding on the proofs). */
export type VerificationDraft = { method: VerificationMethod; result: VerificationResult; note: string | null; checked?: string[] };

export type WorkflowResult =
  { ok: true; patch: RequestPatch; events: EventDraft[]; verification?: VerificationDraft } | { ok: false; error: WorkflowError };

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
      const paused: WorkflowResult & { ok: true } = {
        ok: true,
        patch: { status: "awaiting_requester", pausedAt: ctx.now, pauseReason: action.reason, resumeStatus: r.status },
        events: [statusChange(r.status, "awaiting_requester", action.reason), { kind: "paused", public: true, reason: action.reason }],
      };
      if (action.reason !== "identity") return paused;
      // Asking for proof of identity means we do not know yet: nothing is fulfilled until staff accept it.
      return {
        ...paused,
        patch: { ...paused.patch, verificationStatus: "pending" },
        events: [...paused.events, { kind: "verification", public: false, data: { result: "more_needed" } }],
        verification: { method: "document_review", result: "more_needed", note: action.message.trim() },
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
      // §8.7: requests are free; only a flagged repeat may carry a cost fee.
      if (!r.isRepeat) return fail("fee_not_repeat");
      if (!Number.isFinite(action.amount) || action.amount <= 0 || action.amount > 100_000) return fail("fee_invalid");
      if (blank(action.reason)) return fail("reason_required");
      if (blank(action.payment)) return fail("payment_required");
      return {
        ok: true,
        patch: {
          status: "awaiting_requester",
          pausedAt: ctx.now,
          pauseReason: "fee",
          resumeStatus: r.status,
          feeAmount: action.amount.toFixed(2),
          feeReason: action.reason.trim(),
          feePayment: action.payment.trim(),
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
      if (!action.accept) {
        // Declining a fee is a refusal of the request (§8.7), not a withdrawal: it carries its reason and explanation.
        if (blank(action.explanation)) return fail("explanation_required");
        const answered: EventDraft = { kind: "fee_answered", public: true, data: { accepted: false } };
        const closed = close(
          r,
          ctx,
          "refused",
          { feeStatus: "declined", refusalReason: "repeat_fee_declined", refusalExplanation: action.explanation!.trim() },
          "repeat_fee_declined",
        );
        return closed.ok ? { ...closed, events: [answered, ...closed.events] } : closed;
      }
      // Accepted: the next step is the payment, by the instructions the patient was given.
      const answered: EventDraft = { kind: "fee_answered", public: true, data: { accepted: true, step: "payment" } };
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
      if (r.verificationStatus !== "verified") return fail("identity_not_verified");
      if (blank(action.reply)) return fail("message_required");
      // A template's blank left unfilled: the reply is not finished (the facts of the outcome are added by the system).
      if (hasTemplateBlank(action.reply)) return fail("reply_unfinished");
      // Outcomes are item by item: anything asked for and not done (kept by law, refused) is a partial fulfilment.
      if (action.outcome === "fulfilled" && (action.notDone ?? 0) > 0) return fail("not_all_done");
      return close(r, ctx, "completed", { outcome: action.outcome });
    }
    case "refuse": {
      if (!staff) return fail("not_allowed");
      if (!mayWork) return fail("not_assignee");
      if (!isOpen(r.status)) return fail("wrong_status");
      if (!action.reason) return fail("reason_required");
      if (blank(action.explanation)) return fail("explanation_required");
      const refused = close(r, ctx, "refused", { refusalReason: action.reason, refusalExplanation: action.explanation.trim() }, action.reason);
      if (!refused.ok || action.reason !== "identity_not_verified") return refused;
      return {
        ...refused,
        patch: { ...refused.patch, verificationStatus: "rejected" },
        events: [{ kind: "verification", public: false, data: { result: "rejected" } }, ...refused.events],
        verification: { method: "document_review", result: "rejected", note: action.explanation.trim() },
      };
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
        patch: {
          status: "in_progress",
          closedAt: null,
          outcome: null,
          refusalReason: null,
          refusalExplanation: null,
          // A refusal for unverified identity is looked at again: the proofs wait for a new decision.
          ...(r.verificationStatus === "rejected" ? { verificationStatus: "pending" as const } : {}),
        },
        events: [{ kind: "reopened", fromStatus: r.status, toStatus: "in_progress", reason: action.reason.trim(), public: true }],
      };
    }
    case "verify": {
      if (!staff) return fail("not_allowed");
      if (!mayWork) return fail("not_assignee");
      if (!isOpen(r.status)) return fail("wrong_status");
      if (r.verificationStatus === "verified") return fail("already_verified");
      if (blank(action.note)) return fail("note_required");
      // PIPL Art. 49: a relative's rights give way to the deceased's own arrangements; staff record having checked.
      const checked = [...new Set(action.checked ?? [])];
      if (r.relationship === "close_relative" && !DECEASED_STAFF_CHECKS.every((c) => checked.includes(c))) return fail("arrangement_unchecked");
      const accepted: EventDraft = { kind: "verification", public: true, data: { result: "passed" } };
      const patch: RequestPatch = { verificationStatus: "verified", identityVerifiedAt: ctx.now };
      const verification: VerificationDraft = {
        method: "document_review",
        result: "passed",
        note: action.note.trim(),
        ...(checked.length > 0 ? { checked } : {}),
      };
      // Accepting the proofs the patient was asked for answers that question: the clock runs again.
      if (r.status === "awaiting_requester" && r.pauseReason === "identity") {
        const ended = endPause(r, ctx)!;
        const to = r.resumeStatus && r.resumeStatus !== "awaiting_requester" ? r.resumeStatus : "in_progress";
        return {
          ok: true,
          patch: { ...ended.patch, ...patch, status: to },
          events: [accepted, { ...ended.event, data: { ...ended.event.data, by: "staff" } }, statusChange(r.status, to)],
          verification,
        };
      }
      return { ok: true, patch, events: [accepted], verification };
    }
  }
}
