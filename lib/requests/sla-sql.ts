/**
 * The SLA state of open requests (lib/sla/sla-state.ts, slaStatus) as SQL conditions, so the queue can filter
 * and count by it in the database without loading rows into JS.
 *
 * For a running clock the state depends on "now" only through three boundaries computed here from the
 * working-day index: now itself (overdue once due_at < now), the start of the third working day after today
 * (at most 2 working days left once due_at is before it), and today (past target once target_date < today).
 * Those are plain range comparisons on due_at and target_date (requests_open_due serves them).
 *
 * A paused request is judged as of its pause moment, so its boundaries differ row by row: for those rows the
 * working days between the pause date and the due date come from an array of working-day ordinals (one entry
 * per day around today) passed as a parameter and subscripted per row — two array look-ups, no calendar table.
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { requests } from "@/db/schema";
import { AT_RISK_WORKING_DAYS, shanghaiDayNumberOf, startOfShanghaiDay, fromDayNumber, type WorkingDayIndex } from "@/lib/sla";
import type { QueueSlaState } from "./queue-filters";

/** Days of ordinals before and after today passed for paused rows (pauses older than this are clamped). */
const ORDINALS_BEFORE = 3 * 366;
const ORDINALS_AFTER = 2 * 366;

export type SlaBounds = {
  now: Date;
  /** Shanghai date of now. */
  today: string;
  /** Start of the (AT_RISK_WORKING_DAYS + 1)-th working day after today: due before it → at most 2 wd left. */
  riskBefore: Date;
  /** Day number of the first ordinal. */
  ordinalsFrom: number;
  /** Postgres int[] literal: working days d with ordinalsFrom < d ≤ day, for each day from ordinalsFrom on. */
  ordinals: string;
};

export function slaBounds(index: WorkingDayIndex, now: Date): SlaBounds {
  const todayDn = shanghaiDayNumberOf(now);
  const from = Math.max(index.firstDay, todayDn - ORDINALS_BEFORE);
  const to = Math.min(index.lastDay, todayDn + ORDINALS_AFTER);
  const values: number[] = [];
  for (let d = from; d <= to; d++) values.push(index.workingDaysBetweenDayNumbers(from, d));
  const riskDay = index.addWorkingDaysToDayNumber(todayDn, AT_RISK_WORKING_DAYS + 1);
  return {
    now,
    today: fromDayNumber(todayDn),
    riskBefore: startOfShanghaiDay(fromDayNumber(riskDay)),
    ordinalsFrom: from,
    ordinals: `{${values.join(",")}}`,
  };
}

const dayNumberOfTimestamp = (col: SQL) => sql`floor((extract(epoch from ${col}) + 28800) / 86400)::int`;

export type SlaConditions = Record<QueueSlaState, SQL>;

/** One condition per open SLA state; exactly one holds for an open request. Apply to open requests only. */
export function slaConditions(b: SlaBounds): SlaConditions {
  const r = requests;
  const now = b.now.toISOString();
  const running = sql`(${r.pausedAt} is null or ${r.pausedAt} >= ${now}::timestamptz)`;
  const paused = sql`(${r.pausedAt} is not null and ${r.pausedAt} < ${now}::timestamptz)`;
  const pauseDay = dayNumberOfTimestamp(sql`${r.pausedAt}`);
  const ord = sql`(${b.ordinals}::int[])`;
  const from = b.ordinalsFrom;
  const dueDay = sql`(${r.dueDate} - date '1970-01-01')`;
  const targetDay = sql`(${r.targetDate} - date '1970-01-01')`;
  // Working days left at the pause; beyond the array (a due date years away) counts as plenty.
  const leftAtPause = sql`coalesce(${ord}[${dueDay} - ${from} + 1] - ${ord}[greatest(${pauseDay}, ${from}) - ${from} + 1], 1000000)`;
  const pausedRisk = sql`(${pauseDay} > ${targetDay} or ${leftAtPause} <= ${AT_RISK_WORKING_DAYS})`;
  const riskBefore = b.riskBefore.toISOString();
  return {
    overdue: sql`((${running} and ${r.dueAt} < ${now}::timestamptz) or (${paused} and ${r.pausedAt} > ${r.dueAt}))`,
    at_risk: sql`((${running} and ${r.dueAt} >= ${now}::timestamptz and (${r.dueAt} < ${riskBefore}::timestamptz or ${r.targetDate} < ${b.today}::date)) or (${paused} and ${r.pausedAt} <= ${r.dueAt} and ${pausedRisk}))`,
    on_track: sql`((${running} and ${r.dueAt} >= ${riskBefore}::timestamptz and ${r.targetDate} >= ${b.today}::date) or (${paused} and ${r.pausedAt} <= ${r.dueAt} and not ${pausedRisk}))`,
  };
}
