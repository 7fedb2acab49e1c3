/**
 * The moment date-sensitive tests run "as of". Tests take time as an argument and never read the wall clock:
 * `npm test` runs them at a fixed instant; `npm run test:dates` runs them again at hard dates (Spring Festival
 * eves, a make-up Saturday, the last half-hour of a year whose successor has no notice, and today) by setting
 * TEST_NOW to an ISO instant with its offset, or to "today" for the real moment.
 */
export const DEFAULT_TEST_NOW = "2026-11-20T10:00:00+08:00";

export function testNow(source: string | undefined = process.env.TEST_NOW): Date {
  const raw = source?.trim() || DEFAULT_TEST_NOW;
  const d = raw === "today" ? new Date() : new Date(raw);
  if (Number.isNaN(d.getTime()) || (raw !== "today" && !/(?:Z|[+-]\d{2}:\d{2})$/.test(raw))) {
    throw new Error(`TEST_NOW must be an ISO instant with its offset (e.g. 2026-02-16T10:00:00+08:00) or "today", got "${raw}"`);
  }
  return d;
}

/** `now` moved by a number of whole days (positive: later). */
export const daysFrom = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000);
