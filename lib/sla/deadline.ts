/**
 * Reply deadlines. The day of receipt is not counted (民法典 Art. 201): the deadline is the end
 * (23:59:59.999 Asia/Shanghai) of the Nth working day after the Shanghai date of receipt. Time spent paused
 * (waiting on the requester) extends target and due by the working days d with pause date < d ≤ resume date.
 */
import { endOfShanghaiDayNumber, MS_PER_DAY, SHANGHAI_OFFSET_MS, shanghaiDayNumberOf, type ShanghaiDate } from "./shanghai";
import type { WorkingDayIndex } from "./working-days";

export type SlaPolicy = { targetWorkingDays: number; dueWorkingDays: number };

export type Deadline = {
  receivedDate: ShanghaiDate;
  targetDate: ShanghaiDate;
  dueDate: ShanghaiDate;
  /** 23:59:59.999 +08:00 on targetDate */
  targetAt: Date;
  /** 23:59:59.999 +08:00 on dueDate */
  dueAt: Date;
  /** The counting (receipt date < d ≤ due date) touches a year whose official notice is not loaded. */
  provisional: boolean;
};

/** Deadline as day numbers (days since 1970-01-01 in Shanghai) — the allocation-free core of computeDeadline. */
export type DeadlineDays = { receivedDay: number; targetDay: number; dueDay: number; provisional: boolean };

function checkCount(name: string, n: number): void {
  if (!(n >= 0) || n % 1 !== 0) throw new RangeError(`${name} must be an integer ≥ 0, got ${n}`);
}

/** computeDeadline on epoch milliseconds, returning day numbers. */
export function computeDeadlineDays(receivedAtMs: number, policy: SlaPolicy, index: WorkingDayIndex, pausedWorkingDays = 0): DeadlineDays {
  if (!Number.isFinite(receivedAtMs)) throw new RangeError("receivedAt is not a valid instant");
  checkCount("targetWorkingDays", policy.targetWorkingDays);
  checkCount("dueWorkingDays", policy.dueWorkingDays);
  checkCount("pausedWorkingDays", pausedWorkingDays);
  const receivedDay = Math.floor((receivedAtMs + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
  const targetDay = index.addWorkingDaysToDayNumber(receivedDay, policy.targetWorkingDays + pausedWorkingDays);
  const dueDay = index.addWorkingDaysToDayNumber(receivedDay, policy.dueWorkingDays + pausedWorkingDays);
  const last = dueDay > targetDay ? dueDay : targetDay;
  return { receivedDay, targetDay, dueDay, provisional: index.countingTouchesUnloadedYear(receivedDay, last) };
}

/**
 * Target and due dates of a request received at `receivedAt`, with `pausedWorkingDays` (sum of
 * pauseExtension over its pauses) added to both. Throws RangeError outside the index range.
 */
export function computeDeadline(receivedAt: Date, policy: SlaPolicy, index: WorkingDayIndex, pausedWorkingDays = 0): Deadline {
  const d = computeDeadlineDays(receivedAt.getTime(), policy, index, pausedWorkingDays);
  return {
    receivedDate: index.formatDayNumber(d.receivedDay),
    targetDate: index.formatDayNumber(d.targetDay),
    dueDate: index.formatDayNumber(d.dueDay),
    targetAt: endOfShanghaiDayNumber(d.targetDay),
    dueAt: endOfShanghaiDayNumber(d.dueDay),
    provisional: d.provisional,
  };
}

/**
 * Working days a pause adds to the deadline: the working days d with (Shanghai pause date) < d ≤ (Shanghai
 * resume date). Pause and resume on the same day add 0. Throws RangeError when resumedAt is before pausedAt.
 */
export function pauseExtension(pausedAt: Date, resumedAt: Date, index: WorkingDayIndex): number {
  if (resumedAt.getTime() < pausedAt.getTime()) {
    throw new RangeError("pauseExtension: resumedAt is before pausedAt");
  }
  return index.workingDaysBetweenDayNumbers(shanghaiDayNumberOf(pausedAt), shanghaiDayNumberOf(resumedAt));
}

/** Sum of pauseExtension over completed pauses ("several pauses add up"). */
export function totalPauseExtension(pauses: readonly { pausedAt: Date; resumedAt: Date }[], index: WorkingDayIndex): number {
  let total = 0;
  for (const p of pauses) total += pauseExtension(p.pausedAt, p.resumedAt, index);
  return total;
}
