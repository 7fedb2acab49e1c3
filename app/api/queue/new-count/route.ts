import { getReadDb } from "@/db/client";
import { requireApiRole } from "@/lib/auth/session";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { logUnexpected } from "@/lib/errors";
import { STAFF_ROLES } from "@/lib/policy";
import { countNewSince, NEW_SINCE_CAP } from "@/lib/requests/queue";
import { parseQueueFilters } from "@/lib/requests/queue-filters";
import { slaBounds } from "@/lib/requests/sla-sql";

/** How far back `since` may go: a queue page left open over a weekend, not a query over the whole table. */
const MAX_AGE_MS = 7 * 86_400_000;

/**
 * Staff only (401 signed out, 403 a patient): how many requests were received after `since` (an ISO instant, the
 * queue page's render time) that the page's filters (the same query parameters) would show, up to NEW_SINCE_CAP.
 * `{ count, capped }`; 400 when `since` is not an instant of the last week. Polled by components/staff/queue-new-count.tsx.
 */
export async function GET(req: Request) {
  const auth = await requireApiRole(...STAFF_ROLES);
  if ("response" in auth) return auth.response;
  const url = new URL(req.url);
  const raw = url.searchParams.get("since") ?? "";
  const since = new Date(raw);
  const now = new Date();
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(since.getTime()) || since.getTime() < now.getTime() - MAX_AGE_MS) {
    return Response.json({ error: "invalid_input" }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const params: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) if (key !== "since") (params[key] ??= []).push(value);
  // Filters the page would have ignored are ignored here too: the count matches what the page lists.
  const { filters } = parseQueueFilters(params);
  try {
    // Reads only: the read pool, like the queue page itself.
    const db = await getReadDb();
    const bounds = slaBounds(await loadWorkingDayIndex(db), now);
    const count = await countNewSince(db, auth.actor, filters, since, bounds);
    return Response.json({ count, capped: count >= NEW_SINCE_CAP }, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    const ref = logUnexpected(e, { route: "GET /api/queue/new-count" });
    return Response.json({ error: "unexpected", ref }, { status: 500, headers: { "Cache-Control": "no-store" } });
  }
}
