import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { ActionDefinition } from "@/lib/actions/perform";
import { failure } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { ForbiddenError, logUnexpected } from "@/lib/errors";
import { canAdminister } from "@/lib/policy";
import { SCHEDULE_NAMES, type ScheduleName } from "./schedule-status";
import { runSchedule, ScheduleRunFailed, SCHEDULES } from "./schedules";

/** A run by hand from the admin page: which schedule, and whether it only reports (a dry run changes nothing). */
export const RunScheduleInput = z.object({
  schedule: z.enum(SCHEDULE_NAMES, { message: "invalidChoice" }),
  dryRun: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
});

/** A run that failed answers only the reference of its logged error (its message is on the run's row). */
export type ManualRunResult = { ok: true; runId: number; report: Record<string, unknown> } | { ok: false; ref: string };

/**
 * Runs a schedule by hand as `actor` (admins only), recorded in `dsr.job_runs` as a manual run, and audits it:
 * the schedule, dry run or not, and the run's report (or that it failed), with the run's outcome (runSchedule). The
 * run's own purges audit each deletion in their transactions. A failure answers only its error's reference id.
 */
export async function runScheduleByHand(
  db: Db,
  actor: Actor,
  name: ScheduleName,
  opts: { dryRun: boolean; now: Date; proofRetentionDays?: number },
): Promise<ManualRunResult> {
  if (!canAdminister(actor)) throw new ForbiddenError("schedule");
  const schedule = Object.values(SCHEDULES).find((s) => s.name === name);
  if (!schedule) throw new Error(`no schedule ${name}`);
  try {
    const run = await runSchedule(db, schedule, {
      trigger: "manual",
      actorId: actor.id,
      now: opts.now,
      dryRun: opts.dryRun,
      proofRetentionDays: opts.proofRetentionDays,
    });
    return { ok: true, runId: run.id, report: run.report };
  } catch (error) {
    return { ok: false, ref: error instanceof ScheduleRunFailed ? error.ref : logUnexpected(error, { action: "runSchedule", schedule: name }) };
  }
}

/** The admin page's "run now" and "dry run" buttons (app/(admin)/admin/schedules/actions.ts). */
export const runScheduleDefinition = {
  name: "runSchedule",
  roles: ["admin"],
  schema: RunScheduleInput,
  run: async ({ actor, db, input, now }) => {
    const result = await runScheduleByHand(db, actor, input.schedule, {
      dryRun: input.dryRun,
      now,
      proofRetentionDays: env().PROOF_RETENTION_DAYS,
    });
    if (!result.ok) return failure("unexpected", { ref: result.ref });
    return { ok: true, schedule: input.schedule, dryRun: input.dryRun, report: result.report };
  },
  revalidate: () => ["/admin/schedules"],
} satisfies ActionDefinition<typeof RunScheduleInput, { schedule: ScheduleName; dryRun: boolean; report: Record<string, unknown> }>;
