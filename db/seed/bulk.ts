import "server-only";
import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Conn, Db } from "@/db/client";
import { accounts, users } from "@/db/schema";
import { GIVEN_NAMES, SURNAMES } from "./data";
import { loadSlaContext, nextRefNumbers, rowsOf } from "./db-util";
import { planBenchRequest, receiptTime, RepeatTracker, type BenchUser } from "./plan";
import { mulberry32, type Rng } from "./prng";
import { formatRef, simulateRequest, type EventRow, type RequestRow, type SimContext, type VerificationRow } from "./requests";
import { DAY, MINUTE, dayNumberOf, weekdayOfDay } from "./time";

export type BenchOptions = {
  now?: Date;
  log?: (line: string) => void;
  /** Requests per transaction (default 20,000). */
  batchSize?: number;
  /** Days before now the requests are spread over (default 365). */
  days?: number;
  /** Batches written at once (default 2: Node generates while PostgreSQL writes two batches). */
  concurrency?: number;
};

export type BenchSummary = { requests: number; events: number; benchUsers: number; createdBenchUsers: number; ms: number };

/** Bench patients: 1990 1000000 … (demo patients are 1990000 0001–0020, the people they act for 1990000 01xx). */
export function benchPhone(i: number): string {
  return `1990${String(1_000_000 + i).padStart(7, "0")}`;
}
const BENCH_PHONE_PREFIX = "19901";

/** A Postgres array literal of text values (NULL for null), for `unnest($1::type[], …)`. */
export function pgArray(values: readonly (string | null)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ",";
    if (v === null || v === undefined) out += "NULL";
    else out += `"${/["\\]/.test(v) ? v.replace(/["\\]/g, "\\$&") : v}"`;
  }
  return `${out}}`;
}

/** An array literal of values that need no quoting (uuids, enums, numbers, dates, t/f). */
function pgArrayRaw(values: readonly (string | number | null)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += i > 0 ? "," : "";
    out += v === null || v === undefined ? "NULL" : v;
  }
  return `${out}}`;
}

/**
 * A column of a bulk insert: `text` values are quoted, `raw` ones are safe tokens, `ms` are instants sent as
 * epoch milliseconds (cheaper to format and to parse than ISO strings) and turned into timestamptz in SQL.
 */
type Column<R> =
  | readonly [name: string, pgType: string, mode: "text", get: (r: R) => string | null]
  | readonly [name: string, pgType: string, mode: "raw", get: (r: R) => string | number | null]
  | readonly [name: string, pgType: "timestamptz", mode: "ms", get: (r: R) => Date | null];

/** `insert into <table> (cols) select … from unnest($1::t1[], $2::t2[], …)`: one parameter per column. */
export function unnestInsert<R>(table: string, columns: readonly Column<R>[], rows: readonly R[]): SQL {
  const arrays = columns.map((c) => {
    if (c[2] === "text") return sql`${pgArray(rows.map(c[3]))}::${sql.raw(c[1])}[]`;
    if (c[2] === "raw") return sql`${pgArrayRaw(rows.map(c[3]))}::${sql.raw(c[1])}[]`;
    const get = c[3];
    return sql`${pgArrayRaw(rows.map((r) => get(r)?.getTime() ?? null))}::int8[]`;
  });
  const names = columns.map((c) => c[0]);
  const select = columns.map((c) => (c[2] === "ms" ? `to_timestamp(t.${c[0]}::float8 / 1000)` : `t.${c[0]}`));
  return sql`insert into ${sql.raw(table)} (${sql.raw(names.join(", "))}) select ${sql.raw(select.join(", "))} from unnest(${sql.join(arrays, sql`, `)}) as t(${sql.raw(names.join(", "))})`;
}

const bool = (b: boolean) => (b ? "t" : "f");

