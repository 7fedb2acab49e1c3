import { getDb } from "@/db/client";
import { logUnexpected } from "@/lib/errors";
import { checkReadiness } from "@/lib/observability/ready";
import { withRoute } from "@/lib/observability/route";

export const dynamic = "force-dynamic";

/**
 * Readiness, for load balancers and orchestrators: 200 when the database answers, every migration is applied and
 * the job engine is installed with its queues; else 503 naming the failing check (lib/observability/ready.ts).
 * Public, like /api/health: it says nothing about anyone.
 */
export const GET = withRoute(
  "/api/ready",
  async () => {
    let readiness;
    try {
      readiness = await checkReadiness(await getDb());
    } catch (e) {
      // The database could not even be opened.
      const unreachable = `unreachable (${logUnexpected(e, { check: "database" })})`;
      const skipped = "skipped: the database does not answer";
      readiness = { ok: false, checks: { database: unreachable, migrations: skipped, jobs: skipped } };
    }
    return Response.json(readiness, { status: readiness.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
  },
  { quiet: true },
);
