/**
 * Asia/Shanghai calendar dates, independent of the process time zone.
 *
 * Asia/Shanghai has been UTC+8 without DST since 1991, so a Shanghai date is the UTC date of (instant + 8 h).
 * Nothing here uses Date local-time getters; day arithmetic is done on integer day numbers
 * (days since 1970-01-01) with Howard Hinnant's civil-date algorithms.
 */

/** A calendar date in Asia/Shanghai, "YYYY-MM-DD". */
export type ShanghaiDate = string;

export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic-Gregorian civil date (m 1–12, d 1–31). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Civil date [year, month 1–12, day 1–31] of a day number. */
export function civilFromDays(n: number): [number, number, number] {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `d` is a well-formed, existing calendar date "YYYY-MM-DD". */
export function isShanghaiDate(d: unknown): d is ShanghaiDate {
  if (typeof d !== "string") return false;
  const m = DATE_RE.exec(d);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const day = Number(m[3]);
  return mo >= 1 && mo <= 12 && day >= 1 && day <= daysInMonth(y, mo);
}

/** Days since 1970-01-01 of a "YYYY-MM-DD" date. Throws RangeError on a malformed or impossible date. */
export function dayNumber(d: ShanghaiDate): number {
  if (!isShanghaiDate(d)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(d)}`);
  return daysFromCivil(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10)));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function pad4(n: number): string {
  if (n < 0 || n > 9999) throw new RangeError(`Year outside 0000–9999: ${n}`);
  return n < 10 ? `000${n}` : n < 100 ? `00${n}` : n < 1000 ? `0${n}` : `${n}`;
}

/** "YYYY-MM-DD" of a day number (days since 1970-01-01). */
export function fromDayNumber(n: number): ShanghaiDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not an integer day number: ${n}`);
  const [y, m, d] = civilFromDays(n);
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

function instantMs(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError("Invalid Date");
  return ms;
}

/** Shanghai day number (days since 1970-01-01) of an instant. */
export function shanghaiDayNumberOf(instant: Date): number {
  return Math.floor((instantMs(instant) + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

/** The Shanghai calendar date of an instant: 2026-02-13T16:30:00Z → "2026-02-14". */
export function shanghaiDateOf(instant: Date): ShanghaiDate {
  return fromDayNumber(shanghaiDayNumberOf(instant));
}

/** The last millisecond of a Shanghai day number: 23:59:59.999 +08:00. */
export function endOfShanghaiDayNumber(n: number): Date {
  return new Date((n + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS - 1);
}

/** 23:59:59.999 +08:00 on Shanghai date `d`. */
export function endOfShanghaiDay(d: ShanghaiDate): Date {
  return endOfShanghaiDayNumber(dayNumber(d));
}

/** 00:00:00.000 +08:00 on Shanghai date `d`. */
export function startOfShanghaiDay(d: ShanghaiDate): Date {
  return new Date(dayNumber(d) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/** Weekday of a day number, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** Weekday of a Shanghai date, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: ShanghaiDate): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  return weekdayOfDayNumber(dayNumber(d)) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

/** `d` plus `n` calendar days (n may be negative). */
export function addCalendarDays(d: ShanghaiDate, n: number): ShanghaiDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not an integer number of days: ${n}`);
  return fromDayNumber(dayNumber(d) + n);
}

/** The Gregorian year of a Shanghai date. */
export function yearOf(d: ShanghaiDate): number {
  return civilFromDays(dayNumber(d))[0];
}

/** An instant as ISO-8601 in Shanghai time: "2026-02-24T23:59:59.999+08:00". */
export function formatShanghaiInstant(instant: Date): string {
  const local = instantMs(instant) + SHANGHAI_OFFSET_MS;
  const day = Math.floor(local / MS_PER_DAY);
  let rest = local - day * MS_PER_DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const s = Math.floor(rest / 1000);
  const ms = rest - s * 1000;
  const msStr = ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : `${ms}`;
  return `${fromDayNumber(day)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}.${msStr}+08:00`;
}