const REQUEST_COLUMNS: readonly Column<RequestRow>[] = [
  ["id", "uuid", "raw", (r) => r.id],
  ["ref", "text", "raw", (r) => r.ref],
  ["type", "dsr.request_type", "raw", (r) => r.type],
  ["status", "dsr.request_status", "raw", (r) => r.status],
  ["outcome", "dsr.request_outcome", "raw", (r) => r.outcome],
  ["requester_id", "uuid", "raw", (r) => r.requesterId],
  ["relationship", "dsr.relationship", "raw", (r) => r.relationship],
  ["subject_name", "text", "text", (r) => r.subjectName],
  ["subject_phone", "text", "text", (r) => r.subjectPhone],
  ["subject_account_id", "uuid", "raw", (r) => r.subjectAccountId],
  ["scope", "jsonb", "text", (r) => JSON.stringify(r.scope)],
  ["description", "text", "text", (r) => r.description],
  ["locale", "text", "raw", (r) => r.locale],
  ["received_at", "timestamptz", "ms", (r) => r.receivedAt],
  ["target_date", "date", "raw", (r) => r.targetDate],
  ["due_date", "date", "raw", (r) => r.dueDate],
  ["due_at", "timestamptz", "ms", (r) => r.dueAt],
  ["provisional", "boolean", "raw", (r) => bool(r.provisional)],
  ["paused_at", "timestamptz", "ms", (r) => r.pausedAt],
  ["pause_reason", "dsr.pause_reason", "raw", (r) => r.pauseReason],
  ["resume_status", "dsr.request_status", "raw", (r) => r.resumeStatus],
  ["paused_working_days", "int4", "raw", (r) => r.pausedWorkingDays],
  ["policy_target_working_days", "int4", "raw", (r) => r.policyTargetWorkingDays],
  ["policy_due_working_days", "int4", "raw", (r) => r.policyDueWorkingDays],
  ["assignee_id", "uuid", "raw", (r) => r.assigneeId],
  ["is_repeat", "boolean", "raw", (r) => bool(r.isRepeat)],
  ["identity_verified_at", "timestamptz", "ms", (r) => r.identityVerifiedAt],
  ["verification_status", "dsr.verification_status", "raw", (r) => r.verificationStatus],
  ["fee_amount", "numeric", "raw", (r) => r.feeAmount],
  ["fee_reason", "text", "text", (r) => r.feeReason],
  ["fee_status", "dsr.fee_status", "raw", (r) => r.feeStatus],
  ["fee_payment", "text", "text", (r) => r.feePayment],
  ["refusal_reason", "dsr.refusal_reason", "raw", (r) => r.refusalReason],
  ["refusal_explanation", "text", "text", (r) => r.refusalExplanation],
  ["closed_at", "timestamptz", "ms", (r) => r.closedAt],
  ["version", "int4", "raw", (r) => r.version],
  ["created_at", "timestamptz", "ms", (r) => r.createdAt],
  ["updated_at", "timestamptz", "ms", (r) => r.updatedAt],
];

const EMPTY_JSON = "{}";
const VERIFICATION_COLUMNS: readonly Column<VerificationRow>[] = [
  ["request_id", "uuid", "raw", (v) => v.requestId],
  ["method", "dsr.verification_method", "raw", (v) => v.method],
  ["result", "dsr.verification_result", "raw", (v) => v.result],
  ["evidence", "jsonb", "text", (v) => JSON.stringify(v.evidence)],
  ["note", "text", "text", (v) => v.note],
  ["decided_by_id", "uuid", "raw", (v) => v.decidedById],
  ["decided_at", "timestamptz", "ms", (v) => v.decidedAt],
];
const EVENT_COLUMNS: readonly Column<EventRow>[] = [
  ["request_id", "uuid", "raw", (e) => e.requestId],
  ["kind", "dsr.event_kind", "raw", (e) => e.kind],
  ["from_status", "dsr.request_status", "raw", (e) => e.fromStatus],
  ["to_status", "dsr.request_status", "raw", (e) => e.toStatus],
  ["actor_id", "uuid", "raw", (e) => e.actorId],
  ["reason", "text", "text", (e) => e.reason],
  ["public", "boolean", "raw", (e) => bool(e.public)],
  ["data", "jsonb", "text", (e) => (Object.keys(e.data).length === 0 ? EMPTY_JSON : JSON.stringify(e.data))],
  ["occurred_at", "timestamptz", "ms", (e) => e.occurredAt],
];

/**
 * A time-ordered UUID (version 7: 48-bit Unix milliseconds, then random bits). Batches are generated in time
 * order, so primary-key and (request_id, …) index inserts land at the right edge instead of random pages.
 */
