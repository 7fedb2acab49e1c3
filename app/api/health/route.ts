import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { logUnexpected } from "@/lib/errors";
import { withRoute } from "@/lib/observability/route";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and test harnesses (readiness: /api/ready). */
export const GET = withRoute(
  "/api/health",
  async () => {
    try {
      await (await getDb()).execute(sql`select 1`);
      return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
    } catch (e) {
      return Response.json({ ok: false, ref: logUnexpected(e, { route: "health" }) }, { status: 503 });
    }
  },
  { quiet: true },
);
