/**
 * Derived data for the manager dashboard (lib/dashboard). Nothing here is ever written by the application: the
 * database keeps it in step with its sources, in the same transaction as every change (functions and triggers of
 * migration 0005_dashboard_triggers.sql):
 *
 * - `working_days`, `working_years` (and the view `working_day_ordinals`): every day of 2000–2060 with the PRC
 *   working-day flag and its cumulative ordinal, so SQL counts working days as ordinal(b) − ordinal(a)
 *   (= WorkingDayIndex.workingDaysBetween). The years touched are recomputed by statement triggers whenever
 *   `calendar_days`, `calendar_years` or `statutory_holidays` change.
 * - `dashboard_*_daily`, `dashboard_close_times`: per Shanghai day and request type, what was received and what
 *   was closed (by assignee, on time or not, how, how long it took in working days). Updated incrementally by
 *   statement triggers on `requests`; the closing rows from the first day whose working-day flag changed are
 *   rebuilt when the calendar changes (at commit, through `dashboard_state`).
 */
import { sql } from "drizzle-orm";
import { boolean, check, date, integer, primaryKey, smallint, text, uuid } from "drizzle-orm/pg-core";
import { dsr, requestType } from "./enums";

/** Stands for "nobody" in `dashboard_closed_daily.assignee_id` (a primary-key column cannot be null). */
export const UNASSIGNED_ID = "00000000-0000-0000-0000-000000000000";

/** The statutory days off of 《全国年节及纪念日放假办法》 for 2000–2060 (lib/sla/fallback.ts), for years without a notice. */
export const statutoryHolidays = dsr.table("statutory_holidays", {
  day: date({ mode: "string" }).primaryKey(),
  name: text().notNull(),
});

/**
 * One row per day of 2000–2060. ordinal = working days from 1 January of its year up to and including `day`; the
 * ordinal counted from 2000-01-01 is working_years.base + ordinal (the view dsr.working_day_ordinals), so a change
 * to one year's calendar rewrites that year's rows only.
 */
export const workingDays = dsr.table("working_days", {
  day: date({ mode: "string" }).primaryKey(),
  isWorkingDay: boolean().notNull(),
  ordinal: integer().notNull(),
});

/** One row per year of 2000–2060: its working days, and those of all the years before it since 2000. */
export const workingYears = dsr.table("working_years", {
  year: integer().primaryKey(),
  workingDays: integer().notNull(),
  base: integer().notNull(),
});

/** A single row: the first closing day whose summary must be rebuilt at commit (the calendar changed), or null. */
export const dashboardState = dsr.table(
  "dashboard_state",
  {
    id: smallint().primaryKey().default(1),
    dirtyFrom: date({ mode: "string" }),
  },
  (t) => [check("dashboard_state_single_row", sql`${t.id} = 1`)],
);

/**
 * Requests received per Shanghai day and type, spread over slots: each filing adds to the slot of its database
 * connection (pg_backend_pid() % 16), so concurrent filings do not queue on one row per (day, type); readers sum
 * the slots, and dsr.dashboard_fold_received() folds the slots of past days into slot 0.
 */
export const dashboardReceivedDaily = dsr.table(
  "dashboard_received_daily",
  {
    day: date({ mode: "string" }).notNull(),
    type: requestType().notNull(),
    slot: smallint().notNull().default(0),
    received: integer().notNull().default(0),
    repeats: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.type, t.slot] })],
);

/** Requests closed (completed, refused, withdrawn) per Shanghai day of closing, type and assignee. */
export const dashboardClosedDaily = dsr.table(
  "dashboard_closed_daily",
  {
    day: date({ mode: "string" }).notNull(),
    type: requestType().notNull(),
    /** The assignee at closing; UNASSIGNED_ID when none. */
    assigneeId: uuid().notNull(),
    closed: integer().notNull().default(0),
    /** Closed at or before the end of the due date. */
    onTime: integer().notNull().default(0),
    fulfilled: integer().notNull().default(0),
    partiallyFulfilled: integer().notNull().default(0),
    refused: integer().notNull().default(0),
    withdrawn: integer().notNull().default(0),
    /** Closed requests whose clock was paused for at least one working day. */
    paused: integer().notNull().default(0),
    /** Working days their pauses added to the deadlines. */
    pausedWorkingDays: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.type, t.assigneeId] })],
);

/** Histogram of working days taken (pauses excluded) by the requests closed per Shanghai day and type. */
export const dashboardCloseTimes = dsr.table(
  "dashboard_close_times",
  {
    day: date({ mode: "string" }).notNull(),
    type: requestType().notNull(),
    workingDays: integer().notNull(),
    closed: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.type, t.workingDays] })],
);

/** Refusals per Shanghai day of closing, type and coded reason ('' when none was recorded). */
export const dashboardRefusalsDaily = dsr.table(
  "dashboard_refusals_daily",
  {
    day: date({ mode: "string" }).notNull(),
    type: requestType().notNull(),
    reason: text().notNull(),
    refused: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.type, t.reason] })],
);
