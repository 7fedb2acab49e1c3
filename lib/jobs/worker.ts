import "server-only";
import PgBoss from "pg-boss";
import type { DbHandle } from "@/db/client";
import { deliverEmail, EmailDeliveryError } from "@/lib/email/deliver";
import { buildQueuedPackage } from "@/lib/fulfilment/package-job";
import type { Mailer } from "@/lib/email/transport";
import { deliverSms, recordDeliveryReport, SmsDeliveryError } from "@/lib/sms/deliver";
import type { SmsProvider } from "@/lib/sms/providers/types";
import { jobDbFor } from "./adapter";
import { JOB_SCHEMA, QUEUES } from "./queues";
import { runSchedule, SCHEDULES } from "./schedules";

export type WorkerOptions = {
  /** Who delivers SMS (lib/sms/providers: smsProviderFromEnv); null: the demo outbox. */
  smsProvider: SmsProvider | null;
  /** Who sends staff e-mail (lib/email/transport.ts: mailerFromEnv); null or unset: kept in the outbox. */
  mailer?: Mailer | null;
  /** The portal's address, for links in e-mail (NEXTAUTH_URL). */
  siteUrl?: string;
  /** How often an idle queue is asked for work (seconds, ≥ 0.5). */
  pollingIntervalSeconds?: number;
  /** When a sent message's delivery report is first asked for (seconds after sending). */
  reportAfterSeconds?: number;
  log?: (line: string) => void;
  /** How many days proof documents are kept after their request closes (PROOF_RETENTION_DAYS). */
  proofRetentionDays?: number;
  /** Whether this worker puts the schedules in place (cron, Asia/Shanghai) and runs scheduled jobs. */
  schedules?: boolean;
  /** The moment a job acts at (tests pass theirs). */
  now?: () => Date;
};

export type Worker = { boss: PgBoss; stop(): Promise<void> };

type Data = { outboxId: number };

/**
 * A pg-boss worker on `handle` (the app's own connection, as its restricted role): in `npm start`'s process on the
 * embedded database, or alone (`npm run worker`) on PostgreSQL, as many as wanted — each job runs once. The schema
 * and queues exist already (installed with the migrations, lib/jobs/install.ts).
 */
export async function startWorker(handle: DbHandle, opts: WorkerOptions): Promise<Worker> {
  const log = opts.log ?? ((line: string) => console.error(line));
  const boss = new PgBoss({ db: jobDbFor(handle), schema: JOB_SCHEMA, migrate: false, supervise: true, schedule: true });
  boss.on("error", (e) => log(`jobs: ${e instanceof Error ? e.message : String(e)}`));
  await boss.start();
  const polling = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1, batchSize: 1, includeMetadata: true as const };
  const provider = opts.smsProvider;
  const now = opts.now ?? (() => new Date());

  await boss.work<Data>(QUEUES.smsDeliver.name, polling, async ([job]) => {
    if (!job) return;
    try {
      const outcome = await deliverSms(handle.db, provider, job.data.outboxId, { retryCount: job.retryCount, retryLimit: job.retryLimit }, now());
      if (outcome === "sent" && provider) {
        await boss.send(QUEUES.smsStatus.name, { outboxId: job.data.outboxId }, { startAfter: opts.reportAfterSeconds ?? 30 });
      }
    } catch (e) {
      if (e instanceof SmsDeliveryError && e.final) log(`sms ${job.data.outboxId}: failed after ${job.retryCount + 1} tries: ${e.message}`);
      throw e;
    }
  });
  await boss.work<Data>(QUEUES.emailDeliver.name, polling, async ([job]) => {
    if (!job) return;
    try {
      await deliverEmail(handle.db, opts.mailer ?? null, job.data.outboxId, { retryCount: job.retryCount, retryLimit: job.retryLimit }, now());
    } catch (e) {
      if (e instanceof EmailDeliveryError && e.final) log(`email ${job.data.outboxId}: failed after ${job.retryCount + 1} tries: ${e.message}`);
      throw e;
    }
  });
  await boss.work<{ requestId: string }>(QUEUES.packageBuild.name, polling, async ([job]) => {
    if (job) await buildQueuedPackage(handle.db, job.data.requestId, now());
  });
  if (provider) {
    await boss.work<Data>(QUEUES.smsStatus.name, polling, async ([job]) => {
      if (job) await recordDeliveryReport(handle.db, provider, job.data.outboxId);
    });
  }
  if (opts.schedules ?? true) {
    // Unless told otherwise, a scheduled queue is asked for work every 30 s: its jobs come once an hour or a day.
    const scheduled = { ...polling, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 30 };
    for (const schedule of Object.values(SCHEDULES)) {
      // Every instance sets the same schedule (an upsert); pg-boss's clock makes one job per tick for all of them.
      await boss.schedule(schedule.name, schedule.cron, {}, { tz: "Asia/Shanghai" });
      await boss.work(schedule.name, scheduled, async ([job]) => {
        if (job)
          await runSchedule(handle.db, schedule, {
            trigger: "schedule",
            now: now(),
            proofRetentionDays: opts.proofRetentionDays,
            siteUrl: opts.siteUrl,
          });
      });
    }
  }
  return {
    boss,
    stop: () => boss.stop({ graceful: true, close: false, timeout: 5_000, wait: true }),
  };
}
