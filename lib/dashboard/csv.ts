/**
 * CSV for Excel and everything else (RFC 4180): UTF-8 with a byte-order mark, so Excel opens Chinese text; CRLF
 * line ends; fields quoted when they hold a comma, quote or line break. A field that a spreadsheet would run as a
 * formula (starting with = + - @, tab or CR) is prefixed with an apostrophe.
 */
import type { ExportRow } from "./export";

export const CSV_BOM = "\uFEFF";

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export const EXPORT_COLUMNS = ["ref", "type", "status", "received", "due", "closed", "onTime", "outcome", "refusalReason", "workingDays"] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Words of the export in the user's language. */
export type ExportLabels = {
  column: (c: ExportColumn) => string;
  type: (t: string) => string;
  status: (s: string) => string;
  outcome: (o: string) => string;
  refusalReason: (r: string) => string;
  yes: string;
  no: string;
};

export function csvHeader(labels: ExportLabels): string {
  return csvLine(EXPORT_COLUMNS.map((c) => labels.column(c)));
}

export function csvRow(r: ExportRow, labels: ExportLabels): string {
  return csvLine([
    r.ref,
    labels.type(r.type),
    labels.status(r.status),
    r.received,
    r.due,
    r.closed,
    r.onTime === null ? null : r.onTime ? labels.yes : labels.no,
    r.outcome ? labels.outcome(r.outcome) : null,
    r.refusalReason ? labels.refusalReason(r.refusalReason) : null,
    r.workingDays,
  ]);
}
