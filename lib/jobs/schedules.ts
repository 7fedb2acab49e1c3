import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobRuns } from "@/db/schema";
import type { JobRunTrigger } from "@/lib/domain/values";
import { purgeEndedSessions } from "@/lib/auth/sessions";
import { purgeExpiredRetention } from "@/lib/fulfilment/retention";
import type { ScheduledQueue } from "./queues";
import { purgeAbandonedUploads, purgeProofDocuments } from "@/lib/uploads/proof-retention";

/** What a scheduled job is given: the database, the moment it acts at, and whether it only reports. */
export type ScheduleContext = { db: Db; now: Date; dryRun: boolean; proofRetentionDays?: number };

export type Schedule = {
  /** The pg-boss queue and schedule name (created with the migrations, lib/jobs/queues.ts), and the key of its run rows. */
  name: ScheduledQueue | (string & {});
  /** When it runs, as cron in Asia/Shanghai. */
  cron: string;
  /** Does the work (or, dry, reports it) and answers counts for the run's report: never personal data. */
  run(ctx: ScheduleContext): Promise<Record<string, number | string | boolean>>;
};

const count = (ids: readonly unknown[]) => ids.length;

/**
 * Every scheduled job. The retention purge runs at 03:00; its dry run, at 03:00 the day before (a preview acting
 * one day ahead), tells admins what the next purge will delete.
 */
export const SCHEDULES = {
  retentionPurge: {
    name: "retention-purge",
    cron: "0 3 * * *",
    async run({ db, now, dryRun }) {
      const r = await purgeExpiredRetention(db, { apply: !dryRun, now });
      const sessions = await purgeEndedSessions(db, { apply: !dryRun, now });
      const { applied, today, ...ids } = r;
      return { applied, today, ...Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, count(v)])), sessions };
    },
  },
  retentionPreview: {
    name: "retention-preview",
    cron: "0 3 * * *",
    async run({ db, now }) {
      const tomorrow = new Date(now.getTime() + 86_400_000);
      const { applied: _applied, today, ...ids } = await purgeExpiredRetention(db, { apply: false, now: tomorrow });
      return { applied: false, purgeDay: today, ...Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, count(v)])) };
    },
  },
  proofDocuments: {
    name: "proof-documents-purge",
    cron: "30 3 * * *",
    async run({ db, now, dryRun, proofRetentionDays }) {
      const r = await purgeProofDocuments(db, { apply: !dryRun, now, days: proofRetentionDays });
      return { applied: r.applied, attachments: r.attachments.length, requests: r.requests.length };
    },
  },
  abandonedUploads: {
    name: "abandoned-uploads-purge",
    cron: "15 * * * *",
    async run({ db, now, dryRun }) {
      const r = await purgeAbandonedUploads(db, { apply: !dryRun, now });
      return { applied: r.applied, attachments: r.attachments.length };
    },
  },
} as const satisfies Record<string, Schedule & { name: ScheduledQueue }>;

/**
 * Runs a schedule once and records the run (started, then its outcome and report, or the failure's message) in
 * `dsr.job_runs`, which the admin page reads. A failure is recorded and thrown again, so pg-boss retries it.
 */
export async function runSchedule(
  db: Db,
  schedule: Schedule,
  opts: { trigger: JobRunTrigger; actorId?: string | null; now: Date; dryRun?: boolean; proofRetentionDays?: number },
) {
  const dryRun = opts.dryRun ?? false;
  const [run] = await db
    .insert(jobRuns)
    .values({ job: schedule.name, trigger: opts.trigger, actorId: opts.actorId ?? null, dryRun, startedAt: opts.now })
    .returning({ id: jobRuns.id });
  try {
    const report = await schedule.run({ db, now: opts.now, dryRun, proofRetentionDays: opts.proofRetentionDays });
    await db.update(jobRuns).set({ outcome: "succeeded", report, finishedAt: new Date() }).where(eq(jobRuns.id, run!.id));
    return { id: run!.id, report };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await db.update(jobRuns).set({ outcome: "failed", error, finishedAt: new Date() }).where(eq(jobRuns.id, run!.id));
    throw e;
  }
}
