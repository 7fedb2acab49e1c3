/** Any C0/C1 control character (TAB, CR, LF, NUL…), which browsers strip or reject before they resolve a URL. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this pattern
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const BASE = "http://portal.invalid";

/**
 * Only a path of this site may be returned to after sign-in. The value is resolved with `URL` against a
 * placeholder origin, as a browser would resolve it: anything that lands elsewhere (another host, a scheme,
 * `//host`, `/\host`, a TAB or newline that browsers strip into `//host`), or that is not a plain path, gives the
 * fallback. Never throws.
 */
export function safeCallbackUrl(value: string | string[] | undefined, fallback: string): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/") || CONTROL.test(v) || v.includes("\\") || v.length > 2000) return fallback;
  let url: URL;
  try {
    url = new URL(v, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || v.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
