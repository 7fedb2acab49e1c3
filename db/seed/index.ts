import "server-only";
/**
 * The demo data set: calendar and deadlines, staff, twenty patients with complete platform records, and about
 * 300 historical requests over the last 120 days — written in one transaction, so a database is either fully
 * seeded or not at all. `requests: N` adds N more requests over the last 365 days for benchmarks, in batches
 * (see ./bulk.ts). Deterministic: the same people (names, numbers, ids) on every run; times follow `now`.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Conn, Db } from "@/db/client";
import {
  accounts,
  addresses,
  appointments,
  attachments,
  automatedDecisions,
  bankCards,
  browsingLogs,
  calendarDays,
  calendarYears,
  consents,
  consultationPhotos,
  consultations,
  messages,
  orders,
  patients as familyMembersTable,
  prescriptions,
  realNameVerifications,
  requestEvents,
  requestVerifications,
  requests,
  slaPolicies,
  users,
} from "@/db/schema";
import { REQUEST_STATUSES, REQUEST_TYPES } from "@/db/schema/enums";
import { hashPassword } from "@/lib/auth/password";
import { DEFAULT_SLA_POLICIES, loadBundledCalendarYears } from "@/lib/sla";
import { addBenchmarkRequests, type BenchSummary } from "./bulk";
import { PATIENTS, STAFF } from "./data";
import { loadSlaContext, nextRefNumbers } from "./db-util";
import { buildPeople, buildStaff, patientPhone, type PlatformRows } from "./people";
import { planDemoRequests } from "./plan";
import { solidPng } from "./png";
import { mulberry32 } from "./prng";
import { formatRef, simulateDemoSet, type EventRow, type MessageRow, type RequestRow, type SimContext, type VerificationRow } from "./requests";
import { PROOF_FILES } from "./texts";

export { addBenchmarkRequests, type BenchOptions, type BenchSummary } from "./bulk";

/** The demo sign-ins, for printing (npm start, npm run db:seed) and the README. */
export const DEMO_ACCOUNTS = {
  staff: STAFF.map(({ role, email, password, name }) => ({ role, email, password, name })),
  patients: PATIENTS.map((p, i) => ({ phone: patientPhone(i + 1), name: p.name })),
} as const;

export const DEMO_REQUEST_COUNT = 300;
export const DEMO_REQUEST_DAYS = 120;

export type SeedOptions = {
  /** Benchmark requests to add on top of the demo data (over the last 365 days, batched). */
  requests?: number;
  /** The moment the data is seeded as of (default: the real now). */
  now?: Date;
  log?: (line: string) => void;
  /** Requests per transaction in the benchmark part. */
  batchSize?: number;
};

export type SeedSummary = {
  /** The database had users already: nothing was written (benchmark requests aside). */
  alreadySeeded: boolean;
  staff: number;
  patients: number;
  calendarYears: number;
  calendarDays: number;
  slaPolicies: number;
  platform: Record<keyof PlatformRows, number>;
  requests: number;
  events: number;
  messages: number;
  attachments: number;
  benchmark: BenchSummary | null;
  ms: number;
};

const SEED_LOCK = 7312002;

/** True when any user exists. */
export async function isSeeded(db: Conn): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length > 0;
}

async function insertChunked<T extends Record<string, unknown>>(tx: Conn, table: Parameters<Conn["insert"]>[0], rows: readonly T[]): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Math.max(1, Object.keys(rows[0]!).length);
  const size = Math.max(1, Math.floor(30_000 / perRow));
  for (let i = 0; i < rows.length; i += size) await tx.insert(table).values(rows.slice(i, i + size) as never);
}

function emptySummary(alreadySeeded: boolean): SeedSummary {
  return {
    alreadySeeded,
    staff: 0,
    patients: 0,
    calendarYears: 0,
    calendarDays: 0,
    slaPolicies: 0,
    platform: {
      accounts: 0,
      realNames: 0,
      familyMembers: 0,
      consultations: 0,
      photos: 0,
      appointments: 0,
      prescriptions: 0,
      addresses: 0,
      orders: 0,
      bankCards: 0,
      consents: 0,
      decisions: 0,
      browsingLogs: 0,
    },
    requests: 0,
    events: 0,
    messages: 0,
    attachments: 0,
    benchmark: null,
    ms: 0,
  };
}