export function uuidV7(ms: number): string {
  const r = randomUUID();
  const h = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${r.slice(15, 18)}-${r.slice(19)}`;
}

function randomName(rng: Rng): string {
  return `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`;
}

/** The first `n` bench patients (users and platform accounts), creating the missing ones. */
async function ensureBenchUsers(db: Db, n: number, rng: Rng, nowMs: number): Promise<{ users: BenchUser[]; created: number }> {
  const existing = rowsOf<{ id: string; phone: string; name: string; account_id: string | null; nickname: string | null }>(
    await db.execute(sql`
      select u.id, u.phone, u.display_name as name, a.id as account_id, a.nickname
      from dsr.users u left join platform.accounts a on a.phone = u.phone
      where u.role = 'patient' and u.phone like ${`${BENCH_PHONE_PREFIX}%`} and u.disabled_at is null`),
  );
  const byPhone = new Map(existing.map((r) => [r.phone, r]));
  const result: BenchUser[] = [];
  const newUsers: (typeof users.$inferInsert)[] = [];
  const newAccounts: (typeof accounts.$inferInsert)[] = [];
  for (let i = 0; i < n; i++) {
    const phone = benchPhone(i);
    const found = byPhone.get(phone);
    if (found && found.account_id) {
      result.push({ id: found.id, phone, name: found.name, accountId: found.account_id, nickname: found.nickname ?? found.name });
      continue;
    }
    const name = found?.name || randomName(rng);
    const gender = rng.chance(0.5) ? "male" : "female";
    const id = found?.id ?? randomUUID();
    const accountId = randomUUID();
    const createdAt = new Date(nowMs - rng.int(400, 1500) * DAY);
    if (!found) newUsers.push({ id, role: "patient", phone, displayName: name, createdAt, updatedAt: createdAt });
    const year = rng.int(1950, 2005);
    newAccounts.push({
      id: accountId,
      phone,
      nickname: name,
      gender,
      birthDate: `${year}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`,
      createdAt,
    });
    result.push({ id, phone, name, accountId, nickname: name });
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < newUsers.length; i += 5000) await tx.insert(users).values(newUsers.slice(i, i + 5000));
    for (let i = 0; i < newAccounts.length; i += 5000) await tx.insert(accounts).values(newAccounts.slice(i, i + 5000));
  });
  return { users: result, created: newUsers.length };
}

type Batch = { requests: RequestRow[]; events: EventRow[]; verifications: VerificationRow[] };

async function writeBatch(db: Db, batch: Batch): Promise<void> {
  await db.transaction(async (tx: Conn) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    await tx.execute(unnestInsert("dsr.requests", REQUEST_COLUMNS, batch.requests));
    await tx.execute(unnestInsert("dsr.request_events", EVENT_COLUMNS, batch.events));
    await tx.execute(unnestInsert("dsr.request_verifications", VERIFICATION_COLUMNS, batch.verifications));
  });
}

/**
 * Adds `count` requests (with their events: submitted, assignment, status changes, pauses) spread over the
 * last `days` days, for benchmarks. Requesters are bench patients (about one per twenty requests, created
 * as needed, reused on later runs); the staff are the seeded agents and manager, so seed the demo data
 * first. Each batch of `batchSize` requests is one transaction: an interruption leaves whole batches only.
 */
export async function addBenchmarkRequests(db: Db, count: number, opts: BenchOptions = {}): Promise<BenchSummary> {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`request count must be a whole number ≥ 0, got ${count}`);
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const nowMs = (opts.now ?? new Date()).getTime();
  const batchSize = Math.max(1, Math.floor(opts.batchSize ?? 20_000));
  const days = Math.max(1, Math.floor(opts.days ?? 365));
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 2));
  if (count === 0) return { requests: 0, events: 0, benchUsers: 0, createdBenchUsers: 0, ms: 0 };

  const staff = rowsOf<{ id: string; role: string }>(
    await db.execute(sql`select id, role from dsr.users where role in ('agent','manager','admin') and disabled_at is null order by email`),
  );
  const agentIds = staff.filter((s) => s.role === "agent").map((s) => s.id);
  const managerId = (staff.find((s) => s.role === "manager") ?? staff.find((s) => s.role === "admin"))?.id;
  if (agentIds.length === 0 || !managerId) throw new Error("No agents or manager to work the requests: seed the demo data first.");
  const { index, policies } = await loadSlaContext(db);

  // A different stream on every run (by the requests already there), the same for the same starting point.
  const [{ n: existingCount } = { n: 0 }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from dsr.requests`));
  const rng = mulberry32(0xbe7c4 ^ Number(existingCount));
  const { users: benchUsers, created } = await ensureBenchUsers(db, Math.max(20, Math.ceil(count / 20)), rng, nowMs);
  log(`Bench patients: ${benchUsers.length.toLocaleString("en")} (${created.toLocaleString("en")} new).`);

  const ctx: SimContext = { rng, nowMs, index, policies, agentIds, managerId, uuid: randomUUID, withMessages: false };

  // Requests per day: weekends quieter, today only up to now.
  const today = dayNumberOf(nowMs);
  const dayList = Array.from({ length: days }, (_, i) => today - days + 1 + i);
  const weights = dayList.map((d) => {
    const wd = weekdayOfDay(d);
    const w = wd === 0 || wd === 6 ? 0.55 : 1;
    return d === today ? (w * (nowMs - (d * DAY - 8 * 3_600_000))) / DAY : w;
  });
  const totalWeight = weights.reduce((a, b) => a + b, 0);

  const repeats = new RepeatTracker();
  let batch: Batch = { requests: [], events: [], verifications: [] };
  let written = 0;
  let events = 0;
  let batches = 0;
  const totalBatches = Math.ceil(count / batchSize);
  const logEvery = Math.max(1, Math.ceil(totalBatches / 20));
  // Up to `concurrency` batches are written at once (PostgreSQL works on them in parallel, Node generates the
  // next meanwhile). Reference numbers are taken in order before a batch leaves, so they follow receipt times.
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  const flush = async () => {
    const b = batch;
    batch = { requests: [], events: [], verifications: [] };
    if (b.requests.length === 0) return;
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) throw failure.error;
    const numbers = await nextRefNumbers(db, b.requests.length);
    b.requests.forEach((r, i) => (r.ref = formatRef(r.receivedAt, numbers[i]!)));
    const p: Promise<void> = writeBatch(db, b).then(
      () => {
        written += b.requests.length;
        events += b.events.length;
        batches++;
        if (batches % logEvery === 0 || written === count) {
          const secs = (Date.now() - started) / 1000;
          log(
            `  ${written.toLocaleString("en")} / ${count.toLocaleString("en")} requests, ${events.toLocaleString("en")} events (${secs.toFixed(1)} s)`,
          );
        }
      },
      (error: unknown) => {
        failure ??= { error };
      },
    );
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    // Let the driver send it before going back to generating.
    await new Promise((r) => setImmediate(r));
  };
  const settle = async () => {
    await Promise.all(inFlight);
    if (failure) throw failure.error;
  };

  let cumulative = 0;
  let generated = 0;
  for (let i = 0; i < dayList.length; i++) {
    cumulative += weights[i]!;
    const target = i === dayList.length - 1 ? count : Math.round((count * cumulative) / totalWeight);
    const n = target - generated;
    if (n <= 0) continue;
    const day = dayList[i]!;
    const times = Array.from({ length: n }, () => receiptTime(rng, day, nowMs - 5 * MINUTE)).sort((a, b) => a - b);
    for (const t of times) {
      const requester = benchUsers[Math.floor(rng.next() ** 2 * benchUsers.length)]!;
      const other = rng.chance(0.05) ? { name: randomName(rng), phone: `19909${String(rng.int(0, 999_999)).padStart(6, "0")}` } : null;
      const plan = planBenchRequest(rng, uuidV7(t), t, requester, other, repeats);
      const sim = simulateRequest(ctx, plan);
      batch.requests.push(sim.request);
      for (const e of sim.events) batch.events.push(e);
      for (const v of sim.verifications) batch.verifications.push(v);
      if (batch.requests.length >= batchSize) await flush();
    }
    generated = target;
  }
  await flush();
  await settle();
  // Fresh statistics, or the planner guesses from an empty table and picks plans that run for minutes.
  await db.execute(sql`analyze dsr.requests`);
  await db.execute(sql`analyze dsr.request_events`);
  return { requests: written, events, benchUsers: benchUsers.length, createdBenchUsers: created, ms: Date.now() - started };
}
