import "server-only";
import type { Conn } from "@/db/client";
import type { Request } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { subjectOf } from "@/lib/platform/subject";
import { canConfirmRecipient, canRunSteps, isStaff } from "@/lib/policy";
import { planDeletion, type DeletionPlan } from "./deletion";
import { itemsNotDone, type ItemOutcome } from "./items";
import { FULFILMENT_STEPS, fulfilmentProgress, type BuildingStep, type DoneStep, type FailedStep } from "./progress";
import { recipientNotices, type RecipientNotice } from "./recipients";
import { StepRefused } from "./steps";

export type StaffFulfilment = {
  steps: readonly string[];
  done: Map<string, DoneStep>;
  failures: FailedStep[];
  /** Steps a background job is carrying out (a package being built), with when it was queued or started. */
  building: BuildingStep[];
  /** The actor may run steps now: the request is in progress and theirs (or they manage). */
  canRun: boolean;
  /** The actor may record recipients' confirmations (whatever the status: they often come after completion). */
  canConfirm: boolean;
  /** For a deletion not yet applied: what applying it will do. */
  plan: DeletionPlan | null;
  notices: RecipientNotice[];
  /** What the steps done so far leave undone of what was asked (restricted, refused, a copy not yet released). */
  notDone: ItemOutcome[];
};

/** The fulfilment panel of the staff request page: the steps of the request's type, where they stand, what comes next. */
export async function fulfilmentForStaff(conn: Conn, actor: Actor, request: Request, now: Date): Promise<StaffFulfilment | null> {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
  const steps = FULFILMENT_STEPS[request.type];
  if (steps.length === 0) return null;
  const [{ done, failures, building }, notices] = await Promise.all([fulfilmentProgress(conn, request.id), recipientNotices(conn, request.id)]);
  let plan: DeletionPlan | null = null;
  if (request.type === "deletion" && !done.has("deletion.apply") && subjectOf(request)) {
    try {
      plan = await planDeletion(conn, request, now);
    } catch (e) {
      if (!(e instanceof StepRefused)) throw e;
    }
  }
  return {
    steps,
    done,
    failures,
    building,
    canRun: canRunSteps(actor, request),
    canConfirm: canConfirmRecipient(actor, request),
    plan,
    notices,
    notDone: itemsNotDone(done),
  };
}
