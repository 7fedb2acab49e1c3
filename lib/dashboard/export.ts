import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { rowsOf } from "@/db/rows";
import type { Actor } from "@/lib/auth/session";
import type { RequestType } from "@/lib/domain/values";
import type { DashboardQuery } from "./period";
import { assertManager } from "./queries";

/** One request of the CSV export; every value computed in SQL (Shanghai times, on time, working days). */
export type ExportRow = {
  ref: string;
  type: RequestType;
  status: string;
  /** "YYYY-MM-DD HH:MM", Asia/Shanghai. */
  received: string;
  /** The due date (after pauses), "YYYY-MM-DD". */
  due: string;
  closed: string | null;
  /** Closed at or before the end of the due date; null while open. */
  onTime: boolean | null;
  outcome: string | null;
  refusalReason: string | null;
  /** ordinal(closed date) − ordinal(received date) − working days paused; null while open. */
  workingDays: number | null;
};

export const EXPORT_BATCH_SIZE = 5000;

const shanghaiMinute = (col: SQL) => sql`to_char((${col} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD HH24:MI')`;

type SqlRow = {
  id: string;
  cursor: string;
  ref: string;
  type: RequestType;
  status: string;
  received: string;
  due: string;
  closed: string | null;
  on_time: boolean | null;
  outcome: string | null;
  refusal_reason: string | null;
  working_days: number | null;
};

/**
 * One batch of requests: `where` picks them, `key` (an indexed timestamp column) orders them with the id, and the
 * cursor (key as text, id) continues after the last row of the previous batch.
 */
async function batch(conn: Conn, where: SQL, key: "received_at" | "closed_at", after: { cursor: string; id: string } | null, limit: number) {
  const k = sql.raw(`r.${key}`);
  // The batch first (an index range scan in key order), then the working-day ordinals of its dates by hash join.
  const result = await conn.execute(sql`
    select r.id::text as id, r.${sql.raw(key)}::text as cursor, r.ref, r.type, r.status::text as status,
      ${shanghaiMinute(sql`r.received_at`)} as received,
      r.due_date::text as due,
      case when r.closed then ${shanghaiMinute(sql`r.closed_at`)} end as closed,
      case when r.closed then r.closed_at <= r.due_at end as on_time,
      r.outcome::text as outcome,
      r.refusal_reason::text as refusal_reason,
      case when r.closed then oc.ordinal - orc.ordinal - r.paused_working_days end as working_days
    from (
      select r.id, r.ref, r.type, r.status, r.received_at, r.due_date, r.due_at, r.closed_at, r.outcome, r.refusal_reason,
        r.paused_working_days, r.status in ('completed', 'refused', 'withdrawn') and r.closed_at is not null as closed
      from dsr.requests as r
      where ${where}${after ? sql` and (${k}, r.id) > (${after.cursor}::timestamptz, ${after.id}::uuid)` : sql``}
      order by ${k}, r.id
      limit ${limit}
    ) as r
    left join dsr.working_day_ordinals as orc on orc.day = dsr.shanghai_day(r.received_at)
    left join dsr.working_day_ordinals as oc on oc.day = dsr.shanghai_day(r.closed_at)
    order by r.${sql.raw(key)}, r.id
  `);
  return rowsOf<SqlRow>(result);
}

const toExportRow = (r: SqlRow): ExportRow => ({
  ref: r.ref,
  type: r.type,
  status: r.status,
  received: r.received,
  due: r.due,
  closed: r.closed,
  onTime: r.on_time === null ? null : Boolean(r.on_time),
  outcome: r.outcome,
  refusalReason: r.refusal_reason,
  workingDays: r.working_days === null ? null : Number(r.working_days),
});

/**
 * The period's requests for the CSV export, in batches (never the whole period in memory, each batch one short
 * query, so the embedded database keeps serving others in between): first those received before the period and
 * closed in it, in order of closing, then those received in the period, in order of receipt. Managers only.
 */
export async function* exportBatches(conn: Conn, actor: Actor, q: DashboardQuery, size = EXPORT_BATCH_SIZE): AsyncGenerator<ExportRow[]> {
  assertManager(actor);
  const start = sql`dsr.shanghai_day_start(${q.from}::date)`;
  const end = sql`dsr.shanghai_day_start(${q.to}::date + 1)`;
  const type = q.type ? sql` and r.type = ${q.type}` : sql``;
  const phases: { key: "received_at" | "closed_at"; where: SQL }[] = [
    {
      key: "closed_at",
      where: sql`r.closed_at >= ${start} and r.closed_at < ${end} and r.received_at < ${start}
        and r.status in ('completed', 'refused', 'withdrawn')${type}`,
    },
    { key: "received_at", where: sql`r.received_at >= ${start} and r.received_at < ${end}${type}` },
  ];
  for (const phase of phases) {
    let after: { cursor: string; id: string } | null = null;
    for (;;) {
      const rows = await batch(conn, phase.where, phase.key, after, size);
      if (rows.length > 0) yield rows.map(toExportRow);
      if (rows.length < size) break;
      const last = rows[rows.length - 1]!;
      after = { cursor: last.cursor, id: last.id };
    }
  }
}
