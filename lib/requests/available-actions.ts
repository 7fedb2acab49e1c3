/**
 * Which workflow actions to offer on the request page, asked of the state machine itself with sample inputs,
 * so the page never offers what the server would refuse for the status, role or assignee. (The server checks
 * again on every action.)
 */
import type { Role } from "@/lib/domain";
import { canReply, isStaff } from "@/lib/policy";
import type { SlaPolicy, WorkingDayIndex } from "@/lib/sla";
import { transition, type WorkflowAction, type WorkflowRequest } from "@/lib/workflow/machine";
import { DECEASED_STAFF_CHECKS } from "@/lib/identity/authority";
import type { StaffActionKind } from "./staff-action-schemas";

const SAMPLES: Partial<Record<StaffActionKind, WorkflowAction>> = {
  claim: { kind: "claim" },
  start: { kind: "start" },
  pause: { kind: "pause", reason: "clarification", message: "?" },
  resume: { kind: "resume" },
  quote_fee: { kind: "quote_fee", amount: 1, reason: "?", payment: "?" },
  complete: { kind: "complete", outcome: "fulfilled", reply: "?" },
  refuse: { kind: "refuse", reason: "impractical", explanation: "?" },
  reopen: { kind: "reopen", reason: "?" },
  // With every check a staff member can tick: whether it is offered does not depend on the form's answers.
  verify: { kind: "verify", note: "?", checked: DECEASED_STAFF_CHECKS },
};

export function availableActions(
  r: WorkflowRequest,
  actor: { id: string; role: Role },
  ctx: { now: Date; index: WorkingDayIndex; policy: SlaPolicy },
): Set<StaffActionKind> {
  const out = new Set<StaffActionKind>();
  if (!isStaff(actor.role)) return out;
  for (const [kind, action] of Object.entries(SAMPLES) as [StaffActionKind, WorkflowAction][]) {
    if (transition(r, action, actor, ctx).ok) out.add(kind);
  }
  // Assigning: the machine checks the assignee's role; any staff member will do for the question.
  if (transition(r, { kind: "assign", assignee: { id: actor.id, role: "agent" } }, actor, ctx).ok) out.add("assign");
  out.add("note");
  if (canReply(actor, r)) out.add("reply");
  return out;
}
