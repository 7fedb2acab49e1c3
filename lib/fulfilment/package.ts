import { strToU8, zipSync, type Zippable } from "fflate";
import { REGISTRY } from "@/lib/categories/registry";
import { CSV_BOM, csvDocument } from "@/lib/domain/csv";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { formatShanghaiInstant } from "@/lib/sla";
import type { CategoryData, Cell } from "./collect";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const cellText = (v: Cell) => (v === null ? "" : String(v));

/** One category as CSV, by the one CSV writer (lib/domain/csv.ts); the columns are those of the first row. */
export function toCsv(rows: Record<string, Cell>[]): string {
  return rows.length === 0 ? CSV_BOM : csvDocument(Object.keys(rows[0]!), rows);
}

/**
 * The access / portability package: a readable HTML report in the patient's language, JSON and CSV per
 * category, and the images. Everything in it comes from `data`, which the caller collected for one account.
 */
export function buildPackage(input: { ref: string; subjectName: string; locale: Locale; now: Date; data: CategoryData[] }): Uint8Array {
  const t = translatorFor(input.locale, "export");
  const categoryName = translatorFor(input.locale, "categories");
  const files: Zippable = {};
  const sections = input.data.map((d) => {
    files[`${d.category}.json`] = strToU8(JSON.stringify(d.rows, null, 2));
    files[`${d.category}.csv`] = strToU8(toCsv(d.rows));
    for (const f of d.files) files[f.name] = [f.bytes, { level: 0 }];
    const title = escapeHtml(categoryName(d.category));
    if (d.rows.length === 0) return `<section><h2>${title}</h2><p>${escapeHtml(t("empty"))}</p></section>`;
    const columns = Object.keys(d.rows[0]!);
    // Headings as the category's registry entry labels its exported columns; a cell naming one of its files shows the image.
    const exported = REGISTRY.find((e) => e.category === d.category)?.export.columns ?? [];
    const label = (c: string) => {
      const key = exported.find((x) => x.key === c)?.label ?? c;
      return t.has(`columns.${key}` as "columns.id") ? t(`columns.${key}` as "columns.id") : c;
    };
    const fileNames = new Set(d.files.map((f) => f.name));
    const isFile = (v: Cell) => typeof v === "string" && fileNames.has(v);
    const head = columns.map((c) => `<th>${escapeHtml(label(c))}</th>`).join("");
    const body = d.rows
      .map((r) => `<tr>${columns.map((c) => (isFile(r[c] ?? null) ? `<td><img src="${escapeHtml(String(r[c]))}" alt="" width="96"></td>` : `<td>${escapeHtml(cellText(r[c] ?? null))}</td>`)).join("")}</tr>`)
      .join("\n");
    return `<section><h2>${title}</h2><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></section>`;
  });
  const html = `<!doctype html>
<html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(t("title"))} ${escapeHtml(input.ref)}</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;line-height:1.5}table{border-collapse:collapse;margin-bottom:16px}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eef0eb}</style>
</head><body>
<h1>${escapeHtml(t("title"))}</h1>
<p>${escapeHtml(t("intro", { ref: input.ref }))}</p>
<p>${escapeHtml(t("subject", { name: input.subjectName }))}<br>${escapeHtml(t("generatedAt", { time: formatShanghaiInstant(input.now) }))}</p>
<p>${escapeHtml(t("restrictedNote"))}</p>
${sections.join("\n")}
</body></html>
`;
  files["report.html"] = strToU8(html);
  return zipSync(files, { level: 6, mtime: input.now });
}
