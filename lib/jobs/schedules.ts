import "server-only";
import { eq, sql } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import { shanghaiDateOf } from "@/lib/sla";
import type { Db } from "@/db/client";
import { jobRuns } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import { logUnexpected } from "@/lib/errors";
import type { JobRunTrigger } from "@/lib/domain/values";
import { purgeEndedSessions } from "@/lib/auth/sessions";
import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { makeCheckpoint, newestHeadId } from "@/lib/audit/checkpoint";
import { auditKey } from "@/lib/audit/key";
import { purgeExpiredPackages } from "@/lib/fulfilment/package-purge";
import { purgeExpiredRetention } from "@/lib/fulfilment/retention";
import type { ScheduledQueue } from "./queues";
import { purgeAbandonedUploads, purgeProofDocuments } from "@/lib/uploads/proof-retention";
import { digestData, sendDailyDigest } from "@/lib/reminders/digest";
import { scanReminders } from "@/lib/reminders/scan";

/** What a scheduled job is given: the database, the moment it acts at, and whether it only reports. */
export type ScheduleContext = {
  db: Db;
  now: Date;
  dryRun: boolean;
  proofRetentionDays?: number;
  siteUrl?: string;
  /** Where audit checkpoints are appended (AUDIT_CHECKPOINT_FILE). */
  checkpointFile?: string;
};

/** The checkpoint file (README “Audit checkpoints”): a file the operator ships off the database host. */
const checkpointFileOf = (ctx: ScheduleContext) => ctx.checkpointFile ?? (process.env.AUDIT_CHECKPOINT_FILE || ".data/audit-checkpoints.jsonl");

/** The portal's address for links in e-mail (NEXTAUTH_URL). */
const siteUrlOf = (ctx: ScheduleContext) => ctx.siteUrl ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000";

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
  packagesPurge: {
    name: "packages-purge",
    cron: "45 * * * *",
    async run({ db, now, dryRun }) {
      const r = await purgeExpiredPackages(db, { apply: !dryRun, now });
      return { applied: r.applied, attachments: r.attachments.length, requests: r.requests.length };
    },
  },
  auditCheckpoint: {
    name: "audit-checkpoint",
    cron: "5 * * * *",
    async run(ctx): Promise<Record<string, number | boolean>> {
      const checkpoint = await makeCheckpoint(ctx.db, auditKey(), ctx.now);
      if (!checkpoint) return { written: false, count: 0 };
      if (!ctx.dryRun) {
        const file = checkpointFileOf(ctx);
        await mkdir(path.dirname(path.resolve(file)), { recursive: true });
        await appendFile(file, `${JSON.stringify(checkpoint)}\n`);
      }
      return { written: !ctx.dryRun, headId: newestHeadId(checkpoint), count: checkpoint.count };
    },
  },
  slaReminders: {
    name: "sla-reminders",
    cron: "*/15 * * * *",
    async run(ctx) {
      // Sending is the whole job: a dry run sends and records nothing.
      if (ctx.dryRun) return { applied: false };
      return { applied: true, ...(await scanReminders({ db: ctx.db, now: ctx.now, siteUrl: siteUrlOf(ctx) })) };
    },
  },
  dailyDigest: {
    name: "daily-digest",
    cron: "0 9 * * *",
    async run(ctx) {
      if (ctx.dryRun) {
        const { counts } = await digestData({ db: ctx.db, now: ctx.now, siteUrl: siteUrlOf(ctx) });
        return { applied: false, overdue: counts.overdue, atRisk: counts.at_risk };
      }
      return { applied: true, ...(await sendDailyDigest({ db: ctx.db, now: ctx.now, siteUrl: siteUrlOf(ctx) })) };
    },
  },
  /**
   * Folds the dashboard's received counters of past days from their per-connection slots into one row per day and
   * type (migration 0021, dsr.dashboard_fold_received): the figures do not change, the rows the dashboard sums do.
   */
  dashboardFold: {
    name: "dashboard-fold",
    cron: "20 * * * *",
    async run({ db, now, dryRun }) {
      const today = shanghaiDateOf(now);
      if (dryRun) {
        const [row] = rowsOf<{ n: number }>(
          await db.execute(sql`select count(*)::int as n from dsr.dashboard_received_daily where slot <> 0 and day < ${today}::date`),
        );
        return { applied: false, rows: row?.n ?? 0 };
      }
      const [row] = rowsOf<{ n: number }>(await db.execute(sql`select dsr.dashboard_fold_received(${today}::date) as n`));
      return { applied: true, rows: row?.n ?? 0 };
    },
  },
} as const satisfies Record<string, Schedule & { name: ScheduledQueue }>;

/** A run that failed: its error was logged under `ref`, which the run's audit row and the admin's answer carry. */
export class ScheduleRunFailed extends Error {
  constructor(
    message: string,
    readonly ref: string,
  ) {
    super(message);
  }
}

/**
 * Runs a schedule once and records the run (started, then its outcome and report, or the failure's message) in
 * `dsr.job_runs`, which the admin page reads. The outcome and its audit row ("schedule.run": who started it — null
 * on schedule —, dry run or not, the report or the error's reference) commit together. A failure is thrown again
 * as ScheduleRunFailed, so pg-boss retries it.
 */
export async function runSchedule(
  db: Db,
  schedule: Schedule,
  opts: {
    trigger: JobRunTrigger;
    actorId?: string | null;
    now: Date;
    dryRun?: boolean;
    proofRetentionDays?: number;
    siteUrl?: string;
    checkpointFile?: string;
  },
) {
  const dryRun = opts.dryRun ?? false;
  const actorId = opts.actorId ?? null;
  const [run] = await db
    .insert(jobRuns)
    .values({ job: schedule.name, trigger: opts.trigger, actorId, dryRun, startedAt: opts.now })
    .returning({ id: jobRuns.id });
  const runId = run!.id;
  const finish = (set: Partial<typeof jobRuns.$inferInsert>, data: Record<string, unknown>) =>
    db.transaction(async (tx) => {
      await tx
        .update(jobRuns)
        .set({ ...set, finishedAt: new Date() })
        .where(eq(jobRuns.id, runId));
      await appendAudit(tx, {
        actorId,
        action: "schedule.run",
        entity: "schedule",
        entityId: schedule.name,
        data: { runId, trigger: opts.trigger, dryRun, ...data },
        now: opts.now,
      });
    });
  let report: Record<string, number | string | boolean>;
  try {
    report = await schedule.run({
      db,
      now: opts.now,
      dryRun,
      proofRetentionDays: opts.proofRetentionDays,
      siteUrl: opts.siteUrl,
      checkpointFile: opts.checkpointFile,
    });
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    const ref = logUnexpected(e, { action: "runSchedule", schedule: schedule.name, runId });
    await finish({ outcome: "failed", error }, { outcome: "failed", ref });
    throw new ScheduleRunFailed(error, ref);
  }
  await finish({ outcome: "succeeded", report }, { outcome: "succeeded", report });
  return { id: runId, report };
}
