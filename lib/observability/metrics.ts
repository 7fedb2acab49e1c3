import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Conn } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { OPEN_STATUSES, outbox, requests } from "@/db/schema";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { REQUEST_TYPES, type RequestType } from "@/lib/domain/values";
import { logUnexpected } from "@/lib/errors";
import { JOB_SCHEMA } from "@/lib/jobs/queues";
import { QUEUE_SLA_STATES, type QueueSlaState } from "@/lib/requests/queue-filters";
import { slaBounds, slaConditions } from "@/lib/requests/sla-sql";

/**
 * Prometheus metrics (prom-client), served at /metrics (app/metrics/route.ts). Two kinds:
 *
 * - the process's own: Node's default metrics and the route handlers' latency histogram (`withRoute`, ./route.ts).
 *   Each instance has its own, as Prometheus expects (it scrapes every instance);
 * - the database's state, read at each scrape into a registry of that scrape alone: open requests by type and SLA
 *   state, pg-boss queue depth and failed jobs per queue, failed text messages. Every instance answers the same
 *   figures (aggregate them with max(), not sum()); nothing of them lives in process memory between scrapes.
 */

// Shared through globalThis: `npm start` serves Next.js in the process its own modules run in (db/client.ts).
const KEY = Symbol.for("xiaolu.dsr.observability.metrics");
type Shared = { registry: Registry; httpDuration: Histogram<"route" | "method" | "status"> };

function shared(): Shared {
  const holder = globalThis as { [KEY]?: Shared };
  if (!holder[KEY]) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const httpDuration = new Histogram({
      name: "http_request_duration_seconds",
      help: "Time route handlers took to answer, by route, method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    holder[KEY] = { registry, httpDuration };
  }
  return holder[KEY];
}

/** Records one answered request of a route handler. */
export function observeHttp(route: string, method: string, status: number | string, seconds: number): void {
  shared().httpDuration.observe({ route, method, status: String(status) }, seconds);
}

export type OpenRequestCount = { type: RequestType; slaState: QueueSlaState; count: number };
export type QueueCount = { queue: string; created: number; retry: number; failed: number };

/** Open requests by type and SLA state as of `now` (lib/requests/sla-sql.ts, as the queue counts them); zeros included. */
export async function openRequestsBySla(conn: Conn, now: Date): Promise<OpenRequestCount[]> {
  const s = slaConditions(slaBounds(await loadWorkingDayIndex(conn), now));
  const rows = await conn
    .select({
      type: requests.type,
      on_track: sql<number>`count(*) filter (where ${s.on_track})::int`,
      at_risk: sql<number>`count(*) filter (where ${s.at_risk})::int`,
      overdue: sql<number>`count(*) filter (where ${s.overdue})::int`,
    })
    .from(requests)
    .where(inArray(requests.status, [...OPEN_STATUSES]))
    .groupBy(requests.type);
  return REQUEST_TYPES.flatMap((type) => {
    const row = rows.find((r) => r.type === type);
    return QUEUE_SLA_STATES.map((slaState) => ({ type, slaState, count: Number(row?.[slaState] ?? 0) }));
  });
}

/** Per pg-boss queue: jobs waiting (`created`), waiting to be tried again (`retry`), and failed for good (still kept). */
export async function jobQueueCounts(conn: Conn): Promise<QueueCount[]> {
  const schema = sql.raw(JOB_SCHEMA);
  const rows = rowsOf<{ queue: string; created: number; retry: number; failed: number }>(
    await conn.execute(sql`
      select q.name as queue,
        count(j.id) filter (where j.state = 'created')::int as created,
        count(j.id) filter (where j.state = 'retry')::int as retry,
        count(j.id) filter (where j.state = 'failed')::int as failed
      from ${schema}.queue q
      left join ${schema}.job j on j.name = q.name and j.state in ('created', 'retry', 'failed')
      group by q.name
      order by q.name`),
  );
  return rows.map((r) => ({ queue: r.queue, created: Number(r.created), retry: Number(r.retry), failed: Number(r.failed) }));
}

/** Text messages in the outbox whose delivery failed for good. */
export async function failedSmsCount(conn: Conn): Promise<number> {
  const [row] = await conn
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(eq(outbox.channel, "sms"), eq(outbox.status, "failed")));
  return Number(row?.n ?? 0);
}

/**
 * The Prometheus text of a scrape at `now`: the process's metrics and the database's state. A source that cannot
 * be read is logged with a reference id and shows as `dsr_metrics_source_up{source} 0`; the others still answer.
 */
export async function renderMetrics(conn: Conn, now: Date): Promise<{ contentType: string; body: string }> {
  const scrape = new Registry();
  const registers = [scrape];
  const up = new Gauge({
    name: "dsr_metrics_source_up",
    help: "1 when this scrape read the source from the database, 0 when it failed (logged with a reference id)",
    labelNames: ["source"] as const,
    registers,
  });
  const open = new Gauge({
    name: "dsr_open_requests",
    help: "Open requests by type and SLA state (on_track, at_risk, overdue) at the scrape",
    labelNames: ["type", "sla_state"] as const,
    registers,
  });
  const depth = new Gauge({
    name: "dsr_job_queue_depth",
    help: "Jobs waiting in a pg-boss queue: created (not run yet) or retry (failed, to be tried again)",
    labelNames: ["queue", "state"] as const,
    registers,
  });
  const failedJobs = new Gauge({
    name: "dsr_jobs_failed",
    help: "Jobs of a pg-boss queue that failed for good and are still kept (pg-boss archives them after a week)",
    labelNames: ["queue"] as const,
    registers,
  });
  const failedSms = new Gauge({ name: "dsr_sms_failed", help: "Text messages in the outbox whose delivery failed for good", registers });

  const [requestCounts, queueCounts, smsCount] = await Promise.allSettled([openRequestsBySla(conn, now), jobQueueCounts(conn), failedSmsCount(conn)]);
  const sources = { requests: requestCounts, jobs: queueCounts, sms: smsCount };
  for (const [source, result] of Object.entries(sources)) {
    up.set({ source }, result.status === "fulfilled" ? 1 : 0);
    if (result.status === "rejected") logUnexpected(result.reason, { metrics: source });
  }
  if (requestCounts.status === "fulfilled") for (const c of requestCounts.value) open.set({ type: c.type, sla_state: c.slaState }, c.count);
  if (queueCounts.status === "fulfilled") {
    for (const q of queueCounts.value) {
      depth.set({ queue: q.queue, state: "created" }, q.created);
      depth.set({ queue: q.queue, state: "retry" }, q.retry);
      failedJobs.set({ queue: q.queue }, q.failed);
    }
  }
  if (smsCount.status === "fulfilled") failedSms.set(smsCount.value);

  const merged = Registry.merge([shared().registry, scrape]);
  return { contentType: merged.contentType, body: await merged.metrics() };
}
