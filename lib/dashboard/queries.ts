import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Conn } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { OPEN_STATUSES, REFUSAL_REASONS, REQUEST_TYPES, requests, UNASSIGNED_ID, users, type RefusalReason, type RequestType } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { isManager } from "@/lib/policy";
import { slaBounds, slaConditions, type SlaBounds } from "@/lib/requests/sla-sql";
import { shanghaiDateOf, type WorkingDayIndex } from "@/lib/sla";
import type { DashboardQuery, Period } from "./period";

/**
 * The manager dashboard's figures, all computed in SQL:
 *
 * - the period's figures come from the daily summaries (db/schema/dashboard.ts), which the database keeps in step
 *   with every change to a request — a year is 365 rows per type, however many requests it holds;
 * - "open now" (SLA state, workload, the overdue and at-risk lists) comes from the open requests themselves, through
 *   the partial indexes on open requests and the queue's SLA conditions (lib/requests/sla-sql.ts), so the dashboard
 *   and the queue always agree.
 *
 * Definitions (shown on the page too):
 * - received: requests whose Shanghai date of receipt lies in the period; repeats: those flagged as repeats;
 * - closed: requests completed, refused or withdrawn on a Shanghai date in the period (their present state: a
 *   reopened request counts again when it closes again);
 * - on time: closed at or before the end of the due date (the due date moves later by the working days of pauses);
 * - working days to close: ordinal(closed date) − ordinal(received date) − working days paused (the day of receipt
 *   is not counted, pauses are excluded); median and 90th percentile are PostgreSQL's percentile_cont (linear
 *   interpolation between the two nearest values);
 * - paused: closed requests whose pauses added at least one working day to the deadline, and those working days.
 */

/** Open requests now by SLA state; pausedNow: those waiting on the requester (clock stopped). */
export type SlaCounts = { open: number; on_track: number; at_risk: number; overdue: number; pausedNow: number };

export type ClosedFigures = {
  closed: number;
  onTime: number;
  /** onTime ÷ closed, null when nothing closed. */
  onTimeRate: number | null;
  fulfilled: number;
  partiallyFulfilled: number;
  refused: number;
  withdrawn: number;
  /** Closed requests that were paused for at least one working day, and the working days their pauses took. */
  paused: number;
  pausedWorkingDays: number;
  /** pausedWorkingDays ÷ paused, null when none was paused. */
  pausedAverage: number | null;
  /** Working days to close (pauses excluded), null when nothing closed. */
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
};

export type PeriodFigures = ClosedFigures & { received: number; repeats: number };

export type TypeRow = PeriodFigures & SlaCounts & { type: RequestType };

export type AgentRow = SlaCounts & {
  /** null: the unassigned requests. */
  id: string | null;
  name: string;
  role: string | null;
  closed: number;
  onTime: number;
  onTimeRate: number | null;
};

export type WeekRow = { weekStart: string; received: number; closed: number; onTime: number; onTimeRate: number | null };

export type RefusalRow = { reason: RefusalReason | ""; refused: number };

export type RiskRow = {
  ref: string;
  type: RequestType;
  status: string;
  receivedAt: Date;
  dueDate: string;
  dueAt: Date;
  pausedAt: Date | null;
  provisional: boolean;
  assigneeName: string | null;
  /** Working days from today (or the pause date, while paused) to the due date; negative once overdue. */
  workingDaysLeft: number;
};

export type Dashboard = {
  query: DashboardQuery;
  /** The moment "open now" was computed, and its Shanghai date. */
  now: Date;
  today: string;
  totals: PeriodFigures;
  openNow: SlaCounts;
  refusals: RefusalRow[];
  byType: TypeRow[];
  agents: AgentRow[];
  weeks: WeekRow[];
  overdue: RiskRow[];
  atRisk: RiskRow[];
};

/** The most overdue / most urgent at-risk requests listed on the page; the counts say how many there are in all. */
export const RISK_LIST_LIMIT = 50;

