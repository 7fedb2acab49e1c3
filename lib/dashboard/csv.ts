/**
 * The dashboard's CSV export: its columns and rows, written by the one CSV writer (lib/domain/csv.ts: BOM, CRLF,
 * RFC 4180 quoting, formula-looking text prefixed with an apostrophe).
 */
import { csvLine } from "@/lib/domain/csv";
import type { ExportRow } from "./export";

export { CSV_BOM, csvField, csvLine } from "@/lib/domain/csv";

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
