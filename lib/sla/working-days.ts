/**
 * A precomputed working-day index: every date in [fromYear-01-01, toYear-12-31] is classified once, and a
 * cumulative working-day ordinal array turns "Nth working day after" and "working days between" into O(1)
 * array look-ups.
 *
 * A day is a working day when it is Monday–Friday, unless the calendar says otherwise: the `days` entries
 * (from the State Council notices) override the weekday rule in both directions. Years in the range whose
 * notice is not loaded additionally take the statutory holidays (./fallback.ts) as days off, with no make-up days.
 */
import { statutoryHolidays } from "./fallback";
import { daysFromCivil, dayNumber, fromDayNumber, weekdayOfDayNumber, civilFromDays, type ShanghaiDate } from "./shanghai";

export type WorkingDayIndexInput = {
  /** Non-standard days: holidays (isWorkingDay false) and make-up working days (true). Any year. */
  days: readonly { date: ShanghaiDate; isWorkingDay: boolean }[];
  /** Years whose official notice is loaded; other years of the range use the statutory fallback. */
  loadedYears: readonly number[];
  /** First year covered (default 2000). */
  fromYear?: number;
  /** Last year covered (default 2060). */
  toYear?: number;
};

export const DEFAULT_INDEX_FROM_YEAR = 2000;
export const DEFAULT_INDEX_TO_YEAR = 2060;

export class WorkingDayIndex {
  readonly fromYear: number;
  readonly toYear: number;
  /** Day number (days since 1970-01-01) of fromYear-01-01. */
  readonly firstDay: number;
  /** Day number of toYear-12-31. */
  readonly lastDay: number;

  private readonly loaded: ReadonlySet<number>;
  /** 1 when the day (offset from firstDay) is a working day. */
  private readonly working: Uint8Array;
  /** cum[i] = number of working days among offsets 0..i (inclusive). */
  private readonly cum: Int32Array;
  /** byOrdinal[k] = offset of the k-th working day of the range (k ≥ 1); byOrdinal[0] = -1. */
  private readonly byOrdinal: Int32Array;
  /** unloadedCum[i] = number of days among offsets 0..i that lie in a year whose notice is not loaded. */
  private readonly unloadedCum: Int32Array;
  /** "YYYY-MM-DD" per offset, so results need no string building. */
  private readonly strings: string[];

  /** Use buildWorkingDayIndex(). */
  constructor(input: WorkingDayIndexInput) {
    const fromYear = input.fromYear ?? DEFAULT_INDEX_FROM_YEAR;
    const toYear = input.toYear ?? DEFAULT_INDEX_TO_YEAR;
    if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
      throw new RangeError(`Invalid working-day index range ${fromYear}–${toYear}`);
    }
    this.fromYear = fromYear;
    this.toYear = toYear;
    this.firstDay = daysFromCivil(fromYear, 1, 1);
    this.lastDay = daysFromCivil(toYear, 12, 31);
    this.loaded = new Set(input.loadedYears);

