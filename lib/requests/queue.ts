import "server-only";
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { alias, unionAll } from "drizzle-orm/pg-core";
import type { Conn } from "@/db/client";
import { OPEN_STATUSES, REQUEST_STATUSES, requests, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { REF_PATTERN } from "@/lib/domain/ref";
import { ForbiddenError } from "@/lib/errors";
import { awaitingRecipientConfirmation } from "@/lib/fulfilment/recipients";
import { isStaff, STAFF_ROLES } from "@/lib/policy";
import { addCalendarDays, startOfShanghaiDay } from "@/lib/sla";
import { QUEUE_PAGE_SIZE, type QueueFilters, type QueueSlaFilter, type QueueSlaState } from "./queue-filters";
import { summaryColumns } from "./queries";
import { slaConditions, type SlaBounds } from "./sla-sql";

const assignee = alias(users, "assignee");

const rowColumns = {
  ...summaryColumns,
  isRepeat: requests.isRepeat,
  verificationStatus: requests.verificationStatus,
  updatedAt: requests.updatedAt,
  assigneeId: requests.assigneeId,
  assigneeName: assignee.displayName,
};

export type QueueRow = Awaited<ReturnType<typeof listQueue>>["rows"][number];
export type SlaCounts = Record<QueueSlaState, number>;

function assertStaff(actor: Actor) {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
}

/**
 * Open requests, with the statuses written out rather than bound as parameters: only then can a prepared (generic)
 * plan prove the partial indexes' predicate (requests_open_due, requests_open_assignee_due) and use them.
 */
export const OPEN_REQUESTS: SQL = sql`${requests.status} in (${sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(", "))})`;
const OPEN = OPEN_REQUESTS;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Reference (exact, or its number), phone (the subject's or the requester's, exact or part of it) or name
 * (part of the subject's or the requester's). An exact phone is resolved to user ids first, so both sides of
 * the "or" are index look-ups.
 */
async function searchCondition(conn: Conn, q: string): Promise<SQL> {
  const ref = q.toUpperCase();
  if (REF_PATTERN.test(ref)) return eq(requests.ref, ref);
  if (/^1\d{10}$/.test(q)) {
    const owners = await conn.select({ id: users.id }).from(users).where(eq(users.phone, q)).limit(10);
    return owners.length > 0
      ? or(
          eq(requests.subjectPhone, q),
          inArray(
            requests.requesterId,
            owners.map((o) => o.id),
          ),
        )!
      : eq(requests.subjectPhone, q);
  }
  const pattern = `%${likeEscape(q)}%`;
  if (/^\d+$/.test(q)) {
    // A reference's number comes from one sequence over all years, so the references it can be are one per year the
    // requests span (two index look-ups; the year after the last too: a request logged by staff takes the year it
    // was logged, which can follow the year it was received). Matched through the unique index, they leave the
    // phone's trigram index usable beside them, where `ref like '%-001103'` made PostgreSQL scan every open request
    // (issue 17, at 10M).
    const [span] = await conn
      .select({
        first: sql<number | null>`extract(year from min(${requests.receivedAt}) at time zone 'Asia/Shanghai')::int`,
        last: sql<number | null>`extract(year from max(${requests.receivedAt}) at time zone 'Asia/Shanghai')::int`,
      })
      .from(requests);
    const phone = sql`${requests.subjectPhone} like ${pattern}`;
    if (span?.first == null || span.last == null) return phone;
    const refs = Array.from({ length: span.last - span.first + 2 }, (_, i) => `DSR-${span.first! + i}-${q.padStart(6, "0")}`);
    return or(inArray(requests.ref, refs), phone)!;
  }
  // Case only matters for letters that have it: a fragment without any (汉字, digits) matches byte for byte with
  // `like`, several times cheaper than `ilike`. Fragments of three characters or more use the trigram indexes
  // (migration 0021); shorter ones scan the open requests and the patients.
  const op = sql.raw(q.toLowerCase() === q.toUpperCase() ? "like" : "ilike");
  return or(
    sql`${requests.subjectName} ${op} ${pattern}`,
    sql`${requests.requesterId} in (select id from ${users} where ${users.displayName} ${op} ${pattern} and ${users.role} = 'patient')`,
  )!;
}

/** Every filter but the SLA state (the counts above the list are per SLA state). */
async function baseConditions(conn: Conn, actor: Actor, f: QueueFilters): Promise<SQL[]> {
  const c: SQL[] = [];
  if (f.status === "open") c.push(OPEN);
  else if (f.status !== "all") c.push(eq(requests.status, f.status));
  if (f.type) c.push(eq(requests.type, f.type));
  if (f.assignee === "mine") c.push(eq(requests.assigneeId, actor.id));
  else if (f.assignee === "unassigned") c.push(isNull(requests.assigneeId));
  else if (f.assignee) c.push(eq(requests.assigneeId, f.assignee));
  if (f.from) c.push(gte(requests.receivedAt, startOfShanghaiDay(f.from)));
  if (f.to) c.push(lt(requests.receivedAt, startOfShanghaiDay(addCalendarDays(f.to, 1))));
  if (f.acting) c.push(ne(requests.relationship, "self"));
  if (f.provisional) c.push(eq(requests.provisional, true));
  // Set when the request is filed (lib/requests/create.ts), by the rule earlierSameRequests applies on read.
  if (f.repeat) c.push(eq(requests.isRepeat, true));
  if (f.recipients) c.push(awaitingRecipientConfirmation(requests.id));
  if (f.unverified) c.push(eq(requests.verificationStatus, "pending"));
  if (f.q) c.push(await searchCondition(conn, f.q));
  return c;
}

/**
 * The list's order: the chosen column in the chosen direction, then — for the columns many rows share (type,
 * status, assignee) — the most urgent deadline first, and the reference last, so that every row has one place
 * and pages never repeat or skip one. The default (due date, ascending) walks requests_open_due or
 * requests_status_due.
 */
function orderBy(f: QueueFilters): SQL[] {
  const by = f.dir === "asc" ? asc : desc;
  switch (f.sort) {
    case "received":
      return [by(requests.receivedAt), by(requests.ref)];
    case "updated":
      return [by(requests.updatedAt), by(requests.ref)];
    case "type":
      return [by(requests.type), asc(requests.dueAt), asc(requests.ref)];
    case "status":
      // The enum's order is the workflow's: submitted, in progress, awaiting the requester, then the closed ones.
      return [by(requests.status), asc(requests.dueAt), asc(requests.ref)];
    case "assignee":
      // By name; the unassigned after everyone A→Z, before everyone Z→A.
      return [by(assignee.displayName), by(requests.assigneeId), asc(requests.dueAt), asc(requests.ref)];
    default:
      return [by(requests.dueAt), by(requests.ref)];
  }
}

/** The condition of one SLA filter: a state, or at risk or overdue. */
function slaCondition(bounds: SlaBounds, sla: QueueSlaFilter): SQL {
  const s = slaConditions(bounds);
  return sla === "attention" ? or(s.at_risk, s.overdue)! : s[sla];
}

/**
 * One page of the queue for staff: filtered, searched and sorted in the database, 50 rows a page (one more is
 * read to know whether a next page exists, so no count over the whole table is needed).
 */
export async function listQueue(conn: Conn, actor: Actor, f: QueueFilters, bounds: SlaBounds) {
  assertStaff(actor);
  const conditions = await baseConditions(conn, actor, f);
  if (f.sla) conditions.push(OPEN, slaCondition(bounds, f.sla));
  const limit = QUEUE_PAGE_SIZE + 1;
  const offset = (f.page - 1) * QUEUE_PAGE_SIZE;
  const select = (extra?: SQL) =>
    conn
      .select(rowColumns)
      .from(requests)
      .leftJoin(assignee, eq(assignee.id, requests.assigneeId))
      .where(and(extra, ...conditions));
  let rows;
  if (f.status === "all" && f.sort === "due" && !f.sla) {
    // No index orders every status by due date: walk requests_status_due once per status and merge the heads.
    const by = f.dir === "asc" ? asc : desc;
    const branches = REQUEST_STATUSES.map((s) =>
      select(eq(requests.status, s))
        .orderBy(...orderBy(f))
        .limit(offset + limit),
    );
    const [a, b, ...rest] = branches;
    rows = await unionAll(a!, b!, ...rest)
      .orderBy(by(sql`due_at`), by(sql`ref`))
      .limit(limit)
      .offset(offset);
  } else {
    rows = await select()
      .orderBy(...orderBy(f))
      .limit(limit)
      .offset(offset);
  }
  return { rows: rows.slice(0, QUEUE_PAGE_SIZE), page: f.page, hasNext: rows.length > QUEUE_PAGE_SIZE };
}

/**
 * Open requests per SLA state under the current filters (the SLA filter itself aside): one pass over the open
 * requests the other filters leave, each row tested against the boundaries of lib/requests/sla-sql.ts.
 */
export async function countQueueBySla(conn: Conn, actor: Actor, f: QueueFilters, bounds: SlaBounds): Promise<SlaCounts> {
  assertStaff(actor);
  const s = slaConditions(bounds);
  const [row] = await conn
    .select({
      on_track: sql<number>`count(*) filter (where ${s.on_track})::int`,
      at_risk: sql<number>`count(*) filter (where ${s.at_risk})::int`,
      overdue: sql<number>`count(*) filter (where ${s.overdue})::int`,
    })
    .from(requests)
    .where(and(OPEN, ...(await baseConditions(conn, actor, f))));
  return { on_track: row?.on_track ?? 0, at_risk: row?.at_risk ?? 0, overdue: row?.overdue ?? 0 };
}

/**
 * Whether the SLA counts already give the list's total: the list is open requests only (the default view, one
 * open status, or one SLA state), so no second count over the same rows is needed.
 */
export function slaCountsGiveTotal(f: QueueFilters): boolean {
  return f.sla !== undefined || f.status === "open" || (OPEN_STATUSES as readonly string[]).includes(f.status);
}

/** The number of requests the list pages through: from the SLA counts when they give it (slaCountsGiveTotal). */
export function totalFromSlaCounts(f: QueueFilters, counts: SlaCounts): number {
  if (f.sla === "attention") return counts.at_risk + counts.overdue;
  return f.sla ? counts[f.sla] : counts.on_track + counts.at_risk + counts.overdue;
}

/** The number of requests under the current filters, for the views the SLA counts do not cover (closed ones, every status). */
export async function countQueue(conn: Conn, actor: Actor, f: QueueFilters): Promise<number> {
  assertStaff(actor);
  const [row] = await conn
    .select({ n: sql<number>`count(*)::int` })
    .from(requests)
    .where(and(...(await baseConditions(conn, actor, f))));
  return row?.n ?? 0;
}

/** The list's total and its number of pages (one page when there is nothing). */
export function queueTotals(f: QueueFilters, counts: SlaCounts, own: number | null): { total: number; pages: number } {
  const total = own ?? totalFromSlaCounts(f, counts);
  return { total, pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)) };
}

