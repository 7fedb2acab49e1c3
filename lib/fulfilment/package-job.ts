import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { requestEvents, requests, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";
import { logUnexpected, NotFoundError } from "@/lib/errors";
import { QUEUES } from "@/lib/jobs/queues";
import { sendJob } from "@/lib/jobs/send";
import { canWork } from "@/lib/policy";
import { prepareAccessPackage } from "./access";
import type { Withheld } from "./items";
import { FULFILMENT_STEPS, fulfilmentProgress } from "./progress";
import { runStep, stepBlocker, type RunStepOutcome } from "./steps";

const STEP = "access.prepare";

export type QueueOutcome = { ok: true; already: "done" | "building" | false } | Exclude<RunStepOutcome, { ok: true }>;

/**
 * Staff ask for the access or portability package: the same checks as running the step (theirs to work, in
 * progress, verified, not done yet), then a `queued` step event and a `package-build` job in one transaction. A
 * worker builds it (buildQueuedPackage), so a large export never holds the staff's click or the request's row;
 * the panel shows it queued, then building, then the result. Asking again while one is being built queues nothing.
 */
export async function queuePackageBuild(db: Db, actor: Actor, ref: string, withhold: Withheld[], now: Date): Promise<QueueOutcome> {
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(requests).where(eq(requests.ref, ref)).for("update");
    if (!request) throw new NotFoundError("request");
    if (!canWork(actor, request)) return { ok: false, error: "not_allowed" };
    const progress = await fulfilmentProgress(tx, request.id);
    if (progress.done.has(STEP)) return { ok: true, already: "done" };
    if (progress.building.some((b) => b.step === STEP)) return { ok: true, already: "building" };
    const blocker = stepBlocker(actor, request);
    if (blocker) return { ok: false, error: blocker };
    if (!(FULFILMENT_STEPS[request.type] as readonly string[]).includes(STEP))
      return { ok: false, error: "refused", code: "not_for_type", details: {} };
    // What the build would refuse, refused now, while staff are looking at the form.
    const requested = request.scope.categories ?? [];
    if (requested.length === 0) return { ok: false, error: "refused", code: "nothing_to_do", details: {} };
    const stray = withhold.find((w) => !requested.includes(w.category));
    if (stray) return { ok: false, error: "refused", code: "not_requested", details: { category: stray.category } };
    await tx.insert(requestEvents).values({
      requestId: request.id,
      kind: "fulfilment_step",
      actorId: actor.id,
      public: false,
      data: { step: STEP, status: "queued", withhold },
      occurredAt: now,
    });
    await tx
      .update(requests)
      .set({ version: sql`${requests.version} + 1`, updatedAt: now })
      .where(eq(requests.id, request.id));
    await appendAudit(tx, {
      actorId: actor.id,
      action: "package.queue",
      entity: "request",
      entityId: request.ref,
      requestId: request.id,
      data: { withhold },
      now,
    });
    await sendJob(tx, QUEUES.packageBuild.name, { requestId: request.id });
    return { ok: true, already: false };
  });
}

/**
 * The `package-build` job: builds the package the latest `queued` event asked for, as the staff member who asked
 * (lib/fulfilment/steps.ts runStep: one transaction, audited, idempotent). A `building` event first tells the panel
 * it has started. Whatever stops it (they no longer hold the request, it is no longer in progress) is recorded as a
 * failure with a reference id, so the panel stops waiting and staff can ask again.
 */
export async function buildQueuedPackage(db: Db, requestId: string, now: Date): Promise<RunStepOutcome | null> {
  const progress = await fulfilmentProgress(db, requestId);
  if (progress.done.has(STEP) || !progress.building.some((b) => b.step === STEP)) return null;
  const [queued] = await db
    .select({ actorId: requestEvents.actorId, data: requestEvents.data, ref: requests.ref })
    .from(requestEvents)
    .innerJoin(requests, eq(requests.id, requestEvents.requestId))
    .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.kind, "fulfilment_step"), sql`${requestEvents.data} ->> 'status' = 'queued'`))
    .orderBy(desc(requestEvents.id))
    .limit(1);
  if (!queued?.actorId) return null;
  const [user] = await db.select().from(users).where(eq(users.id, queued.actorId));
  if (!user) return null;
  const actor: Actor = { id: user.id, role: user.role, displayName: user.displayName, phone: user.phone, email: user.email };
  const withhold = (queued.data.withhold ?? []) as Withheld[];
  await db
    .insert(requestEvents)
    .values({ requestId, kind: "fulfilment_step", actorId: actor.id, public: false, data: { step: STEP, status: "building" }, occurredAt: now });
  const outcome = await runStep(db, actor, queued.ref, STEP, (tx, request) => prepareAccessPackage(tx, request, actor, now, withhold), now);
  if (!outcome.ok && outcome.error !== "failed") {
    // runStep records only failures it did not expect; a refusal at build time is recorded here.
    const code = outcome.error === "refused" ? outcome.code : outcome.error;
    const ref = logUnexpected(new Error(`package build refused: ${code}`), { step: STEP, ref: queued.ref });
    await db.insert(requestEvents).values({
      requestId,
      kind: "fulfilment_step",
      actorId: actor.id,
      public: false,
      data: { step: STEP, status: "failed", error: code, ref },
      occurredAt: now,
    });
  }
  return outcome;
}