    const size = this.lastDay - this.firstDay + 1;
    const working = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      const wd = weekdayOfDayNumber(this.firstDay + i);
      working[i] = wd === 0 || wd === 6 ? 0 : 1;
    }

    const unloadedCum = new Int32Array(size);
    let unloadedCount = 0;
    for (let y = fromYear; y <= toYear; y++) {
      const start = daysFromCivil(y, 1, 1) - this.firstDay;
      const end = daysFromCivil(y, 12, 31) - this.firstDay;
      const isLoaded = this.loaded.has(y);
      for (let i = start; i <= end; i++) {
        if (!isLoaded) unloadedCount++;
        unloadedCum[i] = unloadedCount;
      }
      if (!isLoaded) {
        for (const h of statutoryHolidays(y)) working[dayNumber(h.date) - this.firstDay] = 0;
      }
    }

    const explicit = new Map<number, boolean>();
    for (const day of input.days) {
      const n = dayNumber(day.date);
      const previous = explicit.get(n);
      if (previous !== undefined && previous !== day.isWorkingDay) {
        throw new Error(`Working-day calendar lists ${day.date} both as a working day and as a day off`);
      }
      explicit.set(n, day.isWorkingDay);
      if (n < this.firstDay || n > this.lastDay) continue;
      working[n - this.firstDay] = day.isWorkingDay ? 1 : 0;
    }

    const cum = new Int32Array(size);
    let count = 0;
    for (let i = 0; i < size; i++) {
      count += working[i]!;
      cum[i] = count;
    }
    const byOrdinal = new Int32Array(count + 1);
    byOrdinal[0] = -1;
    for (let i = 0; i < size; i++) if (working[i] === 1) byOrdinal[cum[i]!] = i;

    const strings = new Array<string>(size);
    for (let i = 0; i < size; i++) strings[i] = fromDayNumber(this.firstDay + i);

    this.working = working;
    this.cum = cum;
    this.byOrdinal = byOrdinal;
    this.unloadedCum = unloadedCum;
    this.strings = strings;
  }

  private outOfRange(what: string): never {
    throw new RangeError(`${what} is outside the working-day calendar (${fromDayNumber(this.firstDay)} – ${fromDayNumber(this.lastDay)})`);
  }

  /** Offset of a day number in the arrays; RangeError outside the range. */
  private offset(day: number): number {
    const i = day - this.firstDay;
    if (!(i >= 0 && day <= this.lastDay) || i % 1 !== 0) {
      this.outOfRange(Number.isInteger(day) ? fromDayNumber(day) : `day number ${day}`);
    }
    return i;
  }

  // ---- Day-number API (days since 1970-01-01): the allocation-free hot path. ----

  isWorkingDayNumber(day: number): boolean {
    return this.working[this.offset(day)] === 1;
  }

  /** Day number of the n-th working day strictly after `day` (n = 0 → `day`). */
  addWorkingDaysToDayNumber(day: number, n: number): number {
    const i = this.offset(day);
    if (n === 0) return day;
    if (!(n > 0) || n % 1 !== 0) throw new RangeError(`Working-day count must be an integer ≥ 0, got ${n}`);
    const k = this.cum[i]! + n;
    if (k >= this.byOrdinal.length) this.outOfRange(`The ${n}th working day after ${this.strings[i]}`);
    return this.firstDay + this.byOrdinal[k]!;
  }

  /** Working days d with a < d ≤ b (negative, −count of b < d ≤ a, when b < a). */
  workingDaysBetweenDayNumbers(a: number, b: number): number {
    return this.cum[this.offset(b)]! - this.cum[this.offset(a)]!;
  }

  /** True when some day d with a < d ≤ b lies in a year whose notice is not loaded (the counting window). */
  countingTouchesUnloadedYear(a: number, b: number): boolean {
    return this.unloadedCum[this.offset(b)]! !== this.unloadedCum[this.offset(a)]!;
  }

  /** "YYYY-MM-DD" of a day number inside the range (precomputed). */
  formatDayNumber(day: number): ShanghaiDate {
    return this.strings[this.offset(day)]!;
  }

  // ---- Date-string API. ----

  isWorkingDay(d: ShanghaiDate): boolean {
    return this.isWorkingDayNumber(dayNumber(d));
  }

  /** The n-th working day strictly after `d` (n ≥ 0; n = 0 returns `d` itself, working day or not). */
  addWorkingDays(d: ShanghaiDate, n: number): ShanghaiDate {
    return this.formatDayNumber(this.addWorkingDaysToDayNumber(dayNumber(d), n));
  }

  /** Count of working days d with a < d ≤ b; negative (−count of b < d ≤ a) when b < a. */
  workingDaysBetween(a: ShanghaiDate, b: ShanghaiDate): number {
    return this.workingDaysBetweenDayNumbers(dayNumber(a), dayNumber(b));
  }

  /** Whether the official notice of `year` is loaded (otherwise the statutory fallback applies). */
  isLoadedYear(year: number): boolean {
    return this.loaded.has(year);
  }

  /** Whether any year from `from`'s to `to`'s (inclusive, either order) is not loaded. Works outside the range. */
  touchesUnloadedYear(from: ShanghaiDate, to: ShanghaiDate): boolean {
    let y1 = civilFromDays(dayNumber(from))[0];
    let y2 = civilFromDays(dayNumber(to))[0];
    if (y2 < y1) [y1, y2] = [y2, y1];
    for (let y = y1; y <= y2; y++) if (!this.loaded.has(y)) return true;
    return false;
  }

  /** Loaded years, ascending. */
  loadedYears(): number[] {
    return [...this.loaded].sort((a, b) => a - b);
  }
}

/** Build the index (default range 2000–2060). Throws on a date listed both as working and as a day off. */
export function buildWorkingDayIndex(input: WorkingDayIndexInput): WorkingDayIndex {
  return new WorkingDayIndex(input);
}