export function assertManager(actor: Actor) {
  if (!isManager(actor.role)) throw new ForbiddenError("managers only");
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

const typeCondition = (column: SQL, type: RequestType | null) => (type ? sql` and ${column} = ${type}` : sql``);

type ClosedSqlRow = {
  type: RequestType | null;
  received: number;
  repeats: number;
  closed: number;
  on_time: number;
  fulfilled: number;
  partially_fulfilled: number;
  refused: number;
  withdrawn: number;
  paused: number;
  paused_working_days: number;
  median: number | null;
  p90: number | null;
};

/**
 * The period's figures per type and in total (type null): one statement over the daily summaries. The percentiles
 * are percentile_cont over the histogram of working days to close: the values at the two ranks around
 * p × (n − 1), interpolated.
 */
async function periodFigures(conn: Conn, q: DashboardQuery): Promise<ClosedSqlRow[]> {
  const between = sql`day between ${q.from}::date and ${q.to}::date`;
  const result = await conn.execute(sql`
    with rec as (
      select type, sum(received)::int as received, sum(repeats)::int as repeats
      from dsr.dashboard_received_daily
      where ${between}${typeCondition(sql`type`, q.type)}
      group by grouping sets ((type), ())
    ), clo as (
      select type, sum(closed)::int as closed, sum(on_time)::int as on_time, sum(fulfilled)::int as fulfilled,
        sum(partially_fulfilled)::int as partially_fulfilled, sum(refused)::int as refused, sum(withdrawn)::int as withdrawn,
        sum(paused)::int as paused, sum(paused_working_days)::int as paused_working_days
      from dsr.dashboard_closed_daily
      where ${between}${typeCondition(sql`type`, q.type)}
      group by grouping sets ((type), ())
    ), hist as (
      select type, working_days as wd, sum(closed)::bigint as n
      from dsr.dashboard_close_times
      where ${between}${typeCondition(sql`type`, q.type)}
      group by grouping sets ((type, working_days), (working_days))
      having sum(closed) > 0
    ), cum as (
      select type, wd, n, sum(n) over (partition by type order by wd) - n as below, sum(n) over (partition by type) as total
      from hist
    ), ranks as (
      select t.type, p.p, p.p * (t.total - 1) as pos
      from (select distinct type, total from cum) as t cross join (values (0.5::float8), (0.9::float8)) as p(p)
    ), pct as (
      select r.type, r.p, r.pos,
        (select c.wd from cum as c where c.type is not distinct from r.type and c.below <= floor(r.pos) and floor(r.pos) < c.below + c.n) as lo,
        (select c.wd from cum as c where c.type is not distinct from r.type and c.below <= ceil(r.pos) and ceil(r.pos) < c.below + c.n) as hi
      from ranks as r
    ), pcts as (
      select type,
        max(lo + (pos - floor(pos)) * (hi - lo)) filter (where p = 0.5)::float8 as median,
        max(lo + (pos - floor(pos)) * (hi - lo)) filter (where p = 0.9)::float8 as p90
      from pct group by type
    ), keys as (
      select null::dsr.request_type as type
      union all select t::dsr.request_type from unnest(${`{${REQUEST_TYPES.join(",")}}`}::text[]) as t
    )
    select k.type,
      coalesce(rec.received, 0) as received, coalesce(rec.repeats, 0) as repeats,
      coalesce(clo.closed, 0) as closed, coalesce(clo.on_time, 0) as on_time, coalesce(clo.fulfilled, 0) as fulfilled,
      coalesce(clo.partially_fulfilled, 0) as partially_fulfilled, coalesce(clo.refused, 0) as refused,
      coalesce(clo.withdrawn, 0) as withdrawn, coalesce(clo.paused, 0) as paused,
      coalesce(clo.paused_working_days, 0) as paused_working_days,
      pcts.median, pcts.p90
    from keys as k
    left join rec on rec.type is not distinct from k.type
    left join clo on clo.type is not distinct from k.type
    left join pcts on pcts.type is not distinct from k.type
    where k.type is null${q.type ? sql` or k.type = ${q.type}` : sql` or true`}
  `);
  return rowsOf<ClosedSqlRow>(result).map((r) => ({
    ...r,
    // postgres.js returns float8 as numbers, PGlite too; be safe with strings.
    median: r.median === null ? null : Number(r.median),
    p90: r.p90 === null ? null : Number(r.p90),
  }));
}

function toPeriodFigures(r: ClosedSqlRow | undefined): PeriodFigures {
  const z = (n: number | undefined) => Number(n ?? 0);
  const closed = z(r?.closed);
  const paused = z(r?.paused);
  return {
    received: z(r?.received),
    repeats: z(r?.repeats),
    closed,
    onTime: z(r?.on_time),
    onTimeRate: rate(z(r?.on_time), closed),
    fulfilled: z(r?.fulfilled),
    partiallyFulfilled: z(r?.partially_fulfilled),
    refused: z(r?.refused),
    withdrawn: z(r?.withdrawn),
    paused,
    pausedWorkingDays: z(r?.paused_working_days),
    pausedAverage: rate(z(r?.paused_working_days), paused),
    medianWorkingDays: r?.median ?? null,
    p90WorkingDays: r?.p90 ?? null,
  };
}

type SlaSqlRow = { type: RequestType | null; open: number; on_track: number; at_risk: number; overdue: number; paused: number };

/** Open requests now by SLA state, per type and in total: one pass over the open requests. */
async function openBySla(conn: Conn, type: RequestType | null, bounds: SlaBounds): Promise<SlaSqlRow[]> {
  const s = slaConditions(bounds);
  const result = await conn.execute(sql`
    select ${requests.type} as type, count(*)::int as open,
      (count(*) filter (where ${s.on_track}))::int as on_track,
      (count(*) filter (where ${s.at_risk}))::int as at_risk,
      (count(*) filter (where ${s.overdue}))::int as overdue,
      (count(*) filter (where ${requests.pausedAt} is not null))::int as paused
    from ${requests}
    where ${requests.status} in ('submitted', 'in_progress', 'awaiting_requester')${typeCondition(sql`${requests.type}`, type)}
    group by grouping sets ((${requests.type}), ())
  `);
  return rowsOf<SlaSqlRow>(result);
}

const toSla = (r: SlaSqlRow | undefined): SlaCounts => ({
  open: Number(r?.open ?? 0),
  on_track: Number(r?.on_track ?? 0),
  at_risk: Number(r?.at_risk ?? 0),
  overdue: Number(r?.overdue ?? 0),
  pausedNow: Number(r?.paused ?? 0),
});

type AgentSqlRow = {
  id: string | null;
  name: string | null;
  role: string | null;
  open: number;
  on_track: number;
  at_risk: number;
  overdue: number;
  paused: number;
  closed: number;
  on_time: number;
};

/**
 * Workload per assignee: open now by SLA state (from the open requests) and closed in the period with the on-time
 * count (from the summaries). Every active agent is listed, with zeros when idle; managers and admins when they
 * hold or closed work; the unassigned requests last.
 */
async function agentWorkload(conn: Conn, q: DashboardQuery, bounds: SlaBounds): Promise<AgentRow[]> {
  const s = slaConditions(bounds);
  const result = await conn.execute(sql`
    with o as (
      select ${requests.assigneeId} as id, count(*)::int as open,
        (count(*) filter (where ${s.on_track}))::int as on_track,
        (count(*) filter (where ${s.at_risk}))::int as at_risk,
        (count(*) filter (where ${s.overdue}))::int as overdue,
        (count(*) filter (where ${requests.pausedAt} is not null))::int as paused
      from ${requests}
      where ${requests.status} in ('submitted', 'in_progress', 'awaiting_requester')${typeCondition(sql`${requests.type}`, q.type)}
      group by ${requests.assigneeId}
    ), c as (
      select nullif(assignee_id, ${UNASSIGNED_ID}::uuid) as id, sum(closed)::int as closed, sum(on_time)::int as on_time
      from dsr.dashboard_closed_daily
      where day between ${q.from}::date and ${q.to}::date${typeCondition(sql`type`, q.type)}
      group by 1
    ), ids as (
      select id from o
      union select id from c
      union select id from dsr.users where role = 'agent' and disabled_at is null
    )
    select ids.id, u.display_name as name, u.role::text as role,
      coalesce(o.open, 0) as open, coalesce(o.on_track, 0) as on_track, coalesce(o.at_risk, 0) as at_risk,
      coalesce(o.overdue, 0) as overdue, coalesce(o.paused, 0) as paused,
      coalesce(c.closed, 0) as closed, coalesce(c.on_time, 0) as on_time
    from ids
    left join o on o.id is not distinct from ids.id
    left join c on c.id is not distinct from ids.id
    left join dsr.users as u on u.id = ids.id
    order by ids.id is null, u.display_name, ids.id
    limit 500
  `);
  return rowsOf<AgentSqlRow>(result).map((r) => ({
    id: r.id,
    name: r.name ?? "",
    role: r.role,
    open: Number(r.open),
    on_track: Number(r.on_track),
    at_risk: Number(r.at_risk),
    overdue: Number(r.overdue),
    pausedNow: Number(r.paused),
    closed: Number(r.closed),
    onTime: Number(r.on_time),
    onTimeRate: rate(Number(r.on_time), Number(r.closed)),
  }));
}

/** Received and closed per week (Monday to Sunday; the first and last weeks may be cut by the period). */
async function weekly(conn: Conn, q: DashboardQuery): Promise<WeekRow[]> {
  const monday = (col: SQL) => sql`(${col} - (extract(isodow from ${col})::int - 1))`;
  const result = await conn.execute(sql`
    with weeks as (
      select w::date as week_start
      from generate_series(${monday(sql`${q.from}::date`)}::timestamp, ${q.to}::date::timestamp, interval '7 days') as w
    ), rec as (
      select ${monday(sql`day`)} as week_start, sum(received)::int as received
      from dsr.dashboard_received_daily
      where day between ${q.from}::date and ${q.to}::date${typeCondition(sql`type`, q.type)}
      group by 1
    ), clo as (
      select ${monday(sql`day`)} as week_start, sum(closed)::int as closed, sum(on_time)::int as on_time
      from dsr.dashboard_closed_daily
      where day between ${q.from}::date and ${q.to}::date${typeCondition(sql`type`, q.type)}
      group by 1
    )
    select weeks.week_start::text as week_start, coalesce(rec.received, 0) as received,
      coalesce(clo.closed, 0) as closed, coalesce(clo.on_time, 0) as on_time
    from weeks left join rec using (week_start) left join clo using (week_start)
    order by weeks.week_start
  `);
  return rowsOf<{ week_start: string; received: number; closed: number; on_time: number }>(result).map((r) => ({
    weekStart: r.week_start,
    received: Number(r.received),
    closed: Number(r.closed),
    onTime: Number(r.on_time),
    onTimeRate: rate(Number(r.on_time), Number(r.closed)),
  }));
}

/** Refusals closed in the period by coded reason, most frequent first. */
async function refusalsByReason(conn: Conn, q: DashboardQuery): Promise<RefusalRow[]> {
  const result = await conn.execute(sql`
    select reason, sum(refused)::int as refused
    from dsr.dashboard_refusals_daily
    where day between ${q.from}::date and ${q.to}::date${typeCondition(sql`type`, q.type)}
    group by reason
    having sum(refused) > 0
    order by 2 desc, 1
  `);
  return rowsOf<{ reason: string; refused: number }>(result).map((r) => ({
    reason: (REFUSAL_REASONS as readonly string[]).includes(r.reason) ? (r.reason as RefusalReason) : "",
    refused: Number(r.refused),
  }));
}

const assignee = alias(users, "assignee");

/**
 * Open requests in one SLA state, most urgent first (earliest due), with the working days left counted in SQL:
 * ordinal(due date) − ordinal(today, or the pause date while paused).
 */
async function riskList(conn: Conn, type: RequestType | null, bounds: SlaBounds, state: "overdue" | "at_risk"): Promise<RiskRow[]> {
  const s = slaConditions(bounds);
  const fromDay = sql`coalesce(least(dsr.shanghai_day(${requests.pausedAt}), ${bounds.today}::date), ${bounds.today}::date)`;
  const rows = await conn
    .select({
      ref: requests.ref,
      type: requests.type,
      status: requests.status,
      receivedAt: requests.receivedAt,
      dueDate: requests.dueDate,
      dueAt: requests.dueAt,
      pausedAt: requests.pausedAt,
      provisional: requests.provisional,
      assigneeName: assignee.displayName,
      workingDaysLeft: sql<number>`(
        (select o.ordinal from dsr.working_day_ordinals as o where o.day = ${requests.dueDate})
        - (select o.ordinal from dsr.working_day_ordinals as o where o.day = ${fromDay}))::int`,
    })
    .from(requests)
    .leftJoin(assignee, eq(assignee.id, requests.assigneeId))
    .where(and(inArray(requests.status, [...OPEN_STATUSES]), type ? eq(requests.type, type) : undefined, s[state]))
    .orderBy(asc(requests.dueAt), asc(requests.ref))
    .limit(RISK_LIST_LIMIT);
  return rows.map((r) => ({ ...r, workingDaysLeft: Number(r.workingDaysLeft ?? 0) }));
}

/** Everything the dashboard shows for a period and type, as of `now`. Managers and admins only. */
export async function loadDashboard(conn: Conn, actor: Actor, query: DashboardQuery, now: Date, index: WorkingDayIndex): Promise<Dashboard> {
  assertManager(actor);
  const bounds = slaBounds(index, now);
  const [figures, sla, agents, weeks, refusals, overdue, atRisk] = await Promise.all([
    periodFigures(conn, query),
    openBySla(conn, query.type, bounds),
    agentWorkload(conn, query, bounds),
    weekly(conn, query),
    refusalsByReason(conn, query),
    riskList(conn, query.type, bounds, "overdue"),
    riskList(conn, query.type, bounds, "at_risk"),
  ]);
  const total = figures.find((r) => r.type === null);
  const slaTotal = sla.find((r) => r.type === null);
  const types = query.type ? [query.type] : REQUEST_TYPES;
  return {
    query,
    now,
    today: shanghaiDateOf(now),
    totals: toPeriodFigures(total),
    openNow: toSla(slaTotal),
    refusals,
    byType: types.map((type) => ({
      type,
      ...toPeriodFigures(figures.find((r) => r.type === type)),
      ...toSla(sla.find((r) => r.type === type)),
    })),
    agents,
    weeks,
    overdue,
    atRisk,
  };
}

export type ReportRefusal = {
  ref: string;
  type: RequestType;
  receivedAt: Date;
  closedAt: Date;
  reason: RefusalReason | null;
  onTime: boolean;
};

export type MonthlyReport = {
  period: Period;
  type: RequestType | null;
  totals: PeriodFigures;
  byType: (PeriodFigures & { type: RequestType })[];
  refusals: RefusalRow[];
  /** Every refusal closed in the month, in order of closing. */
  refusalList: ReportRefusal[];
};

/** The monthly compliance report: the month's figures per type and the list of its refusals with their reasons. */
export async function loadMonthlyReport(conn: Conn, actor: Actor, period: Period, type: RequestType | null): Promise<MonthlyReport> {
  assertManager(actor);
  const query: DashboardQuery = { ...period, type };
  const start = sql`dsr.shanghai_day_start(${period.from}::date)`;
  const end = sql`dsr.shanghai_day_start(${period.to}::date + 1)`;
  const [figures, refusals, list] = await Promise.all([
    periodFigures(conn, query),
    refusalsByReason(conn, query),
    conn
      .select({
        ref: requests.ref,
        type: requests.type,
        receivedAt: requests.receivedAt,
        closedAt: requests.closedAt,
        reason: requests.refusalReason,
        onTime: sql<boolean>`${requests.closedAt} <= ${requests.dueAt}`,
      })
      .from(requests)
      .where(
        and(
          eq(requests.status, "refused"),
          sql`${requests.closedAt} >= ${start} and ${requests.closedAt} < ${end}`,
          type ? eq(requests.type, type) : undefined,
        ),
      )
      .orderBy(asc(requests.closedAt), asc(requests.ref)),
  ]);
  const types = type ? [type] : REQUEST_TYPES;
  return {
    period,
    type,
    totals: toPeriodFigures(figures.find((r) => r.type === null)),
    byType: types.map((t) => ({ type: t, ...toPeriodFigures(figures.find((r) => r.type === t)) })),
    refusals,
    refusalList: list.map((r) => ({ ...r, closedAt: r.closedAt as Date, onTime: Boolean(r.onTime) })),
  };
}
