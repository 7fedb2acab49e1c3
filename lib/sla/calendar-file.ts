/**
 * The yearly holiday-arrangement file (bundled seed data and the admin import format).
 * Format documented in ./calendar-data/README.md.
 */
import { z } from "zod";
import { daysFromCivil, isShanghaiDate, weekdayOfDayNumber, type ShanghaiDate } from "./shanghai";
import { buildWorkingDayIndex, type WorkingDayIndex } from "./working-days";
import data2024 from "./calendar-data/2024.json";
import data2025 from "./calendar-data/2025.json";
import data2026 from "./calendar-data/2026.json";
// Relative, not "@/": the time-zone probe (tz.test.ts) runs this module in a child process.
import { CALENDAR_DAY_KINDS, type CalendarDayKind } from "../domain/values";

export { CALENDAR_DAY_KINDS, type CalendarDayKind };

export const CALENDAR_IMPORT_ERROR_CODES = [
  "malformed",
  "malformed_date",
  "duplicate_date",
  "makeup_not_weekend",
  "holiday_on_makeup",
  "empty_year",
  "date_outside_year",
] as const;
export type CalendarImportErrorCode = (typeof CALENDAR_IMPORT_ERROR_CODES)[number];

/** One refusal reason. Codes, not sentences: the UI translates them. */
export type CalendarImportError = { code: CalendarImportErrorCode; date?: string; index?: number };

/** Structure only (types, required fields, kinds); the calendar rules are checked by CalendarYearFile. */
const CalendarDayShape = z.object({
  date: z.string(),
  kind: z.enum(CALENDAR_DAY_KINDS),
  name: z.string().trim().min(1),
});

const CalendarYearShape = z.object({
  year: z.number().int().min(1900).max(2200),
  notice: z.string().trim().min(1),
  days: z.array(CalendarDayShape),
});

function addRuleIssue(ctx: z.RefinementCtx, error: CalendarImportError, path: (string | number)[]): void {
  ctx.addIssue({ code: "custom", message: error.code, path, params: { calendarError: error } });
}

/**
 * Checks, in order, per day: the date is a real "YYYY-MM-DD" date (malformed_date), it lies in `year`
 * (date_outside_year), a make-up working day is a Saturday or Sunday (makeup_not_weekend); across days:
 * the same date twice with the same kind (duplicate_date) or as both a holiday and a make-up day
 * (holiday_on_makeup); and at least one day (empty_year).
 */
function checkCalendarRules(file: z.infer<typeof CalendarYearShape>, ctx: z.RefinementCtx): void {
  if (file.days.length === 0) {
    addRuleIssue(ctx, { code: "empty_year" }, ["days"]);
    return;
  }
  const seen = new Map<string, CalendarDayKind>();
  file.days.forEach((day, index) => {
    const path = ["days", index, "date"];
    if (!isShanghaiDate(day.date)) {
      addRuleIssue(ctx, { code: "malformed_date", date: day.date, index }, path);
      return;
    }
    const y = Number(day.date.slice(0, 4));
    const n = daysFromCivil(y, Number(day.date.slice(5, 7)), Number(day.date.slice(8, 10)));
    if (y !== file.year) addRuleIssue(ctx, { code: "date_outside_year", date: day.date, index }, path);
    if (day.kind === "makeup_workday") {
      const wd = weekdayOfDayNumber(n);
      if (wd !== 0 && wd !== 6) addRuleIssue(ctx, { code: "makeup_not_weekend", date: day.date, index }, path);
    }
    const previous = seen.get(day.date);
    if (previous === undefined) seen.set(day.date, day.kind);
    else if (previous === day.kind) addRuleIssue(ctx, { code: "duplicate_date", date: day.date, index }, path);
    else addRuleIssue(ctx, { code: "holiday_on_makeup", date: day.date, index }, path);
  });
}

/** A year file: `{ year, notice, days: [{ date, kind, name }] }`, structurally and by the calendar rules. */
export const CalendarYearFile = CalendarYearShape.superRefine(checkCalendarRules);
export type CalendarYearFileT = z.infer<typeof CalendarYearFile>;
export type CalendarDay = CalendarYearFileT["days"][number];

export type CalendarValidationResult = { ok: true; value: CalendarYearFileT } | { ok: false; errors: CalendarImportError[] };

/**
 * Validate an uploaded / bundled year. Structural problems (not an object, missing or mistyped field,
 * unknown kind, empty name or notice) are reported as `malformed` (with `index` when inside `days`), and then
 * the calendar rules are not checked; otherwise every rule violation is reported, each with the day's
 * `date` and `index` in `days`.
 */
export function validateCalendarYear(input: unknown): CalendarValidationResult {
  const shape = CalendarYearShape.safeParse(input);
  if (!shape.success) {
    const errors: CalendarImportError[] = [];
    const seen = new Set<string>();
    for (const issue of shape.error.issues) {
      const [first, second] = issue.path;
      const index = first === "days" && typeof second === "number" ? second : undefined;
      const key = String(index);
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push(index === undefined ? { code: "malformed" } : { code: "malformed", index });
    }
    return { ok: false, errors };
  }
  const full = CalendarYearFile.safeParse(input);
  if (full.success) return { ok: true, value: full.data };
  const errors: CalendarImportError[] = [];
  for (const issue of full.error.issues) {
    const err = (issue as { params?: { calendarError?: CalendarImportError } }).params?.calendarError;
    errors.push(err ?? { code: "malformed" });
  }
  return { ok: false, errors };
}

/** The bundled official arrangements (2024–2026), validated. */
export function loadBundledCalendarYears(): CalendarYearFileT[] {
  return [data2024, data2025, data2026].map((raw) => {
    const result = validateCalendarYear(raw);
    if (!result.ok) {
      throw new Error(`Bundled calendar ${String((raw as { year?: unknown }).year)} is invalid: ${JSON.stringify(result.errors)}`);
    }
    return result.value;
  });
}

/** Turn year files into the input of buildWorkingDayIndex (holiday → not working, make-up → working). */
export function indexInputFromCalendarYears(files: readonly CalendarYearFileT[]): {
  days: { date: ShanghaiDate; isWorkingDay: boolean }[];
  loadedYears: number[];
} {
  return {
    days: files.flatMap((f) => f.days.map((d) => ({ date: d.date, isWorkingDay: d.kind === "makeup_workday" }))),
    loadedYears: files.map((f) => f.year),
  };
}

/** A working-day index over the bundled years (2024–2026 loaded; other years of 2000–2060 use the fallback). */
export function buildBundledWorkingDayIndex(): WorkingDayIndex {
  return buildWorkingDayIndex(indexInputFromCalendarYears(loadBundledCalendarYears()));
}
