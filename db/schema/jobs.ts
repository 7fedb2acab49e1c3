import { sql } from "drizzle-orm";
import { bigserial, boolean, index, jsonb, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { dsr, jobRunOutcome, jobRunTrigger, noticeKind } from "./enums";
import { requests } from "./requests";
import { users } from "./users";

/**
 * One run of a scheduled job (lib/jobs/schedules.ts): on its schedule or by hand from the admin page. The admin page
 * reads the last run and its outcome from here; pg-boss's own rows say when the next one is due.
 */
export const jobRuns = dsr.table(
  "job_runs",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** The schedule's name (SCHEDULES in lib/jobs/schedules.ts). */
    job: text().notNull(),
    trigger: jobRunTrigger().notNull(),
    /** The admin who ran it by hand; null on schedule. */
    actorId: uuid().references(() => users.id),
    /** A dry run reports what the job would do and changes nothing. */
    dryRun: boolean().notNull().default(false),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
    outcome: jobRunOutcome().notNull().default("running"),
    /** What the run did (or would do): counts and references, never personal data. */
    report: jsonb().$type<Record<string, unknown>>(),
    /** The failure's message when outcome is `failed`. */
    error: text(),
  },
  (t) => [index("job_runs_job_started").on(t.job, t.startedAt)],
);

/**
 * In-app notices to staff and patients (reminders, escalations, digests). `onceKey` makes each notice once-only:
 * it names the request and the state the notice announces (e.g. `<request id>:<due instant>`), so a second scan of
 * the same state inserts nothing (`on conflict do nothing`).
 */
export const notices = dsr.table(
  "notices",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    requestId: uuid().references(() => requests.id),
    kind: noticeKind().notNull(),
    onceKey: text().notNull(),
    /** What the notice says, as data (the page words it in the reader's language). */
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("notices_once").on(t.userId, t.kind, t.onceKey),
    index("notices_user_unread")
      .on(t.userId, t.createdAt)
      .where(sql`read_at is null`),
    index("notices_request").on(t.requestId),
  ],
);
