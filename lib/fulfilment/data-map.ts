/**
 * The data map: where each category of a patient's records lives in the platform schema, how it is erased, what
 * retention holds it, and who received it — read off the data-category registry (lib/categories/registry.ts),
 * which fulfilment (access, deletion, cancellation, retention purge) runs on; the admin data-map page shows it.
 */
import "server-only";
import { qualifiedTableName, sqlColumnName } from "@/lib/categories/records";
import { addCalendarDays } from "@/lib/sla";
import { REGISTRY, retainedFromRecordDate, TRANSCRIPT_RETENTION, type Erasure, type Recipient, type Retention } from "@/lib/categories/registry";
import type { DataCategory } from "@/lib/requests/categories";

export type { Erasure, Recipient, Retention };
export { TRANSCRIPT_RETENTION };

export type CategoryMap = {
  category: DataCategory;
  tables: { table: string; columns: string[] }[];
  /** `delete_past_retention`: kept for a period from each record's own date, deleted once it is over. */
  erasure: Erasure | "delete_past_retention";
  retention?: Retention;
  recipients: Recipient[];
};

export const DATA_MAP: readonly CategoryMap[] = REGISTRY.map((e) => ({
  category: e.category,
  tables: [{ table: qualifiedTableName(e.table), columns: e.personal.map(sqlColumnName) }],
  erasure: retainedFromRecordDate(e) ? "delete_past_retention" : e.erasure.method,
  ...(e.retention ? { retention: e.retention } : {}),
  recipients: e.recipients,
}));

/**
 * `date` (a Shanghai date) moved by whole calendar months, on the same day of the month; a day the target month
 * lacks becomes its last day (29 Feb + 1 year = 28 Feb; 31 Mar + 1 month = 30 Apr). The one rule every retention
 * stated in years or months is counted by.
 */
export function addCalendarMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

const monthsOf = (retention: Retention) => (retention.years ?? 0) * 12 + (retention.months ?? 0);

/**
 * The date a record held by `retention` becomes deletable: the same calendar date the period's years and months
 * after `from` (a Shanghai date), 29 Feb becoming 28 Feb (addCalendarMonths). It is still kept on that date and
 * may go from the day after.
 */
export function deletableAfter(retention: Retention, from: string): string {
  return addCalendarMonths(from, monthsOf(retention));
}

/**
 * The earliest record date (Shanghai) whose period under `retention` has not ended by `today`: records dated before
 * it are past their period — their `deletableAfter` is before `today` — and those dated on or after it are not.
 * (A plain `today` minus N years would be a day off around 29 February.)
 */
export function retentionCutoff(retention: Retention, today: string): string {
  let cutoff = addCalendarMonths(today, -monthsOf(retention));
  while (deletableAfter(retention, cutoff) < today) cutoff = addCalendarDays(cutoff, 1);
  while (deletableAfter(retention, addCalendarDays(cutoff, -1)) >= today) cutoff = addCalendarDays(cutoff, -1);
  return cutoff;
}
