import "server-only";
import type { Db } from "@/db/client";
import { performAction, type ActionDefinition } from "@/lib/actions/perform";
import { failure, type ActionResult } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/session";
import type { Role } from "@/lib/domain";
import { MANAGER_ROLES, STAFF_ROLES } from "@/lib/policy";
import type { WorkflowAction, WorkflowError } from "@/lib/workflow/machine";
import { MANAGER_ACTIONS, StaffActionSchemas, type StaffActionKind } from "./staff-action-schemas";
import { addInternalNote, sendPublicReply } from "./staff-messages";
import { applyTransition } from "./transitions";

type Parsed<K extends StaffActionKind> = ReturnType<(typeof StaffActionSchemas)[K]["parse"]>;

/** The workflow action a validated form stands for. */
function workflowAction(kind: Exclude<StaffActionKind, "note" | "reply">, d: Record<string, unknown>): WorkflowAction {
  switch (kind) {
    case "claim":
      return { kind: "claim" };
    case "start":
      return { kind: "start" };
    case "assign":
      // The assignee's role is read from the database by applyTransition; this one is never trusted.
      return { kind: "assign", assignee: { id: (d as Parsed<"assign">).assigneeId, role: "patient" } };
    case "pause": {
      const p = d as Parsed<"pause">;
      return { kind: "pause", reason: p.reason, message: p.message };
    }
    case "resume":
      return { kind: "resume", message: (d as Parsed<"resume">).message };
    case "quote_fee": {
      const p = d as Parsed<"quote_fee">;
      return { kind: "quote_fee", amount: p.amount, reason: p.reason, payment: p.payment };
    }
    case "complete": {
      const p = d as Parsed<"complete">;
      return { kind: "complete", outcome: p.outcome, reply: p.reply };
    }
    case "refuse": {
      const p = d as Parsed<"refuse">;
      return { kind: "refuse", reason: p.reason, explanation: p.explanation };
    }
    case "reopen":
      return { kind: "reopen", reason: (d as Parsed<"reopen">).reason };
    case "verify":
      return { kind: "verify", note: (d as Parsed<"verify">).note, checked: (d as Parsed<"verify">).checked };
  }
}

/** Workflow refusals that belong to one field of the form. */
const FIELD_OF_ERROR: Partial<Record<WorkflowError, string>> = {
  reason_required: "reason",
  message_required: "message",
  explanation_required: "explanation",
  fee_invalid: "amount",
  payment_required: "payment",
  assignee_not_staff: "assigneeId",
  note_required: "note",
  not_all_done: "outcome",
  arrangement_unchecked: "checked",
  reply_unfinished: "reply",
};
const MESSAGE_FIELD: Partial<Record<StaffActionKind, string>> = { complete: "reply" };

/** What a staff action answers on success: the catalog key of the sentence saying what was done. */
export type StaffActionDone = { message: string };

/** A workflow refusal as the pipeline answers it, on its field when it is about one. */
function refused(kind: StaffActionKind, error: WorkflowError | "stale"): ActionResult<StaffActionDone> {
  const field = error === "message_required" ? (MESSAGE_FIELD[kind] ?? "message") : error !== "stale" ? FIELD_OF_ERROR[error] : undefined;
  return failure(error, field ? { fieldErrors: { [field]: error } } : {});
}

/**
 * The change a validated staff action makes, through the workflow (lib/requests/transitions.ts, one
 * transaction) or, for notes and messages, lib/requests/staff-messages.ts; finer rules (assignee, status)
 * are the domain's, its refusals mapped to codes here.
 */
async function runStaffAction(
  db: Db,
  actor: Actor,
  kind: StaffActionKind,
  data: Record<string, unknown> & { ref: string },
  now: Date,
): Promise<ActionResult<StaffActionDone>> {
  const ref = data.ref.toUpperCase();
  if (kind === "note") {
    await addInternalNote(db, actor, ref, (data as Parsed<"note">).body, now);
    return { ok: true, message: "staff.done.note" };
  }
  if (kind === "reply") {
    const sent = await sendPublicReply(db, actor, ref, (data as Parsed<"reply">).body, now);
    return sent.ok ? { ok: true, message: "staff.done.reply" } : refused(kind, sent.error);
  }
  const result = await applyTransition(db, actor, { ref, version: Number(data.version), action: workflowAction(kind, data) }, now);
  if (result.ok) return { ok: true, message: `staff.done.${kind}` };
  // The form refreshes the page on this code, so the header shows the holder too (simple-action-form.tsx).
  if (result.error === "already_claimed" && result.holder !== undefined) return failure("claimed_by", { params: { name: result.holder } });
  return refused(kind, result.error);
}

/** A staff action on a request as one pipeline definition: staff (managers for assign and reopen), its schema, the change. */
export function staffActionDefinition<K extends StaffActionKind>(
  kind: K,
): ActionDefinition<(typeof StaffActionSchemas)[K], StaffActionDone> & { roles: readonly Role[] } {
  return {
    name: `staff.${kind}`,
    roles: MANAGER_ACTIONS.includes(kind) ? MANAGER_ROLES : STAFF_ROLES,
    schema: StaffActionSchemas[kind],
    run: ({ actor, db, input, now }) => runStaffAction(db, actor, kind, input as Record<string, unknown> & { ref: string }, now),
    revalidate: (input) => [`/queue/${(input as { ref: string }).ref.toUpperCase()}`, "/queue"],
  };
}

/** A staff action run through the pipeline without a session: for the tests and scripts. */
export function performStaffAction(
  db: Db,
  actor: Actor,
  kind: StaffActionKind,
  raw: Record<string, unknown>,
  now: Date,
): Promise<ActionResult<StaffActionDone>> {
  if (!(kind in StaffActionSchemas)) return Promise.resolve(failure("not_allowed"));
  return performAction(staffActionDefinition(kind), actor, raw, { db, now, locale: "zh-CN" });
}
