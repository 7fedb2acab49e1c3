import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, requestIdOf } from "@/lib/observability/request-id";
import { checkStateChange, siteOriginOf } from "@/lib/security/csrf";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/security/headers";
import { guardRequest } from "@/lib/security/request-guards";

const PROTECTED = ["/requests", "/api/downloads", "/queue", "/dashboard", "/admin"];

/**
 * Every response gets the security headers and a CSP with a fresh nonce (lib/security/headers.ts); a
 * state-changing API request from another site is refused (lib/security/csrf.ts); signed-out
 * visitors to a protected area are redirected to the right sign-in page. It only redirects: every page, action and
 * route handler checks the role itself on the server (lib/auth/session.ts). The request and its response carry an
 * X-Request-Id (the incoming one when sane, else a new one) that every log line of the request names.
 */
export default async function proxy(req: NextRequest) {
  const https = req.nextUrl.protocol === "https:" || (process.env.TRUST_PROXY === "1" && req.headers.get("x-forwarded-proto") === "https");
  const nonce = newNonce();
  const requestId = requestIdOf(req.headers.get(REQUEST_ID_HEADER));
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const guarded = guardRequest({ method: req.method, pathname: req.nextUrl.pathname, headers: req.headers });
  const verdict = !guarded.ok
    ? guarded
    : checkStateChange({
        method: req.method,
        pathname: req.nextUrl.pathname,
        headers: req.headers,
        siteOrigin: siteOriginOf(req.nextUrl.origin, process.env.NEXTAUTH_URL),
      });
  const response = !verdict.ok
    ? NextResponse.json({ error: verdict.error }, { status: verdict.status })
    : ((await signInRedirect(req)) ?? passThrough(req, nonce, csp, requestId));
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(securityHeaders({ https }))) response.headers.set(name, value);
  return response;
}

/** The request goes on with the nonce and the CSP on it, which Next.js reads to put the nonce on its scripts. */
function passThrough(req: NextRequest, nonce: string, csp: string, requestId: string): NextResponse {
  const headers = new Headers(req.headers);
  // Behind no trusted proxy, a client-sent X-Forwarded-Host must not move the server actions' origin check.
  if (process.env.TRUST_PROXY !== "1") headers.delete("x-forwarded-host");
  headers.set("x-nonce", nonce);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set("Content-Security-Policy", csp);
  return NextResponse.next({ request: { headers } });
}

async function signInRedirect(req: NextRequest): Promise<NextResponse | null> {
  const path = req.nextUrl.pathname;
  if (!PROTECTED.some((p) => path === p || path.startsWith(`${p}/`))) return null;
  if (await getToken({ req })) return null;
  const download = path.startsWith("/api/downloads");
  const patientArea = download || path.startsWith("/requests");
  const url = new URL(patientArea ? "/signin" : "/staff/signin", req.url);
  // A download link leads, after signing in, to the patient's requests, where the result is offered again: the
  // sign-in page navigates within the app, and a file is not a page.
  url.searchParams.set("callbackUrl", download ? "/requests" : path + req.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but the build's static files (they get the static headers from next.config.ts).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
