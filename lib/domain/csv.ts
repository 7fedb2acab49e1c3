/**
 * The one CSV writer (RFC 4180) for the dashboard export and the access / portability package: UTF-8 with a
 * byte-order mark, so Excel opens Chinese text; CRLF line ends; a field quoted when it holds a comma, quote or
 * line break. A text field that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is
 * prefixed with an apostrophe — quoting alone does not stop Excel evaluating it. Numbers and booleans are written
 * as they are (-3 stays a number).
 */

export const CSV_BOM = "\uFEFF";

export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One record, CRLF-terminated. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** A whole file: the BOM, a header line of `columns`, then one line per row (the cell of each column, in order). */
export function csvDocument<C extends string>(columns: readonly C[], rows: readonly Partial<Record<C, CsvValue>>[]): string {
  return CSV_BOM + csvLine(columns) + rows.map((r) => csvLine(columns.map((c) => r[c]))).join("");
}
