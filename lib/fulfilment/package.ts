import "server-only";
import { strToU8, zipSync, type Zippable } from "fflate";
import { REGISTRY } from "@/lib/categories/registry";
import { CSV_BOM, csvDocument } from "@/lib/domain/csv";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { formatShanghaiInstant } from "@/lib/sla";
import { HELD_UNTIL, type CategoryData, type Cell } from "./collect";
import type { ItemOutcome } from "./items";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Columns of the copy that are internal record ids: kept in the JSON and CSV files (records refer to each other), never shown in the report. */
const INTERNAL_ID_COLUMNS = new Set(["id", "consultationId"]);
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/** An instant as a patient reads it: the Shanghai date and time to the minute ("2026-11-18 10:05"). */
export const readableShanghaiTime = (d: Date) => formatShanghaiInstant(d).slice(0, 16).replace("T", " ");

/**
 * A cell of the readable report, as a patient reads it (the JSON and CSV files keep the raw value): yes / no for a
 * flag, Shanghai time for an instant, the catalog's label for a coded value of its column (`export.values.<heading>`),
 * a web address with its search terms decoded.
 */
export function reportCell(t: ReturnType<typeof translatorFor<"export">>, heading: string, v: Cell): string {
  if (v === null) return "";
  if (typeof v === "boolean") return t(v ? "yes" : "no");
  if (typeof v === "number") return String(v);
  if (UTC_INSTANT.test(v)) return readableShanghaiTime(new Date(v));
  const coded = `values.${heading}.${v}`;
  if (/^[a-z][a-z_]*$/.test(v) && t.has(coded as "yes")) return t(coded as "yes");
  if (heading === "page") {
    try {
      return decodeURIComponent(v.replace(/\+/g, " "));
    } catch {
      return v;
    }
  }
  return v;
}

/** One category as CSV, by the one CSV writer (lib/domain/csv.ts); the columns are those of the first row. */
export function toCsv(rows: Record<string, Cell>[]): string {
  return rows.length === 0 ? CSV_BOM : csvDocument(Object.keys(rows[0]!), rows);
}

/** One category of the package: its rows and files, and the records of them a legal retention holds. */
export type PackageSection = Pick<CategoryData, "category" | "rows" | "files"> & Partial<Pick<CategoryData, "held">>;

/**
 * The access / portability package: a readable HTML report in the patient's language, JSON and CSV per
 * category, and the images. Everything in it comes from `data`, which the caller collected for one subject.
 * Records a legal retention holds are in it, each marked with the day it is kept until, and a category holding
 * some says how many, under which rule and basis; `outcomes` (the step's item outcomes) say why a category
 * holds nothing or was not provided.
 */
export function buildPackage(input: {
  ref: string;
  subjectName: string;
  locale: Locale;
  now: Date;
  data: PackageSection[];
  outcomes?: ItemOutcome[];
}): Uint8Array {
  const t = translatorFor(input.locale, "export");
  const categoryName = translatorFor(input.locale, "categories");
  const rules = translatorFor(input.locale, "dataMap");
  const refusals = translatorFor(input.locale, "refusalReasons");
  const files: Zippable = {};
  const outcomeOf = (c: string) => input.outcomes?.find((o) => o.category === c && o.id === null);
  /** Why a category of the copy has no rows: refused (with its reason), the account holder's only, or none held. */
  const emptyBecause = (c: string) => {
    const o = outcomeOf(c);
    if (o?.outcome === "refused") return t("refused", { reason: o.reason ? refusals(o.reason as "impractical") : "—" });
    return o?.reason === "account_holder_only" ? t("accountHolderOnly") : t("empty");
  };
  const sections = input.data.map((d) => {
    files[`${d.category}.json`] = strToU8(JSON.stringify(d.rows, null, 2));
    files[`${d.category}.csv`] = strToU8(toCsv(d.rows));
    for (const f of d.files) files[f.name] = [f.bytes, { level: 0 }];
    const title = escapeHtml(categoryName(d.category));
    if (d.rows.length === 0) return `<section><h2>${title}</h2><p>${escapeHtml(emptyBecause(d.category))}</p></section>`;
    const held =
      d.held && d.held.count > 0
        ? `<p class="held">${escapeHtml(
            t("heldSection", {
              count: d.held.count,
              rule: d.held.retention ? rules(`retention_${d.held.retention.rule}`) : "—",
              basis: d.held.retention?.basis ?? "—",
              date: d.held.until ?? "—",
            }),
          )}</p>`
        : "";
    const columns = Object.keys(d.rows[0]!).filter((c) => !INTERNAL_ID_COLUMNS.has(c));
    // Headings as the category's registry entry labels its exported columns; a cell naming one of its files shows the image.
    const exported = REGISTRY.find((e) => e.category === d.category)?.export.columns ?? [];
    const heading = (c: string) => (c === HELD_UNTIL ? HELD_UNTIL : (exported.find((x) => x.key === c)?.label ?? c));
    const label = (c: string) => (t.has(`columns.${heading(c)}` as "columns.id") ? t(`columns.${heading(c)}` as "columns.id") : c);
    const fileNames = new Set(d.files.map((f) => f.name));
    const isFile = (v: Cell) => typeof v === "string" && fileNames.has(v);
    const head = columns.map((c) => `<th>${escapeHtml(label(c))}</th>`).join("");
    const body = d.rows
      .map(
        (r) =>
          `<tr${r[HELD_UNTIL] ? ' class="held"' : ""}>${columns.map((c) => (isFile(r[c] ?? null) ? `<td><img src="${escapeHtml(String(r[c]))}" alt="" width="96"></td>` : `<td>${escapeHtml(reportCell(t, heading(c), r[c] ?? null))}</td>`)).join("")}</tr>`,
      )
      .join("\n");
    return `<section><h2>${title}</h2>${held}<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></section>`;
  });
  const html = `<!doctype html>
<html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(t("title"))} ${escapeHtml(input.ref)}</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;line-height:1.5}table{border-collapse:collapse;margin-bottom:16px}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eef0eb}tr.held td{background:#fbf6e6}p.held{border-left:4px solid #c9a227;padding-left:8px}</style>
</head><body>
<h1>${escapeHtml(t("title"))}</h1>
<p>${escapeHtml(t("intro", { ref: input.ref }))}</p>
<p>${escapeHtml(t("subject", { name: input.subjectName }))}<br>${escapeHtml(t("generatedAt", { time: readableShanghaiTime(input.now) }))}</p>
<p>${escapeHtml(t("restrictedNote"))}</p>
${sections.join("\n")}
</body></html>
`;
  files["report.html"] = strToU8(html);
  return zipSync(files, { level: 6, mtime: input.now });
}