/** What completed requests did to the records: corrections made, consents withdrawn, data deleted or restricted. */
function applyOutcomes(rows: PlatformRows, done: readonly RequestRow[]) {
  const retention = (d: Date | null | undefined) => {
    if (!d) return null;
    const s = new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    return `${Number(s.slice(0, 4)) + 15}${s.slice(4)}`;
  };
  for (const r of done) {
    if (r.status !== "completed" || !r.subjectAccountId || !r.closedAt) continue;
    const account = r.subjectAccountId;
    const closedAt = r.closedAt;
    if (r.type === "correction") {
      for (const c of r.scope.corrections ?? []) {
        if (c.field === "account.nickname") rows.accounts.filter((a) => a.id === c.recordId).forEach((a) => (a.nickname = c.requested));
        if (c.field === "account.email") rows.accounts.filter((a) => a.id === c.recordId).forEach((a) => (a.email = c.requested));
        if (c.field === "address.detail") rows.addresses.filter((a) => a.id === c.recordId).forEach((a) => (a.detail = c.requested));
      }
    } else if (r.type === "consent") {
      for (const row of rows.consents) {
        if (row.accountId === account && (r.scope.consents ?? []).includes(row.key) && row.changedAt < closedAt) {
          row.granted = false;
          row.changedAt = closedAt;
        }
      }
    } else if (r.type === "deletion") {
      const cats = new Set(r.scope.categories ?? []);
      if (cats.has("browsing_logs")) rows.browsingLogs = rows.browsingLogs.filter((l) => l.accountId !== account || l.occurredAt >= closedAt);
      if (cats.has("bank_cards")) rows.bankCards = rows.bankCards.filter((b) => b.accountId !== account || b.boundAt >= closedAt);
      if (r.outcome === "partially_fulfilled") {
        // Medical records stay for their retention period, restricted (PIPL Art. 47 ¶2).
        for (const c of rows.consultations) {
          // The demo's requests are about account holders: a 就诊人's records (patientId) are not theirs.
          if (c.accountId !== account || c.patientId || c.startedAt >= r.receivedAt || !c.endedAt || c.restrictedAt) continue;
          c.restrictedAt = closedAt;
          c.deletableAfter = retention(c.endedAt);
          for (const p of rows.photos) if (p.consultationId === c.id) Object.assign(p, { restrictedAt: closedAt, deletableAfter: c.deletableAfter });
          for (const p of rows.prescriptions)
            if (p.consultationId === c.id) Object.assign(p, { restrictedAt: closedAt, deletableAfter: c.deletableAfter });
        }
      }
    } else if (r.type === "cancellation") {
      for (const a of rows.accounts) if (a.id === account) Object.assign(a, { status: "cancelled", cancelledAt: closedAt });
    }
  }
}

/**
 * Seeds an empty database (no users). On a seeded one it writes nothing and says so (`alreadySeeded`),
 * except the benchmark requests when `requests` is given.
 */
