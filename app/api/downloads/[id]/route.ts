import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { requireApiRole } from "@/lib/auth/session";
import { logUnexpected } from "@/lib/errors";
import { DownloadRefused, openReleasedResult, type DownloadRefusal } from "@/lib/fulfilment/downloads";
import { asLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { fileResponse } from "@/lib/uploads/file-response";

const STATUS: Record<DownloadRefusal, number> = { not_found: 404, invalid: 403, expired: 410 };

/**
 * A released result, downloaded by its requester through the signed seven-day link the request page shows
 * (lib/fulfilment/downloads.ts); each download audited. An expired or altered link, or anyone but the
 * requester, gets a page that says so in their language, and no file. Signed-out visitors are sent to sign in
 * by the proxy and come back here.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiRole("patient", "agent", "manager", "admin");
  if ("response" in auth) return auth.response;
  const url = new URL(req.url);
  try {
    const file = await openReleasedResult(await getDb(), auth.actor, (await params).id, {
      expires: url.searchParams.get("expires"),
      sig: url.searchParams.get("sig"),
    });
    return fileResponse(file);
  } catch (e) {
    const locale = asLocale((await cookies()).get(LOCALE_COOKIE)?.value);
    const t = translatorFor(locale, "portal");
    if (e instanceof DownloadRefused) return messagePage(locale, t(`download.${e.reason}.title`), t(`download.${e.reason}.body`), STATUS[e.reason]);
    const ref = logUnexpected(e, { route: "GET /api/downloads/[id]" });
    return messagePage(locale, t("download.not_found.title"), translatorFor(locale, "errors")("unexpected", { ref }), 500);
  }
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page of its own: the route answers a link, not an API call, so a person reads the answer. */
function messagePage(locale: string, title: string, body: string, status: number): Response {
  const back = translatorFor(asLocale(locale), "portal")("download.back");
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2a24}h1{font-size:1.4rem}a{color:#1d5c3f}</style></head>
<body><main><h1 data-testid="download-refused">${escape(title)}</h1><p>${escape(body)}</p><p><a href="/requests">${escape(back)}</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      "Cache-Control": "no-store",
    },
  });
}
