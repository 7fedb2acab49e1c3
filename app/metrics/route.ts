import { createHash, timingSafeEqual } from "node:crypto";
import { getDb } from "@/db/client";
import type { ErrorCode } from "@/lib/actions/codes";
import { env } from "@/lib/env";
import { renderMetrics } from "@/lib/observability/metrics";
import { withRoute } from "@/lib/observability/route";

export const dynamic = "force-dynamic";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Whether `header` is `Bearer <token>`, compared in constant time (over digests, so lengths tell nothing). */
function bearerMatches(header: string | null, token: string): boolean {
  const given = /^Bearer (\S+)$/i.exec(header?.trim() ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}

/**
 * Prometheus metrics (lib/observability/metrics.ts), for a scraper holding METRICS_TOKEN: without the variable the
 * endpoint does not exist (404); a missing or wrong token answers 401.
 */
export const GET = withRoute(
  "/metrics",
  async (req) => {
    const token = env().METRICS_TOKEN;
    // Codes from the one error catalog (lib/actions/codes.ts), as every route handler answers; a scraper reads them.
    if (!token) return Response.json({ error: "not_found" satisfies ErrorCode }, { status: 404 });
    if (!bearerMatches(req.headers.get("authorization"), token)) {
      return Response.json({ error: "forbidden" satisfies ErrorCode }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } });
    }
    const { contentType, body } = await renderMetrics(await getDb(), new Date());
    return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
  },
  { quiet: true },
);
