/**
 * The one way dates are shown, per language: named formats registered in next-intl's config (i18n/request.ts), so
 * a screen writes `format.dateTime(d, "date")` and every page shows a date the same way (2026年12月8日 / Dec 8,
 * 2026). Text written outside a page (notice e-mails, the final reply) uses `dateFormatter`, the same formats.
 * Always Shanghai time, 24-hour clock. Machine formats (CSV, file names, APIs) stay ISO and do not come here.
 */
import { createFormatter } from "next-intl";
import type { Locale } from "./locales";

export const TIME_ZONE = "Asia/Shanghai";

export const DATE_FORMATS = {
  /** A day: 2026年12月8日 / Dec 8, 2026. */
  date: { year: "numeric", month: "short", day: "numeric", timeZone: TIME_ZONE },
  /** An instant to the minute: 2026年12月8日 17:50 / Dec 8, 2026, 17:50. */
  dateTime: { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: TIME_ZONE },
  /** An instant to the second, for audit trails: 2026年12月8日 17:50:04 / Dec 8, 2026, 17:50:04. */
  dateTimeSeconds: {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZone: TIME_ZONE,
  },
  /** A time of day: 17:50. */
  time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: TIME_ZONE },
  /** A month: 2026年12月 / December 2026. */
  month: { year: "numeric", month: "long", timeZone: TIME_ZONE },
  /** A day within a known year (chart axes): 12月8日 / Dec 8. */
  shortDate: { month: "short", day: "numeric", timeZone: TIME_ZONE },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateFormatName = keyof typeof DATE_FORMATS;

/** A Shanghai calendar day (YYYY-MM-DD) as an instant inside that day, for formatting as a date. */
export const shanghaiDay = (day: string) => new Date(`${day}T12:00:00+08:00`);

/** The formats of one language, for text outside a page: `dateFormatter("en")(d, "date")` → "Dec 8, 2026". */
export function dateFormatter(locale: Locale) {
  const format = createFormatter({ locale, timeZone: TIME_ZONE, formats: { dateTime: DATE_FORMATS } });
  return (value: Date | string, name: DateFormatName) =>
    format.dateTime(typeof value === "string" ? (/^\d{4}-\d{2}-\d{2}$/.test(value) ? shanghaiDay(value) : new Date(value)) : value, name);
}
