import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError, logUnexpected, NotFoundError } from "@/lib/errors";
import { canManage, isStaff } from "@/lib/policy";
import type { WorkflowAction, WorkflowError } from "@/lib/workflow/machine";
import { MANAGER_ACTIONS, StaffActionSchemas, type StaffActionKind, type StaffActionResult } from "./staff-action-schemas";
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
      return { kind: "quote_fee", amount: p.amount, reason: p.reason };
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
  }
}

/** Workflow refusals that belong to one field of the form. */
const FIELD_OF_ERROR: Partial<Record<WorkflowError, string>> = {
  reason_required: "reason",
  message_required: "message",
  explanation_required: "explanation",
  fee_invalid: "amount",
  assignee_not_staff: "assigneeId",
};
const MESSAGE_FIELD: Partial<Record<StaffActionKind, string>> = { complete: "reply" };

function firstIssues(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[String(i.path[0] ?? "form")] ??= `staff.errors.${i.message}`;
  return out;
}

const fail = (message: string, fieldErrors: Record<string, string> = {}): StaffActionResult => ({ ok: false, fieldErrors, message });

/**
 * A staff action on a request, as the request page's server actions run it after requireRole: the form is
 * validated (nothing is written on bad input), the role checked again, then the change made through the
 * workflow (lib/requests/transitions.ts) or, for notes and messages, lib/requests/staff-messages.ts. Errors a
 * person can fix come back as catalog keys; anything else is logged and comes back with a reference id.
 */
export async function performStaffAction(db: Db, actor: Actor, kind: StaffActionKind, raw: Record<string, unknown>, now = new Date()): Promise<StaffActionResult> {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
  const schema = StaffActionSchemas[kind];
  if (!schema) return fail("workflowErrors.not_allowed");
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = firstIssues(parsed.error.issues);
    if (fieldErrors.version) return fail("workflowErrors.stale");
    return fail("staff.errors.checkForm", fieldErrors);
  }
  if (MANAGER_ACTIONS.includes(kind) && !canManage(actor)) return fail("workflowErrors.not_allowed");
  const data = parsed.data as Record<string, unknown> & { ref: string };
  const ref = data.ref.toUpperCase();
  try {
    if (kind === "note") {
      await addInternalNote(db, actor, ref, (data as Parsed<"note">).body, now);
      return { ok: true, fieldErrors: {}, message: "staff.done.note" };
    }
    if (kind === "reply") {
      const sent = await sendPublicReply(db, actor, ref, (data as Parsed<"reply">).body, now);
      return sent.ok ? { ok: true, fieldErrors: {}, message: "staff.done.reply" } : fail(`workflowErrors.${sent.error}`);
    }
    const version = Number(data.version);
    const result = await applyTransition(db, actor, { ref, version, action: workflowAction(kind, data) }, now);
    if (result.ok) return { ok: true, fieldErrors: {}, message: `staff.done.${kind}` };
    const field = result.error === "message_required" ? (MESSAGE_FIELD[kind] ?? "message") : result.error !== "stale" ? FIELD_OF_ERROR[result.error] : undefined;
    return fail(`workflowErrors.${result.error}`, field ? { [field]: `workflowErrors.${result.error}` } : {});
  } catch (e) {
    if (e instanceof NotFoundError) return fail("staff.errors.notFound");
    return { ok: false, fieldErrors: {}, message: "errors.unexpected", errorRef: logUnexpected(e, { action: `staff.${kind}`, ref }) };
  }
}
