/** Instants in Asia/Shanghai (UTC+8, no DST) for the seed, independent of the process time zone. */
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
const OFFSET = 8 * HOUR;

/** Shanghai day number (days since 1970-01-01) of an instant. */
export function dayNumberOf(ms: number): number {
  return Math.floor((ms + OFFSET) / DAY);
}

/** The instant at `minuteOfDay` minutes after midnight of Shanghai day number `day`. */
export function atShanghai(day: number, minuteOfDay: number, second = 0): number {
  return day * DAY - OFFSET + minuteOfDay * MINUTE + second * 1000;
}

/** Minutes since Shanghai midnight. */
export function shanghaiMinuteOfDay(ms: number): number {
  return Math.floor(((((ms + OFFSET) % DAY) + DAY) % DAY) / MINUTE);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** When people file things: by Shanghai hour, evenings included, a few after midnight. */
export const HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
  [0, 1.2],
  [1, 0.5],
  [2, 0.2],
  [3, 0.1],
  [4, 0.1],
  [5, 0.2],
  [6, 0.6],
  [7, 1.5],
  [8, 3],
  [9, 5],
  [10, 6],
  [11, 6],
  [12, 4],
  [13, 4],
  [14, 5],
  [15, 5],
  [16, 5],
  [17, 4],
  [18, 3],
  [19, 4],
  [20, 5.5],
  [21, 6],
  [22, 4.5],
  [23, 2.5],
];

/**
 * Moves a staff action into office hours (09:00–19:00 Shanghai), to the next morning if need be, as long as
 * that stays before `limit`; otherwise keeps `t`.
 */
export function officeHours(t: number, limit: number, jitterMinutes: number): number {
  const minute = shanghaiMinuteOfDay(t);
  let moved = t;
  if (minute < 9 * 60) moved = atShanghai(dayNumberOf(t), 9 * 60 + jitterMinutes);
  else if (minute >= 19 * 60) moved = atShanghai(dayNumberOf(t) + 1, 9 * 60 + jitterMinutes);
  return moved < limit ? moved : t;
}