/** Staff who can be filtered by or assigned to, by name. */
export async function listStaff(conn: Conn, actor: Actor) {
  assertStaff(actor);
  return conn
    .select({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .where(and(inArray(users.role, [...STAFF_ROLES]), isNull(users.disabledAt)))
    .orderBy(asc(users.displayName))
    .limit(500);
}

/** The most the live count counts: past it the page says "N or more". */
export const NEW_SINCE_CAP = 100;

/**
 * Requests received after `since` (the queue page's render time) that the page's filters would show, page and sort
 * aside, up to NEW_SINCE_CAP: the received-time bound walks requests_received, so a poll reads only the newest rows.
 */
export async function countNewSince(conn: Conn, actor: Actor, f: QueueFilters, since: Date, bounds: SlaBounds): Promise<number> {
  assertStaff(actor);
  const conditions = await baseConditions(conn, actor, f);
  if (f.sla) conditions.push(OPEN, slaCondition(bounds, f.sla));
  const newest = conn
    .select({ one: sql`1` })
    .from(requests)
    .where(and(gt(requests.receivedAt, since), ...conditions))
    .limit(NEW_SINCE_CAP)
    .as("newest");
  const [row] = await conn.select({ n: sql<number>`count(*)::int` }).from(newest);
  return row?.n ?? 0;
}
