/**
 * What a patient may type. Free text keeps every printable character — any script, right-to-left languages,
 * emoji, and `<script>` too, which is stored and shown as text, never as markup. What is refused: control
 * characters, the invisible bidirectional overrides and isolates (U+202A–202E, U+2066–2069) that make text read
 * differently from what it stores, and lone surrogates (not valid UTF-8). Names are letters only.
 * Pure and client-safe: the same checks run in the browser and on the server.
 */

/** C0/C1 controls except tab and newlines, bidi embeddings/overrides/isolates, BOM and interlinear annotations. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this pattern
const FORBIDDEN_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this pattern
const FORBIDDEN_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Multi-line text (descriptions, reasons, messages): true when it holds no forbidden character. */
export function isSafeText(s: string): boolean {
  return !FORBIDDEN_MULTILINE.test(s) && !LONE_SURROGATE.test(s);
}

/** One line (a corrected value, a file name): no newlines either. */
export function isSafeLine(s: string): boolean {
  return !FORBIDDEN_LINE.test(s) && !LONE_SURROGATE.test(s);
}

/**
 * A person's name: letters of any script and combining marks, with spaces, the middle dots of transliterated
 * names (阿卜杜·买买提, ・), hyphens, apostrophes and full stops between them. No digits, emoji or markup.
 */
const NAME = /^[\p{L}\p{M}](?:[\p{L}\p{M} ·・.'’-]*[\p{L}\p{M}.])?$/u;
export function isPersonName(s: string): boolean {
  return NAME.test(s) && isSafeLine(s);
}

/** A file name fit to store and to send back in Content-Disposition: no path, no controls, at most 120 characters. */
export function cleanFileName(name: string, fallback = "file"): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = [...base]
    .filter((ch) => isSafeLine(ch) && ch !== '"')
    .join("")
    .trim()
    .replace(/^\.+/, "");
  const chars = [...cleaned];
  if (chars.length === 0) return fallback;
  if (chars.length <= 120) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 && cleaned.length - dot <= 6 ? cleaned.slice(dot) : "";
  return chars.slice(0, 120 - ext.length).join("") + ext;
}
