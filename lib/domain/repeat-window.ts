/**
 * Policy §8.7: a request is a repeat when the same subject filed the same type "within 12 months". Twelve
 * calendar months in Asia/Shanghai: the window opens at the same Shanghai wall-clock time on the same day of the
 * month a year earlier; a day the earlier month does not have is clamped to its last day (29 Feb 2028 → 28 Feb
 * 2027). This is PostgreSQL's `t - interval '12 months'` evaluated with TimeZone = 'Asia/Shanghai'; SQL takes the
 * instant computed here as a parameter instead of writing its own interval.
 */
import { civilFromDays, daysFromCivil, MS_PER_DAY, SHANGHAI_OFFSET_MS } from "@/lib/sla/shanghai";

export const REPEAT_WINDOW_MONTHS = 12;

function daysInMonth(y: number, m: number): number {
  return m === 12 ? 31 : daysFromCivil(y, m + 1, 1) - daysFromCivil(y, m, 1);
}

/** The earliest receipt that makes a request received at `now` a repeat (inclusive). */
export function repeatWindowStart(now: Date): Date {
  const ms = now instanceof Date ? now.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError("Invalid Date");
  const local = ms + SHANGHAI_OFFSET_MS;
  const day = Math.floor(local / MS_PER_DAY);
  const timeOfDay = local - day * MS_PER_DAY;
  const [y, m, d] = civilFromDays(day);
  const months = y * 12 + (m - 1) - REPEAT_WINDOW_MONTHS;
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  const start = daysFromCivil(year, month, Math.min(d, daysInMonth(year, month)));
  return new Date(start * MS_PER_DAY + timeOfDay - SHANGHAI_OFFSET_MS);
}

/** True when a request received at `earlier` makes one received at `now` a repeat: within the window, not after `now`. */
export function isWithinRepeatWindow(earlier: Date, now: Date): boolean {
  return earlier.getTime() >= repeatWindowStart(now).getTime() && earlier.getTime() <= now.getTime();
}
