/**
 * SLA state of a request at a given moment (DESIGN.md "Counting working days").
 *
 * Open requests: `overdue` once now > dueAt; else `at_risk` when today (Shanghai) is after targetDate or at
 * most 2 working days are left; else `on_track`. workingDaysLeft = workingDaysBetween(today, dueDate): 0 on
 * the due date itself, negative once overdue.
 *
 * Paused requests (pausedAt set): the clock is stopped. The state is evaluated as of the pause moment
 * (today := the Shanghai pause date, now := pausedAt), so a paused request cannot drift into at_risk or
 * overdue while it waits on the requester, and it does not flip at weekends. This is the same as moving the
 * due date later by the working days elapsed since the pause date (pauseExtension(pausedAt, now), exactly what
 * resuming now would do): workingDaysBetween(today, dueDate + elapsed) = workingDaysBetween(pauseDate, dueDate).
 * Use dueDateIfResumedNow() to show that moved date.
 *
 * Closed requests ("completed", "refused", "withdrawn"): `met` if closedAt ≤ dueAt, else `missed`;
 * workingDaysLeft is the count left at closure, workingDaysBetween(closed date, dueDate) (negative when missed).
 * A closed request without closedAt is judged at `now`.
 */
import { shanghaiDayNumberOf, dayNumber, type ShanghaiDate } from "./shanghai";
import type { WorkingDayIndex } from "./working-days";

export type SlaState = "on_track" | "at_risk" | "overdue" | "met" | "missed";

/** Statuses that end the clock (= CLOSED_STATUSES of lib/domain). */
export const SLA_CLOSED_STATUSES: readonly string[] = ["completed", "refused", "withdrawn"];

/** At most this many working days left (inclusive) makes an open request at_risk. */
export const AT_RISK_WORKING_DAYS = 2;

export type SlaSubject = {
  status: string;
  targetDate: ShanghaiDate;
  dueDate: ShanghaiDate;
  dueAt: Date;
  closedAt: Date | null;
  pausedAt: Date | null;
};

export function slaStatus(r: SlaSubject, now: Date, index: WorkingDayIndex): { state: SlaState; workingDaysLeft: number } {
  const dueDay = dayNumber(r.dueDate);
  const dueAtMs = r.dueAt.getTime();

  if (SLA_CLOSED_STATUSES.includes(r.status)) {
    const closed = r.closedAt ?? now;
    const workingDaysLeft = index.workingDaysBetweenDayNumbers(shanghaiDayNumberOf(closed), dueDay);
    return { state: closed.getTime() <= dueAtMs ? "met" : "missed", workingDaysLeft };
  }

  const at = r.pausedAt !== null && r.pausedAt.getTime() < now.getTime() ? r.pausedAt : now;
  const today = shanghaiDayNumberOf(at);
  const workingDaysLeft = index.workingDaysBetweenDayNumbers(today, dueDay);
  let state: SlaState;
  if (at.getTime() > dueAtMs) state = "overdue";
  else if (today > dayNumber(r.targetDate) || workingDaysLeft <= AT_RISK_WORKING_DAYS) state = "at_risk";
  else state = "on_track";
  return { state, workingDaysLeft };
}

/**
 * While paused: the due date the request would have if it were resumed at `now`
 * (dueDate moved later by the working days d with pause date < d ≤ today).
 */
export function dueDateIfResumedNow(dueDate: ShanghaiDate, pausedAt: Date, now: Date, index: WorkingDayIndex): ShanghaiDate {
  const elapsed =
    now.getTime() <= pausedAt.getTime() ? 0 : index.workingDaysBetweenDayNumbers(shanghaiDayNumberOf(pausedAt), shanghaiDayNumberOf(now));
  return index.addWorkingDays(dueDate, elapsed);
}
