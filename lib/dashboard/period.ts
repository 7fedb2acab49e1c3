/**
 * The dashboard's period and type, as they travel in the URL (a GET form). Pure: no database, no clock (`now` is
 * passed in). Bad input never throws: it comes back as error codes the page shows in the user's language.
 *
 * A period is two Shanghai dates, both included. Default: the 30 days ending today (Shanghai). It may span at most
 * MAX_PERIOD_DAYS days and must lie inside the working-day calendar (2000–2060).
 */
import { REQUEST_TYPES, type RequestType } from "@/lib/domain";
import {
  addCalendarDays,
  dayNumber,
  DEFAULT_INDEX_FROM_YEAR,
  DEFAULT_INDEX_TO_YEAR,
  isShanghaiDate,
  shanghaiDateOf,
  type ShanghaiDate,
} from "@/lib/sla";

export const DEFAULT_PERIOD_DAYS = 30;
/** Three years: long enough for any audit, short enough for a weekly chart that can still be read. */
export const MAX_PERIOD_DAYS = 3 * 366;
export const FIRST_DATE = `${DEFAULT_INDEX_FROM_YEAR}-01-01`;
export const LAST_DATE = `${DEFAULT_INDEX_TO_YEAR}-12-31`;

export type Period = { from: ShanghaiDate; to: ShanghaiDate };
export type DashboardQuery = Period & { type: RequestType | null };

export const PERIOD_ERRORS = [
  "from_invalid",
  "to_invalid",
  "ends_before_start",
  "too_long",
  "out_of_range",
  "type_invalid",
  "month_invalid",
] as const;
export type PeriodError = (typeof PERIOD_ERRORS)[number];

type RawParams = Record<string, string | string[] | undefined>;

function first(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  const t = s?.trim();
  return t ? t : undefined;
}

export function isRequestType(v: unknown): v is RequestType {
  return typeof v === "string" && (REQUEST_TYPES as readonly string[]).includes(v);
}

/** The 30 days ending today in Shanghai. */
export function defaultPeriod(now: Date): Period {
  const to = shanghaiDateOf(now);
  return { from: addCalendarDays(to, -(DEFAULT_PERIOD_DAYS - 1)), to };
}

/** Days in a period, both ends included. */
export function periodDays(p: Period): number {
  return dayNumber(p.to) - dayNumber(p.from) + 1;
}

function checkPeriod(p: Period): PeriodError[] {
  if (p.from < FIRST_DATE || p.to > LAST_DATE || p.from > LAST_DATE || p.to < FIRST_DATE) return ["out_of_range"];
  if (p.to < p.from) return ["ends_before_start"];
  if (periodDays(p) > MAX_PERIOD_DAYS) return ["too_long"];
  return [];
}

export type ParsedQuery =
  | { ok: true; query: DashboardQuery }
  | { ok: false; errors: PeriodError[]; /** What the form shows back (the values as typed, trimmed). */ raw: Record<"from" | "to" | "type", string> };

/**
 * Parses ?from=YYYY-MM-DD&to=YYYY-MM-DD&type=<request type>. A missing date takes its default (to: today; from:
 * 29 days before `to`); an empty or missing type means all types.
 */
export function parseDashboardQuery(params: RawParams, now: Date): ParsedQuery {
  const rawFrom = first(params.from);
  const rawTo = first(params.to);
  const rawType = first(params.type);
  const raw = { from: (rawFrom ?? "").slice(0, 40), to: (rawTo ?? "").slice(0, 40), type: (rawType ?? "").slice(0, 40) };
  const errors: PeriodError[] = [];
  if (rawFrom !== undefined && !isShanghaiDate(rawFrom)) errors.push("from_invalid");
  if (rawTo !== undefined && !isShanghaiDate(rawTo)) errors.push("to_invalid");
  if (rawType !== undefined && rawType !== "all" && !isRequestType(rawType)) errors.push("type_invalid");
  if (errors.length > 0) return { ok: false, errors, raw };

  const fallback = defaultPeriod(now);
  const to = rawTo ?? fallback.to;
  let from = rawFrom;
  if (from === undefined) {
    // Only `to` given: the 30 days ending then (when `to` itself is in range).
    from = isShanghaiDate(to) && to >= FIRST_DATE && to <= LAST_DATE ? addCalendarDays(to, -(DEFAULT_PERIOD_DAYS - 1)) : fallback.from;
    if (from < FIRST_DATE) from = FIRST_DATE;
  }
  const periodErrors = checkPeriod({ from, to });
  if (periodErrors.length > 0) return { ok: false, errors: periodErrors, raw };
  const type = rawType === undefined || rawType === "all" ? null : (rawType as RequestType);
  return { ok: true, query: { from, to, type } };
}

const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** The calendar month "YYYY-MM" as a period (1st to last day), or null when malformed or outside the calendar. */
export function monthPeriod(month: string): Period | null {
  const m = MONTH_RE.exec(month);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12 || y < DEFAULT_INDEX_FROM_YEAR || y > DEFAULT_INDEX_TO_YEAR) return null;
  const from = `${m[1]}-${m[2]}-01`;
  const next = mo === 12 ? `${y + 1}-01-01` : `${m[1]}-${String(mo + 1).padStart(2, "0")}-01`;
  return { from, to: addCalendarDays(next, -1) };
}

/** The month of a Shanghai date, "YYYY-MM". */
export function monthOf(d: ShanghaiDate): string {
  return d.slice(0, 7);
}

export type ParsedReportQuery =
  { ok: true; month: string; period: Period; type: RequestType | null } | { ok: false; errors: PeriodError[]; raw: { month: string; type: string } };

/** ?month=YYYY-MM (default: the current Shanghai month)&type=…, for the monthly compliance report. */
export function parseReportQuery(params: RawParams, now: Date): ParsedReportQuery {
  const rawMonth = first(params.month);
  const rawType = first(params.type);
  const raw = { month: (rawMonth ?? "").slice(0, 40), type: (rawType ?? "").slice(0, 40) };
  const errors: PeriodError[] = [];
  const month = rawMonth ?? monthOf(shanghaiDateOf(now));
  const period = monthPeriod(month);
  if (!period) errors.push("month_invalid");
  if (rawType !== undefined && rawType !== "all" && !isRequestType(rawType)) errors.push("type_invalid");
  if (errors.length > 0 || !period) return { ok: false, errors, raw };
  return { ok: true, month, period, type: rawType === undefined || rawType === "all" ? null : (rawType as RequestType) };
}

/** Where a report's period stands on `now` (Shanghai): not begun, under way (figures so far), or ended. */
export type PeriodProgress = "not_started" | "in_progress" | "ended";

export function periodProgress(p: Period, now: Date): PeriodProgress {
  const today = shanghaiDateOf(now);
  if (today < p.from) return "not_started";
  if (today <= p.to) return "in_progress";
  return "ended";
}

/** The query string of a dashboard view, for links (period always, type when chosen). */
export function dashboardQueryString(q: DashboardQuery): string {
  const p = new URLSearchParams({ from: q.from, to: q.to });
  if (q.type) p.set("type", q.type);
  return `?${p.toString()}`;
}
