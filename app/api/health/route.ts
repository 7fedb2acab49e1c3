import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { logUnexpected } from "@/lib/errors";

/** Liveness and database reachability, for load balancers and test harnesses. */
export async function GET() {
  try {
    await (await getDb()).execute(sql`select 1`);
    return Response.json({ ok: true });
  } catch (e) {
    return Response.json({ ok: false, ref: logUnexpected(e, { route: "health" }) }, { status: 503 });
  }
}
