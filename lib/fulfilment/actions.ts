import "server-only";
import type { Db } from "@/db/client";
import { performAction, type ActionDefinition } from "@/lib/actions/perform";
import { failure, type ActionResult } from "@/lib/actions/result";
import type { ErrorCode } from "@/lib/actions/codes";
import type { Actor } from "@/lib/auth/session";
import type { Role } from "@/lib/domain";
import { STAFF_ROLES } from "@/lib/policy";
import { releaseAccessPackage } from "./access";
import { FulfilmentSchemas, type FulfilmentActionKind } from "./action-schemas";
import { applyCancellation } from "./cancellation";
import { applyConsentWithdrawal } from "./consent";
import { applyCorrections } from "./correction";
import { applyDeletion } from "./deletion";
import { queuePackageBuild } from "./package-job";
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

/** What a fulfilment action answers on success: the catalog key of the sentence saying what was done. */
export type FulfilmentDone = { message: string };

/** A step's refusal code as a catalog code: the step's reason for a rejection is not the workflow's. */
const refusalCode = (code: string): ErrorCode => (code === "reason_required" ? "rejection_reason_required" : (code as ErrorCode));

/** A step's outcome as the pipeline answers it; a correction's refusal lands on the change it is about. */
function stepResult(kind: FulfilmentActionKind, outcome: RunStepOutcome, input: Record<string, unknown>): ActionResult<FulfilmentDone> {
  if (outcome.ok) return { ok: true, message: outcome.already ? "staff.fulfilment.already" : `staff.fulfilment.done.${kind}` };
  switch (outcome.error) {
    case "refused": {
      const code = refusalCode(outcome.code);
      const index = outcome.details.index;
      const decisions = (input.decisions ?? []) as { index: number }[];
      const position = typeof index === "number" ? decisions.findIndex((d) => d.index === index) : -1;
      const field = position >= 0 ? `decisions.${position}.${outcome.code === "reason_required" ? "reason" : "approve"}` : undefined;
      return failure(code, field ? { fieldErrors: { [field]: code } } : {});
    }
    case "not_allowed":
      return failure("not_allowed");
    case "wrong_status":
      return failure("step_wrong_status");
    case "identity_not_verified":
      return failure("identity_not_verified");
    case "failed":
      return failure("step_failed", { ref: outcome.ref });
  }
}

/**
 * The change of a validated fulfilment form: one fulfilment step run on the hospital's records
 * (lib/fulfilment/steps.ts: one transaction, idempotent, failures recorded for retry) or a recipient's
 * confirmation recorded. A step that does not belong to the request's type is refused.
 */
async function runFulfilment(
  db: Db,
  actor: Actor,
  kind: FulfilmentActionKind,
  data: Record<string, unknown> & { ref: string },
  now: Date,
): Promise<ActionResult<FulfilmentDone>> {
  const ref = data.ref.toUpperCase();
  if (kind === "confirm_recipient") {
    const d = data as Parsed<"confirm_recipient">;
    const confirmed = await confirmRecipientNotice(db, actor, ref, d.noticeId, d.note, now);
    if (!confirmed.ok) return failure("not_allowed");
    return { ok: true, message: confirmed.already ? "staff.fulfilment.alreadyConfirmed" : "staff.fulfilment.done.confirm_recipient" };
  }
  if (kind === "prepare") {
    // Built by a worker (lib/fulfilment/package-job.ts): the panel shows it queued, building, then the result.
    const queued = await queuePackageBuild(db, actor, ref, (data as Parsed<"prepare">).withhold, now);
    if (!queued.ok) return stepResult(kind, queued, data);
    const message = { done: "staff.fulfilment.already", building: "staff.fulfilment.building", false: "staff.fulfilment.done.prepare" };
    return { ok: true, message: message[`${queued.already}`] };
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
        case "release":
          return releaseAccessPackage(tx, request, (await doneSteps(tx, request.id)).get("access.prepare"), now);
        case "correction":
          return applyCorrections(tx, request, (data as Parsed<"correction">).decisions);
        case "deletion":
          return applyDeletion(
            tx,
            request,
            now,
            (data as Parsed<"deletion">).forceDelete.map((category) => ({ category, erasure: "delete" as const })),
            (data as Parsed<"deletion">).withhold,
          );
        case "consent":
          return applyConsentWithdrawal(tx, request, now);
        case "cancellation":
          return applyCancellation(tx, request, now);
      }
    },
    now,
  );
  return stepResult(kind, outcome, data);
}

/** A fulfilment action from the request page as one pipeline definition: staff, its schema, the step. */
export function fulfilmentActionDefinition<K extends FulfilmentActionKind>(
  kind: K,
): ActionDefinition<(typeof FulfilmentSchemas)[K], FulfilmentDone> & { roles: readonly Role[] } {
  return {
    name: `fulfilment.${kind}`,
    roles: STAFF_ROLES,
    schema: FulfilmentSchemas[kind],
    run: ({ actor, db, input, now }) => runFulfilment(db, actor, kind, input as Record<string, unknown> & { ref: string }, now),
    revalidate: (input) => [`/queue/${(input as { ref: string }).ref.toUpperCase()}`],
  };
}

/** A fulfilment action run through the pipeline without a session: for the tests and scripts. */
export function performFulfilmentAction(
  db: Db,
  actor: Actor,
  kind: FulfilmentActionKind,
  raw: Record<string, unknown>,
  now: Date,
): Promise<ActionResult<FulfilmentDone>> {
  return performAction(fulfilmentActionDefinition(kind), actor, raw, { db, now, locale: "zh-CN" });
}
