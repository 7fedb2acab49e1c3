import { strToU8, zipSync, type Zippable } from "fflate";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { formatShanghaiInstant } from "@/lib/sla";
import type { CategoryData, Cell } from "./collect";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const cellText = (v: Cell) => (v === null ? "" : String(v));

/** RFC 4180 CSV with a BOM, so spreadsheet programs read the Chinese text as UTF-8. */
export function toCsv(rows: Record<string, Cell>[]): string {
  if (rows.length === 0) return "\uFEFF";
  const columns = Object.keys(rows[0]!);
  const quote = (s: string) => (/[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [columns.join(","), ...rows.map((r) => columns.map((c) => quote(cellText(r[c] ?? null))).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
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
    const label = (c: string) => (t.has(`columns.${c}` as "columns.id") ? t(`columns.${c}` as "columns.id") : c);
    const head = columns.map((c) => `<th>${escapeHtml(label(c))}</th>`).join("");
    const body = d.rows
      .map((r) => `<tr>${columns.map((c) => (c === "file" && r[c] ? `<td><img src="${escapeHtml(String(r[c]))}" alt="" width="96"></td>` : `<td>${escapeHtml(cellText(r[c] ?? null))}</td>`)).join("")}</tr>`)
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
