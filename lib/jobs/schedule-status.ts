import "server-only";
import parser from "cron-parser";
import { desc, eq, inArray } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { jobRuns, users } from "@/db/schema";
import type { JobRunOutcome, JobRunTrigger } from "@/lib/domain/values";
import { SCHEDULES, type Schedule } from "./schedules";

/** Schedules' cron expressions are read in this zone (as pg-boss reads them, lib/jobs/worker.ts). */
export const SCHEDULE_TIME_ZONE = "Asia/Shanghai";

export type ScheduleKey = keyof typeof SCHEDULES;
export type ScheduleName = (typeof SCHEDULES)[ScheduleKey]["name"];

/** Every schedule's name, in SCHEDULES' order (what a manual run may name). */
export const SCHEDULE_NAMES = Object.values(SCHEDULES).map((s) => s.name) as [ScheduleName, ...ScheduleName[]];

/** When a schedule runs, as a page words it in either language: daily at a time, hourly at a minute, every N minutes. */
export type Cadence =
  { kind: "daily"; time: string } | { kind: "hourly"; minute: number } | { kind: "everyMinutes"; step: number } | { kind: "other" };

export type LastRun = {
  outcome: JobRunOutcome;
  trigger: JobRunTrigger;
  startedAt: Date;
  finishedAt: Date | null;
  dryRun: boolean;
  /** The admin who ran it by hand (their display name); null on schedule. */
  actorName: string | null;
  /** What the run did (or would do): counts, dates and flags, never personal data. */
  report: Record<string, unknown> | null;
  /** The failure's message when the outcome is `failed`. */
  error: string | null;
};

export type ScheduleStatus = {
  key: ScheduleKey;
  name: ScheduleName;
  cron: string;
  cadence: Cadence;
  nextRunAt: Date;
  lastRun: LastRun | null;
};

const pad = (n: number) => String(n).padStart(2, "0");
const wholeNumber = (field: string) => (/^\d{1,2}$/.test(field) ? Number(field) : null);

// "0 3 * * *" → every day at 03:00; "15 * * * *" → every hour at :15; "*/15 * * * *" → every 15 minutes; else `other`.
export function cadenceOf(cron: string): Cadence {
  const [minute, hour, ...rest] = cron.trim().split(/\s+/);
  if (rest.length !== 3 || rest.some((f) => f !== "*")) return { kind: "other" };
  const step = /^\*\/(\d{1,2})$/.exec(minute ?? "")?.[1];
  if (step && hour === "*" && Number(step) >= 1 && Number(step) <= 59) return { kind: "everyMinutes", step: Number(step) };
  const m = wholeNumber(minute ?? "");
  if (m === null || m > 59) return { kind: "other" };
  if (hour === "*") return { kind: "hourly", minute: m };
  const h = wholeNumber(hour ?? "");
  return h !== null && h <= 23 ? { kind: "daily", time: `${pad(h)}:${pad(m)}` } : { kind: "other" };
}

/** The first moment after `now` that `cron` names, read in Shanghai time whatever the process's zone. */
export function nextRunOf(cron: string, now: Date): Date {
  return parser.parseExpression(cron, { currentDate: now, tz: SCHEDULE_TIME_ZONE }).next().toDate();
}

/**
 * Each schedule as the admin page shows it: when it runs, its next run after `now`, and its last run (the one
 * started last, on schedule or by hand) with its outcome, report or failure, and who ran it.
 */
export async function listScheduleStatus(db: Conn, now: Date): Promise<ScheduleStatus[]> {
  const entries = Object.entries(SCHEDULES) as [ScheduleKey, Schedule & { name: ScheduleName }][];
  const rows = await db
    .selectDistinctOn([jobRuns.job], {
      job: jobRuns.job,
      outcome: jobRuns.outcome,
      trigger: jobRuns.trigger,
      startedAt: jobRuns.startedAt,
      finishedAt: jobRuns.finishedAt,
      dryRun: jobRuns.dryRun,
      report: jobRuns.report,
      error: jobRuns.error,
      actorName: users.displayName,
      actorEmail: users.email,
    })
    .from(jobRuns)
    .leftJoin(users, eq(users.id, jobRuns.actorId))
    .where(inArray(jobRuns.job, SCHEDULE_NAMES))
    .orderBy(jobRuns.job, desc(jobRuns.startedAt), desc(jobRuns.id));
  const last = new Map(rows.map((r) => [r.job, r]));
  return entries.map(([key, schedule]) => {
    const run = last.get(schedule.name);
    return {
      key,
      name: schedule.name,
      cron: schedule.cron,
      cadence: cadenceOf(schedule.cron),
      nextRunAt: nextRunOf(schedule.cron, now),
      lastRun: run
        ? {
            outcome: run.outcome,
            trigger: run.trigger,
            startedAt: run.startedAt,
            finishedAt: run.finishedAt,
            dryRun: run.dryRun,
            actorName: run.trigger === "manual" ? run.actorName || run.actorEmail || null : null,
            report: run.report ?? null,
            error: run.outcome === "failed" ? run.error : null,
          }
        : null,
    };
  });
}
