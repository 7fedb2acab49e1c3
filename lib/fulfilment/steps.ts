import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { requestEvents, requests, type Request } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";
import { logUnexpected, NotFoundError } from "@/lib/errors";
import { canRunSteps, canWork, isStaff } from "@/lib/policy";
import { fulfilmentProgress } from "./progress";

export type StepResult = Record<string, unknown>;

/** A refusal a person can act on (bad input, a failed precondition): nothing is written, the step is not failed. */
export class StepRefused extends Error {
  constructor(
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = "StepRefused";
  }
}

export type RunStepOutcome =
  | { ok: true; already: boolean; result: StepResult }
  | { ok: false; error: "refused"; code: string; details: Record<string, unknown> }
  | { ok: false; error: "not_allowed" | "wrong_status" | "identity_not_verified" }
  | { ok: false; error: "failed"; ref: string };

/**
 * Why no step may run now on a request `actor` may work, or null: steps run only while it is in progress, and only
 * once it is verified — nothing is released, changed or erased for someone we have not verified (DESIGN.md
 * "Identity…"). Checked again by every path that starts a step (runStep, queuing a package build).
 */
export function stepBlocker(actor: Actor, request: Request): "wrong_status" | "identity_not_verified" | null {
  if (!canRunSteps(actor, request)) return "wrong_status";
  if (request.verificationStatus !== "verified") return "identity_not_verified";
  return null;
}

/** The steps recorded as done on a request, with their results. */
export async function doneSteps(conn: Db | Tx, requestId: string): Promise<Map<string, StepResult>> {
  const { done } = await fulfilmentProgress(conn, requestId);
  return new Map([...done].map(([step, d]) => [step, d.result]));
}

/**
 * Runs one fulfilment step on the hospital's records, safely:
 * - only staff who may work the request, only while it is in progress, only once the request is verified;
 * - the work, the record that the step is done and the audit row commit together, or nothing does;
 * - a step already done is not done again (running it twice changes nothing more);
 * - a step that throws leaves the records as they were, and is recorded as failed (with a reference id) so
 *   staff see the error and can retry.
 */
export async function runStep(
  db: Db,
  actor: Actor,
  ref: string,
  step: string,
  work: (tx: Tx, request: Request) => Promise<StepResult>,
  now = new Date(),
): Promise<RunStepOutcome> {
  if (!isStaff(actor.role)) return { ok: false, error: "not_allowed" };
  let requestId: string | undefined;
  try {
    return await db.transaction(async (tx) => {
      const [request] = await tx.select().from(requests).where(eq(requests.ref, ref)).for("update");
      if (!request) throw new NotFoundError("request");
      requestId = request.id;
      if (!canWork(actor, request)) return { ok: false as const, error: "not_allowed" as const };
      const done = await doneSteps(tx, request.id);
      if (done.has(step)) return { ok: true as const, already: true, result: done.get(step)! };
      const blocker = stepBlocker(actor, request);
      if (blocker) return { ok: false as const, error: blocker };
      const result = await work(tx, request);
      await tx.insert(requestEvents).values({
        requestId: request.id,
        kind: "fulfilment_step",
        actorId: actor.id,
        public: true,
        data: { step, status: "done", result },
        occurredAt: now,
      });
      await tx
        .update(requests)
        .set({ version: sql`${requests.version} + 1`, updatedAt: now })
        .where(eq(requests.id, request.id));
      await appendAudit(tx, {
        actorId: actor.id,
        action: `fulfilment.${step}`,
        entity: "request",
        entityId: ref,
        requestId: request.id,
        data: result,
        now,
      });
      return { ok: true as const, already: false, result };
    });
  } catch (e) {
    if (e instanceof NotFoundError) throw e;
    if (e instanceof StepRefused) return { ok: false, error: "refused", code: e.code, details: e.details };
    const errorRef = logUnexpected(e, { step, ref });
    if (requestId) {
      await db.insert(requestEvents).values({
        requestId,
        kind: "fulfilment_step",
        actorId: actor.id,
        public: false,
        data: { step, status: "failed", error: e instanceof Error ? e.message : String(e), ref: errorRef },
        occurredAt: now,
      });
    }
    return { ok: false, error: "failed", ref: errorRef };
  }
}