export async function seedDatabase(db: Db, opts: SeedOptions = {}): Promise<SeedSummary> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const nowMs = now.getTime();
  const log = opts.log ?? (() => {});
  let summary = emptySummary(true);

  if (!(await isSeeded(db))) {
    // argon2 is slow: once per distinct password, before the transaction.
    const hashes = new Map<string, string>();
    for (const s of STAFF) if (!hashes.has(s.password)) hashes.set(s.password, await hashPassword(s.password));

    const written = await db.transaction(async (tx) => {
      // Two processes seeding one server at once: the second waits, then finds the users and stops.
      await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
      if (await isSeeded(tx)) return null;
      const s = emptySummary(false);

      // Working calendar and deadlines.
      const years = loadBundledCalendarYears();
      const dayRows = years.flatMap((y) =>
        y.days.map((d) => ({ day: d.date, year: y.year, isWorkingDay: d.kind === "makeup_workday", kind: d.kind, name: d.name, notice: y.notice })),
      );
      // A server started before the seed already loaded the bundled calendar (db/reference-data.ts): keep its rows.
      for (let i = 0; i < dayRows.length; i += 1000)
        await tx
          .insert(calendarDays)
          .values(dayRows.slice(i, i + 1000))
          .onConflictDoNothing();
      await tx
        .insert(calendarYears)
        .values(years.map((y) => ({ year: y.year, notice: y.notice, importedAt: now })))
        .onConflictDoNothing();
      await tx
        .insert(slaPolicies)
        .values(REQUEST_TYPES.map((type) => ({ type, ...DEFAULT_SLA_POLICIES[type], updatedAt: now })))
        .onConflictDoNothing();
      s.calendarYears = years.length;
      s.calendarDays = dayRows.length;
      s.slaPolicies = REQUEST_TYPES.length;
      const { index, policies } = await loadSlaContext(tx);

      // People.
      const rng = mulberry32(0x5eed2026);
      const staff = buildStaff(rng);
      const { patients, dependants, rows } = buildPeople(rng, nowMs);
      const manager = staff.find((m) => m.role === "manager")!;
      const agents = staff.filter((m) => m.role === "agent");

      // Requests, played out to now.
      const reqRng = mulberry32(0xd5a12026);
      const plans = planDemoRequests(reqRng, nowMs, patients, dependants, DEMO_REQUEST_COUNT, DEMO_REQUEST_DAYS);
      const ctx: SimContext = {
        rng: reqRng,
        nowMs,
        index,
        policies,
        agentIds: agents.map((a) => a.id),
        managerId: manager.id,
        uuid: () => reqRng.uuid(),
        withMessages: true,
      };
      const reqRows: RequestRow[] = [];
      const eventRows: EventRow[] = [];
      const messageRows: MessageRow[] = [];
      const verificationRows: VerificationRow[] = [];
      for (const sim of simulateDemoSet(ctx, plans, REQUEST_STATUSES)) {
        reqRows.push(sim.request);
        eventRows.push(...sim.events);
        messageRows.push(...sim.messages);
        verificationRows.push(...sim.verifications);
      }
      const numbers = await nextRefNumbers(tx, reqRows.length);
      reqRows.forEach((r, i) => (r.ref = formatRef(r.receivedAt, numbers[i]!)));
      // Complaints about an earlier request name it.
      reqRows.forEach((r, i) => {
        if (r.type !== "complaint" || !reqRng.chance(0.5)) return;
        const earlier = reqRows.slice(0, i).filter((x) => x.requesterId === r.requesterId && x.type !== "complaint");
        const target = earlier[earlier.length - 1];
        if (target) r.scope = { ...r.scope, relatedRequestRef: target.ref };
      });
      applyOutcomes(rows, reqRows);

      // Proof of the right to act for someone else: staff-only attachments.
      const proof = solidPng([240, 240, 236], 16, 16);
      const proofSha = createHash("sha256").update(proof).digest("hex");
      const attachmentRows = reqRows
        .filter((r) => r.relationship !== "self")
        .map((r) => ({
          id: reqRng.uuid(),
          requestId: r.id,
          uploaderId: r.requesterId,
          purpose: "proof" as const,
          filename: PROOF_FILES[r.relationship as keyof typeof PROOF_FILES],
          contentType: "image/png",
          sizeBytes: proof.length,
          sha256: proofSha,
          content: proof,
          createdAt: r.receivedAt,
        }));

      await insertChunked(
        tx,
        users,
        staff.map((m) => ({
          id: m.id,
          role: m.role,
          email: m.email,
          displayName: m.name,
          passwordHash: hashes.get(m.password)!,
          locale: "zh-CN",
          createdAt: new Date(nowMs - 400 * 86_400_000),
          updatedAt: new Date(nowMs - 400 * 86_400_000),
        })),
      );
      await insertChunked(
        tx,
        users,
        patients.map((p) => {
          const created = rows.accounts.find((a) => a.id === p.accountId)!.createdAt!;
          return {
            id: p.userId!,
            role: "patient" as const,
            phone: p.phone,
            displayName: p.name,
            locale: p.locale,
            createdAt: created,
            updatedAt: created,
          };
        }),
      );
      await insertChunked(tx, accounts, rows.accounts);
      await insertChunked(tx, realNameVerifications, rows.realNames);
      await insertChunked(tx, familyMembersTable, rows.familyMembers);
      await insertChunked(tx, addresses, rows.addresses);
      await insertChunked(tx, consultations, rows.consultations);
      await insertChunked(tx, consultationPhotos, rows.photos);
      await insertChunked(tx, prescriptions, rows.prescriptions);
      await insertChunked(tx, orders, rows.orders);
      await insertChunked(tx, appointments, rows.appointments);
      await insertChunked(tx, bankCards, rows.bankCards);
      await insertChunked(tx, consents, rows.consents);
      await insertChunked(tx, automatedDecisions, rows.decisions);
      await insertChunked(tx, browsingLogs, rows.browsingLogs);
      await insertChunked(tx, requests, reqRows);
      await insertChunked(tx, requestEvents, eventRows);
      await insertChunked(tx, requestVerifications, verificationRows);
      await insertChunked(tx, messages, messageRows);
      await insertChunked(tx, attachments, attachmentRows);

      s.staff = staff.length;
      s.patients = patients.length;
      for (const k of Object.keys(s.platform) as (keyof PlatformRows)[]) s.platform[k] = rows[k].length;
      s.requests = reqRows.length;
      s.events = eventRows.length;
      s.messages = messageRows.length;
      s.attachments = attachmentRows.length;
      return s;
    });
    if (written) {
      summary = written;
      log(`Seeded ${written.staff} staff, ${written.patients} patients and ${written.requests} requests.`);
    }
  }

  if (opts.requests && opts.requests > 0) {
    log(`Adding ${opts.requests.toLocaleString("en")} benchmark requests…`);
    summary.benchmark = await addBenchmarkRequests(db, opts.requests, { now, log, batchSize: opts.batchSize });
  }
  summary.ms = Date.now() - started;
  return summary;
}
