/**
 * One rule against cross-site requests for every route handler that changes state (proxy.ts applies it to
 * /api/*): a browser tells us where a request comes from (Sec-Fetch-Site, Origin); a request that says it comes
 * from another site is refused, whatever cookies it carries. Clients that are not browsers send neither header
 * and carry no one's cookie by accident. JSON endpoints also take JSON only: a `text/plain` body is what a
 * cross-site form can send without asking. next-auth's own routes check their CSRF token themselves; server
 * actions are checked by Next.js.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Route handlers whose body is JSON. */
const JSON_ROUTES = ["/api/requests"];

export type StateChangeVerdict = { ok: true } | { ok: false; status: 403; error: "cross_site" } | { ok: false; status: 415; error: "json_only" };

export function checkStateChange(input: { method: string; pathname: string; headers: Headers; siteOrigin: string }): StateChangeVerdict {
  const { method, pathname, headers } = input;
  if (SAFE_METHODS.has(method.toUpperCase()) || !pathname.startsWith("/api/") || pathname.startsWith("/api/auth/")) return { ok: true };
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin") return { ok: false, status: 403, error: "cross_site" };
  const origin = headers.get("origin");
  if (origin !== null && origin !== input.siteOrigin) return { ok: false, status: 403, error: "cross_site" };
  if (JSON_ROUTES.includes(pathname) && !/^application\/json\s*(;|$)/i.test(headers.get("content-type") ?? "")) {
    return { ok: false, status: 415, error: "json_only" };
  }
  return { ok: true };
}

/** The site's own origin: NEXTAUTH_URL's where it is set (the canonical address behind a proxy), else the request's. */
export function siteOriginOf(requestOrigin: string, nextAuthUrl: string | undefined): string {
  if (!nextAuthUrl) return requestOrigin;
  try {
    return new URL(nextAuthUrl).origin;
  } catch {
    return requestOrigin;
  }
}
