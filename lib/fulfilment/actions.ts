import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError, logUnexpected, NotFoundError } from "@/lib/errors";
import { isStaff } from "@/lib/policy";
import type { StaffActionResult } from "@/lib/requests/staff-action-schemas";
import { prepareAccessPackage, releaseAccessPackage } from "./access";
import { FulfilmentSchemas, fulfilmentInput, type FulfilmentActionKind } from "./action-schemas";
import { applyCancellation } from "./cancellation";
import { applyConsentWithdrawal } from "./consent";
import { applyCorrections } from "./correction";
import { applyDeletion } from "./deletion";
import { FULFILMENT_STEPS } from "./progress";
import { confirmRecipientNotice } from "./recipients";
import { doneSteps, runStep, StepRefused, type RunStepOutcome } from "./steps";

type Parsed<K extends FulfilmentActionKind> = ReturnType<(typeof FulfilmentSchemas)[K]["parse"]>;

const STEP_OF: Record<Exclude<FulfilmentActionKind, "confirm_recipient">, string> = {
  prepare: "access.prepare",
  release: "access.release",
  correction: "correction.apply",
  deletion: "deletion.apply",
  consent: "consent.apply",
  cancellation: "cancellation.apply",
};

const ok = (message: string): StaffActionResult => ({ ok: true, fieldErrors: {}, message });
const fail = (message: string, fieldErrors: Record<string, string> = {}): StaffActionResult => ({ ok: false, fieldErrors, message });

/** Field errors of the form: a correction's errors belong to the change they are about. */
function fieldErrorsOf(issues: { path: PropertyKey[]; message: string }[], input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const decisions = (input.decisions ?? []) as { index?: string }[];
  for (const i of issues) {
    const [head, n, field] = i.path;
    const key =
      head === "decisions" && typeof n === "number"
        ? `${field === "reason" ? "reason" : "decision"}.${decisions[n]?.index ?? n}`
        : String(head ?? "form");
    out[key] ??= `staff.errors.${i.message}`;
  }
  return out;
}

function stepResult(kind: FulfilmentActionKind, outcome: RunStepOutcome): StaffActionResult {
  if (outcome.ok) return ok(outcome.already ? "staff.fulfilment.already" : `staff.fulfilment.done.${kind}`);
  switch (outcome.error) {
    case "refused": {
      const index = outcome.details.index;
      const field = typeof index === "number" ? { [`${outcome.code === "reason_required" ? "reason" : "decision"}.${index}`]: `staff.fulfilment.refused.${outcome.code}` } : {};
      return fail(`staff.fulfilment.refused.${outcome.code}`, field);
    }
    case "not_allowed":
      return fail("workflowErrors.not_allowed");
    case "wrong_status":
      return fail("staff.fulfilment.wrongStatus");
    case "failed":
      return { ok: false, fieldErrors: {}, message: "staff.fulfilment.stepFailed", errorRef: outcome.ref };
  }
}

/**
 * A fulfilment action from the request page, after requireRole: the form validated (nothing written on bad
 * input), then one fulfilment step run on the hospital's records (lib/fulfilment/steps.ts: one transaction,
 * idempotent, failures recorded for retry) or a recipient's confirmation recorded. A step that does not
 * belong to the request's type is refused.
 */
export async function performFulfilmentAction(db: Db, actor: Actor, kind: FulfilmentActionKind, form: [string, string][], now = new Date()): Promise<StaffActionResult> {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
  const schema = FulfilmentSchemas[kind];
  if (!schema) return fail("workflowErrors.not_allowed");
  const input = fulfilmentInput(kind, form);
  const parsed = schema.safeParse(input);
  if (!parsed.success) return fail("staff.errors.checkForm", fieldErrorsOf(parsed.error.issues, input));
  const ref = parsed.data.ref.toUpperCase();
  try {
    if (kind === "confirm_recipient") {
      const d = parsed.data as Parsed<"confirm_recipient">;
      const confirmed = await confirmRecipientNotice(db, actor, ref, d.noticeId, d.note, now);
      if (!confirmed.ok) return fail("workflowErrors.not_allowed");
      return ok(confirmed.already ? "staff.fulfilment.alreadyConfirmed" : "staff.fulfilment.done.confirm_recipient");
    }
    const step = STEP_OF[kind];
    const outcome = await runStep(
      db,
      actor,
      ref,
      step,
      async (tx, request) => {
        if (!(FULFILMENT_STEPS[request.type] as readonly string[]).includes(step)) throw new StepRefused("not_for_type");
        switch (kind) {
          case "prepare":
            return prepareAccessPackage(tx, request, actor, now);
          case "release":
            return releaseAccessPackage(tx, request, (await doneSteps(tx, request.id)).get("access.prepare"), now);
          case "correction":
            return applyCorrections(tx, request, (parsed.data as Parsed<"correction">).decisions);
          case "deletion":
            return applyDeletion(tx, request, now, (parsed.data as Parsed<"deletion">).forceDelete.map((category) => ({ category, erasure: "delete" as const })));
          case "consent":
            return applyConsentWithdrawal(tx, request, now);
          case "cancellation":
            return applyCancellation(tx, request, now);
        }
      },
      now,
    );
    return stepResult(kind, outcome);
  } catch (e) {
    if (e instanceof NotFoundError) return fail("staff.errors.notFound");
    return { ok: false, fieldErrors: {}, message: "errors.unexpected", errorRef: logUnexpected(e, { action: `fulfilment.${kind}`, ref }) };
  }
}
