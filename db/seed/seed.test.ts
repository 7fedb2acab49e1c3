import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  accounts,
  attachments,
  automatedDecisions,
  browsingLogs,
  calendarDays,
  calendarYears,
  CONSENT_KEYS,
  consents,
  consultationPhotos,
  consultations,
  messages,
  orders,
  patients as familyMembers,
  prescriptions,
  realNameVerifications,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  requestEvents,
  requests,
  slaPolicies,
  users,
  type Request,
} from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { ageOn } from "@/lib/identity/authority";
import { repeatWindowStart } from "@/lib/domain/repeat-window";
import { CORRECTABLE_FIELDS, DATA_CATEGORIES, DELETION_GROUNDS } from "@/lib/requests/categories";
import {
  buildWorkingDayIndex,
  computeDeadline,
  DEFAULT_SLA_POLICIES,
  endOfShanghaiDay,
  indexInputFromCalendarYears,
  loadBundledCalendarYears,
  shanghaiDateOf,
  slaStatus,
} from "@/lib/sla";
import { testNow } from "@/test/clock";
import { createTestDb, type TestDb } from "@/test/db";
import { pgArray } from "./bulk";
import { rowsOf } from "./db-util";
import { birthDateOfResidentId, isValidResidentId } from "./idcard";
import { addBenchmarkRequests, DEMO_ACCOUNTS, isSeeded, seedDatabase, type SeedSummary } from "./index";
import { buildPeople } from "./people";
import { PNG_SIGNATURE } from "./png";
import { mulberry32 } from "./prng";

/** The moment the seed runs as of (TEST_NOW; `npm run test:dates` tries the hard ones). */
const NOW = testNow();
const DAY = 86_400_000;
const index = buildWorkingDayIndex(indexInputFromCalendarYears(loadBundledCalendarYears()));

let t: TestDb;
let db: Db;
let summary: SeedSummary;
let reqs: Request[];

beforeAll(async () => {
  t = await createTestDb();
  db = t.handle.db;
  expect(await isSeeded(db)).toBe(false);
  summary = await seedDatabase(db, { now: NOW });
  reqs = await db.select().from(requests).orderBy(asc(requests.receivedAt));
}, 120_000);
afterAll(() => t?.cleanup());

describe("demo seed", () => {
  it("writes the calendar and the SLA policies", async () => {
    const years = loadBundledCalendarYears();
    expect((await db.select().from(calendarYears)).map((y) => y.year).sort()).toEqual(years.map((y) => y.year).sort());
    const days = await db.select().from(calendarDays);
    expect(days).toHaveLength(years.reduce((n, y) => n + y.days.length, 0));
    for (const d of days) expect(d.isWorkingDay).toBe(d.kind === "makeup_workday");
    const policies = await db.select().from(slaPolicies);
    expect(policies).toHaveLength(REQUEST_TYPES.length);
    for (const p of policies)
      expect({ t: p.targetWorkingDays, d: p.dueWorkingDays }).toEqual({
        t: DEFAULT_SLA_POLICIES[p.type].targetWorkingDays,
        d: DEFAULT_SLA_POLICIES[p.type].dueWorkingDays,
      });
  });

  it("creates one admin, one manager, two agents who can sign in with the demo passwords", async () => {
    const staff = await db
      .select()
      .from(users)
      .where(sql`${users.role} <> 'patient'`)
      .orderBy(asc(users.email));
    expect(staff.map((s) => [s.role, s.email])).toEqual([
      ["admin", "admin@xiaolu.example"],
      ["agent", "agent1@xiaolu.example"],
      ["agent", "agent2@xiaolu.example"],
      ["manager", "manager@xiaolu.example"],
    ]);
    for (const s of staff) {
      const demo = DEMO_ACCOUNTS.staff.find((d) => d.email === s.email)!;
      expect(s.displayName).toBe(demo.name);
      expect(await verifyPassword(s.passwordHash!, demo.password)).toBe(true);
    }
    expect(summary.staff).toBe(4);
  });

  it("creates the twenty demo patients with phones from the test range", async () => {
    const patients = await db.select().from(users).where(eq(users.role, "patient")).orderBy(asc(users.phone));
    expect(patients).toHaveLength(20);
    expect(patients.map((p) => p.phone)).toEqual(Array.from({ length: 20 }, (_, i) => `199000000${String(i + 1).padStart(2, "0")}`));
    expect(patients.map((p) => ({ phone: p.phone, name: p.displayName }))).toEqual(DEMO_ACCOUNTS.patients);
    expect(new Set(patients.map((p) => p.displayName)).size).toBe(20);
  });

  it("gives every patient a complete platform record set", async () => {
    const patients = await db.select().from(users).where(eq(users.role, "patient"));
    const since = NOW.getTime() - 31 * DAY;
    for (const p of patients) {
      const [account] = await db.select().from(accounts).where(eq(accounts.phone, p.phone!));
      expect(account, p.phone!).toBeDefined();
      const [rn] = await db.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, account!.id));
      expect(rn!.realName).toBe(p.displayName);
      expect(isValidResidentId(rn!.idNumber), rn!.idNumber).toBe(true);
      expect(birthDateOfResidentId(rn!.idNumber)).toBe(account!.birthDate);
      // 17th digit: odd for men, even for women
      expect(Number(rn!.idNumber[16]) % 2 === 1).toBe(account!.gender === "male");
      const keys = (await db.select().from(consents).where(eq(consents.accountId, account!.id))).map((c) => c.key).sort();
      expect(keys).toEqual([...CONSENT_KEYS].sort());
      const cs = await db.select().from(consultations).where(eq(consultations.accountId, account!.id));
      expect(cs.length).toBeGreaterThanOrEqual(2);
      for (const c of cs) {
        const photos = await db.select().from(consultationPhotos).where(eq(consultationPhotos.consultationId, c.id));
        expect(photos.map((x) => x.kind).sort()).toEqual(["face", "tongue"]);
        for (const ph of photos) expect(Buffer.from(ph.content).subarray(0, 8)).toEqual(Buffer.from(PNG_SIGNATURE));
      }
      const decisions = await db.select().from(automatedDecisions).where(eq(automatedDecisions.accountId, account!.id));
      expect(decisions.length).toBeGreaterThanOrEqual(1);
      const logs = await db.select().from(browsingLogs).where(eq(browsingLogs.accountId, account!.id));
      for (const l of logs) expect(l.occurredAt.getTime()).toBeGreaterThan(since);
    }
    const allConsultations = await db.select().from(consultations);
    expect(allConsultations.filter((c) => c.status === "ongoing")).toHaveLength(1);
    expect((await db.select().from(orders)).filter((o) => o.status === "shipped")).toHaveLength(1);
    // a child under 14 (at NOW) someone acts for
    const today = shanghaiDateOf(NOW);
    const fourteenYearsAgo = `${Number(today.slice(0, 4)) - 14}${today.slice(4)}`;
    const child = (await db.select().from(accounts)).find((a) => a.birthDate! > fourteenYearsAgo);
    expect(child).toBeDefined();
  });

  it("gives several accounts 就诊人 — children under 14 and of 14–17, and parents — with records of their own", async () => {
    const members = await db.select().from(familyMembers);
    expect(members.length).toBe(summary.platform.familyMembers);
    expect(new Set(members.map((m) => m.accountId)).size).toBeGreaterThanOrEqual(3);
    const ages = members.map((m) => ({ relationship: m.relationship, age: ageOn(m.birthDate, NOW) }));
    expect(ages.some((m) => m.relationship === "child" && m.age < 14)).toBe(true);
    expect(ages.some((m) => m.relationship === "child" && m.age >= 14 && m.age < 18)).toBe(true);
    expect(ages.some((m) => m.relationship === "parent" && m.age >= 60)).toBe(true);
    const holders = new Set((await db.select({ id: accounts.id }).from(accounts).innerJoin(users, eq(users.phone, accounts.phone))).map((a) => a.id));
    for (const m of members) {
      expect(holders.has(m.accountId), `${m.name} belongs to a demo patient's account`).toBe(true);
      if (m.idNumber) expect(birthDateOfResidentId(m.idNumber)).toBe(m.birthDate);
      const cs = await db.select().from(consultations).where(eq(consultations.patientId, m.id));
      expect(cs.length, m.name).toBeGreaterThan(0);
      for (const c of cs) {
        expect(c.accountId).toBe(m.accountId);
        expect(c.status).toBe("completed");
        const photos = await db.select().from(consultationPhotos).where(eq(consultationPhotos.consultationId, c.id));
        expect(photos.map((x) => x.kind).sort()).toEqual(["face", "tongue"]);
      }
      const ps = await db.select().from(prescriptions).where(eq(prescriptions.patientId, m.id));
      for (const x of ps) expect(cs.map((c) => c.id)).toContain(x.consultationId);
    }
    expect(
      (
        await db
          .select()
          .from(prescriptions)
          .where(sql`${prescriptions.patientId} is not null`)
      ).length,
    ).toBeGreaterThan(0);
  });

  it("makes about 300 requests over the last 120 days, of every type and status", () => {
    expect(reqs).toHaveLength(300);
    expect(summary.requests).toBe(300);
    expect(new Set(reqs.map((r) => r.type))).toEqual(new Set(REQUEST_TYPES));
    expect(new Set(reqs.map((r) => r.status))).toEqual(new Set(REQUEST_STATUSES));
    for (const r of reqs) {
      expect(r.receivedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(r.receivedAt.getTime()).toBeGreaterThan(NOW.getTime() - 121 * DAY);
      const closed = ["completed", "refused", "withdrawn"].includes(r.status);
      expect(r.closedAt !== null, r.ref).toBe(closed);
      expect(r.outcome !== null, r.ref).toBe(r.status === "completed");
      expect(r.refusalReason !== null, r.ref).toBe(r.status === "refused");
      expect(r.pausedAt !== null, r.ref).toBe(r.status === "awaiting_requester");
      expect(r.pauseReason !== null, r.ref).toBe(r.status === "awaiting_requester");
      if (r.status === "submitted") expect(r.assigneeId).toBeNull();
      if (r.status === "in_progress" || r.status === "awaiting_requester" || r.status === "completed") expect(r.assigneeId).not.toBeNull();
      if (r.closedAt) expect(r.closedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it("fills the scope for each type, in the vocabulary of the submission form", () => {
    for (const r of reqs) {
      for (const c of r.scope.categories ?? []) expect(DATA_CATEGORIES).toContain(c);
      for (const i of r.scope.items ?? []) expect(DATA_CATEGORIES).toContain(i.category);
      if (r.type === "access" || r.type === "portability") expect(r.scope.categories?.length).toBeGreaterThan(0);
      if (r.type === "deletion") expect(DELETION_GROUNDS).toContain(r.scope.ground);
      if (r.type === "consent") {
        expect(r.scope.consents?.length).toBeGreaterThan(0);
        for (const k of r.scope.consents ?? []) expect(CONSENT_KEYS).toContain(k);
      }
      if (r.type === "correction") {
        expect(r.scope.corrections?.length).toBe(1);
        for (const c of r.scope.corrections ?? []) expect(CORRECTABLE_FIELDS).toContain(c.field);
      }
      if (r.type === "automated_decision") expect(r.scope.decisionId).toMatch(/^[0-9a-f-]{36}$/);
      if (r.scope.relatedRequestRef) expect(reqs.some((x) => x.ref === r.scope.relatedRequestRef)).toBe(true);
    }
  });

  it("assigns only agents", async () => {
    const agents = new Set((await db.select().from(users).where(eq(users.role, "agent"))).map((u) => u.id));
    for (const r of reqs) if (r.assigneeId) expect(agents.has(r.assigneeId)).toBe(true);
  });

  it("sets subjects: the patient themself, or the person they act for", async () => {
    const patients = new Map((await db.select().from(users).where(eq(users.role, "patient"))).map((u) => [u.id, u]));
    const names = new Map((await db.select().from(realNameVerifications)).map((r) => [r.accountId, r.realName]));
    const acting = reqs.filter((r) => r.relationship !== "self");
    expect(new Set(acting.map((r) => r.relationship))).toEqual(new Set(["guardian", "close_relative", "authorised_agent"]));
    for (const r of reqs) {
      expect(r.subjectAccountId).not.toBeNull();
      expect(names.get(r.subjectAccountId!)).toBe(r.subjectName);
      const requester = patients.get(r.requesterId)!;
      if (r.relationship === "self") {
        expect(r.subjectName).toBe(requester.displayName);
        expect(r.subjectPhone).toBe(requester.phone);
      } else {
        expect(r.subjectName).not.toBe(requester.displayName);
      }
    }
    const proofs = await db.select().from(attachments);
    expect(proofs).toHaveLength(acting.length);
    for (const p of proofs) expect(p.purpose).toBe("proof");
  });

  it("computes every deadline with the bundled calendar", () => {
    for (const r of reqs) {
      expect(index.isWorkingDay(r.dueDate), `${r.ref} due ${r.dueDate}`).toBe(true);
      expect(index.isWorkingDay(r.targetDate), `${r.ref} target ${r.targetDate}`).toBe(true);
      expect(r.dueAt.getTime()).toBe(endOfShanghaiDay(r.dueDate).getTime());
      expect(r.dueAt.toISOString()).toBe(new Date(`${r.dueDate}T23:59:59.999+08:00`).toISOString());
      const d = computeDeadline(r.receivedAt, DEFAULT_SLA_POLICIES[r.type], index, r.pausedWorkingDays);
      expect([d.targetDate, d.dueDate, d.provisional]).toEqual([r.targetDate, r.dueDate, r.provisional]);
    }
    expect(reqs.some((r) => r.pausedWorkingDays > 0)).toBe(true);
  });

  it("has met and missed closed requests, and overdue, at-risk and (mostly) on-track open ones", () => {
    const states = new Map<string, number>();
    for (const r of reqs) {
      const s = slaStatus(r, NOW, index).state;
      states.set(s, (states.get(s) ?? 0) + 1);
    }
    if (process.env.SEED_TEST_VERBOSE) console.log(Object.fromEntries(states));
    expect(states.get("met")).toBeGreaterThan(states.get("missed")!);
    expect(states.get("missed")).toBeGreaterThan(0);
    expect(states.get("overdue")).toBeGreaterThan(0);
    expect(states.get("at_risk")).toBeGreaterThan(0);
    expect(states.get("on_track")).toBeGreaterThan(states.get("overdue")!);
    expect(states.get("on_track")).toBeGreaterThan(states.get("at_risk")!);
  });

  it("flags repeats as the app does: same type and subject phone within twelve months", () => {
    const last = new Map<string, Date>();
    for (const r of reqs) {
      const key = `${r.subjectPhone}|${r.type}`;
      const prev = last.get(key);
      expect(r.isRepeat, r.ref).toBe(prev !== undefined && prev.getTime() >= repeatWindowStart(r.receivedAt).getTime());
      last.set(key, r.receivedAt);
    }
    expect(reqs.some((r) => r.isRepeat)).toBe(true);
  });

  it("numbers refs DSR-<year>-<6 digits> from the sequence, which ends past them", async () => {
    const numbers = reqs.map((r) => {
      const m = /^DSR-(\d{4})-(\d{6,})$/.exec(r.ref);
      expect(m, r.ref).not.toBeNull();
      expect(Number(m![1])).toBe(Number(shanghaiDateOf(r.receivedAt).slice(0, 4)));
      return Number(m![2]);
    });
    expect(new Set(reqs.map((r) => r.ref)).size).toBe(reqs.length);
    // numbered in order of receipt
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    const [row] = rowsOf<{ n: string }>(await db.execute(sql`select nextval('dsr.request_ref_seq') as n`));
    expect(Number(row!.n)).toBeGreaterThan(Math.max(...numbers));
  });

  it("records each request's history in order, starting with `submitted`", async () => {
    const events = await db.select().from(requestEvents).orderBy(asc(requestEvents.id));
    const byRequest = new Map<string, typeof events>();
    for (const e of events) byRequest.set(e.requestId, [...(byRequest.get(e.requestId) ?? []), e]);
    const staff = new Set(
      (
        await db
          .select()
          .from(users)
          .where(sql`${users.role} <> 'patient'`)
      ).map((u) => u.id),
    );
    for (const r of reqs) {
      const evs = byRequest.get(r.id)!;
      expect(evs[0]!.kind, r.ref).toBe("submitted");
      expect(evs[0]!.occurredAt.getTime()).toBe(r.receivedAt.getTime());
      expect(evs[0]!.actorId).toBe(r.requesterId);
      for (let i = 1; i < evs.length; i++) expect(evs[i]!.occurredAt.getTime()).toBeGreaterThanOrEqual(evs[i - 1]!.occurredAt.getTime());
      // the status changes chain up to the current status
      let status = "submitted";
      for (const e of evs.filter((x) => x.toStatus && x.kind !== "submitted")) {
        expect(e.fromStatus, `${r.ref} ${e.kind}`).toBe(status);
        expect(e.actorId).not.toBeNull();
        status = e.toStatus!;
      }
      expect(status, r.ref).toBe(r.status);
      // A declined fee is the requester's answer, which ends the request as refused (§8.7).
      const byRequester = r.status === "withdrawn" || r.refusalReason === "repeat_fee_declined";
      if (byRequester) expect(evs[evs.length - 1]!.actorId).toBe(r.requesterId);
      else if (r.status === "completed" || r.status === "refused") expect(staff.has(evs[evs.length - 1]!.actorId!)).toBe(true);
      if (r.status === "awaiting_requester" || evs.some((e) => e.kind === "resumed")) expect(evs.some((e) => e.kind === "paused")).toBe(true);
      if (r.pausedWorkingDays > 0) expect(evs.some((e) => e.kind === "paused")).toBe(true);
      expect(evs[evs.length - 1]!.occurredAt.getTime()).toBe(r.updatedAt.getTime());
    }
  });

  it("writes each transition as the workflow does (lib/workflow/machine.ts)", async () => {
    const events = await db.select().from(requestEvents).orderBy(asc(requestEvents.id));
    const msgs = await db.select().from(messages);
    const byRequest = new Map<string, typeof events>();
    for (const e of events) byRequest.set(e.requestId, [...(byRequest.get(e.requestId) ?? []), e]);
    for (const r of reqs) {
      const evs = byRequest.get(r.id)!;
      const changes = evs.filter((e) => e.kind === "status_changed");
      expect(r.version, r.ref).toBeGreaterThanOrEqual(changes.length);
      evs.forEach((e, i) => {
        // a pause is a status change to awaiting_requester, then `paused` with the reason
        if (e.kind === "paused") {
          const prev = evs[i - 1]!;
          expect([prev.kind, prev.toStatus, prev.reason, prev.occurredAt]).toEqual(["status_changed", "awaiting_requester", e.reason, e.occurredAt]);
        }
        // `resumed` carries the working days added and the new deadline
        if (e.kind === "resumed") expect(Object.keys(e.data).sort()).toEqual(expect.arrayContaining(["dueDate", "extension", "targetDate"]));
      });
      const lastResume = [...evs].reverse().find((e) => e.kind === "resumed");
      if (lastResume && r.pausedAt === null) expect(lastResume.data.dueDate, r.ref).toBe(r.dueDate);
      expect(r.resumeStatus, r.ref).toBe(r.status === "awaiting_requester" ? "in_progress" : null);
      if (r.status === "refused") {
        expect(changes[changes.length - 1]!.reason).toBe(r.refusalReason);
        expect(r.refusalExplanation).toBeTruthy();
        expect(msgs.some((m) => m.requestId === r.id && m.body === r.refusalExplanation && m.createdAt.getTime() === r.closedAt!.getTime())).toBe(
          true,
        );
      } else {
        expect(r.refusalExplanation).toBeNull();
      }
      if (r.status === "completed") {
        expect(
          msgs.some((m) => m.requestId === r.id && !m.internal && m.authorId === r.assigneeId && m.createdAt.getTime() === r.closedAt!.getTime()),
        ).toBe(true);
      }
      if (r.feeStatus !== null) expect(["quoted", "accepted", "declined"]).toContain(r.feeStatus);
      if (r.feeStatus === "declined") expect([r.status, changes[changes.length - 1]!.reason]).toEqual(["refused", "repeat_fee_declined"]);
      if (r.feeStatus === "quoted") expect([r.status, r.pauseReason]).toEqual(["awaiting_requester", "fee"]);
    }
  });

  it("files no cancellation the app would have refused (balance, unfinished consultation, undelivered order)", async () => {
    const blockedByBalance = new Set((await db.select().from(accounts)).filter((a) => a.balanceCents !== 0).map((a) => a.id));
    const ongoing = await db.select().from(consultations).where(eq(consultations.status, "ongoing"));
    const shipped = await db.select().from(orders).where(eq(orders.status, "shipped"));
    for (const r of reqs.filter((x) => x.type === "cancellation")) {
      expect(blockedByBalance.has(r.subjectAccountId!), r.ref).toBe(false);
      for (const c of ongoing) if (c.accountId === r.subjectAccountId) expect(r.receivedAt < c.startedAt).toBe(true);
      for (const o of shipped) if (o.accountId === r.subjectAccountId) expect(r.receivedAt < o.createdAt).toBe(true);
    }
  });

  it("writes staff questions, patient answers and internal notes", async () => {
    const msgs = await db.select().from(messages);
    const patientIds = new Set((await db.select().from(users).where(eq(users.role, "patient"))).map((u) => u.id));
    expect(msgs.some((m) => m.internal)).toBe(true);
    expect(msgs.some((m) => !m.internal && patientIds.has(m.authorId))).toBe(true);
    expect(msgs.some((m) => !m.internal && !patientIds.has(m.authorId))).toBe(true);
    for (const m of msgs.filter((x) => x.internal)) expect(patientIds.has(m.authorId)).toBe(false);
  });

  it("does not seed twice", async () => {
    expect(await isSeeded(db)).toBe(true);
    const again = await seedDatabase(db, { now: NOW });
    expect(again.alreadySeeded).toBe(true);
    expect(again.requests).toBe(0);
    const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from dsr.users`));
    expect(n).toBe(24);
    expect(await db.$count(requests)).toBe(300);
  });

  it("is deterministic for a given now: another database seeded as of the same moment holds the same data", async () => {
    const other = await createTestDb();
    try {
      await seedDatabase(other.handle.db, { now: NOW });
      const people = (d: Db) =>
        d
          .select({ id: users.id, name: users.displayName, phone: users.phone, email: users.email, at: users.createdAt })
          .from(users)
          .orderBy(asc(users.id));
      expect(await people(other.handle.db)).toEqual(await people(db));
      const ids = (d: Db) =>
        d
          .select({ a: realNameVerifications.accountId, n: realNameVerifications.idNumber })
          .from(realNameVerifications)
          .orderBy(asc(realNameVerifications.idNumber));
      expect(await ids(other.handle.db)).toEqual(await ids(db));
      const requestsOf = (d: Db) =>
        d
          .select({
            id: requests.id,
            ref: requests.ref,
            type: requests.type,
            status: requests.status,
            receivedAt: requests.receivedAt,
            dueDate: requests.dueDate,
            closedAt: requests.closedAt,
            scope: requests.scope,
          })
          .from(requests)
          .orderBy(asc(requests.ref));
      expect(await requestsOf(other.handle.db)).toEqual(await requestsOf(db));
      const eventsOf = async (d: Db) => rowsOf<{ n: number }>(await d.execute(sql`select count(*)::int as n from dsr.request_events`))[0]!.n;
      expect(await eventsOf(other.handle.db)).toBe(summary.events);
    } finally {
      await other.cleanup();
    }
  }, 120_000);

  it("makes the same people (names, phones, ID numbers) whatever the moment", () => {
    const at = (ms: number) => buildPeople(mulberry32(0x5eed2026), ms);
    const pick = (b: ReturnType<typeof at>) => [
      ...[...b.patients, ...b.dependants].map((p) => [p.userId, p.accountId, p.name, p.phone, p.idNumber]),
      ...b.familyMembers.map((f) => [f.id, f.accountId, f.name, f.relationship, f.idNumber]),
    ];
    expect(pick(at(NOW.getTime() + 7 * DAY))).toEqual(pick(at(NOW.getTime())));
    expect(pick(at(Date.parse("2026-02-16T10:00:00+08:00")))).toEqual(pick(at(Date.parse("2027-02-05T10:00:00+08:00"))));
  });
});

describe("benchmark requests", () => {
  it("adds requests in batches over the last year, with events, continuing the numbering", async () => {
    const before = reqs.length;
    const lines: string[] = [];
    const b = await addBenchmarkRequests(db, 2_500, { now: NOW, batchSize: 700, log: (l) => lines.push(l) });
    expect(b.requests).toBe(2_500);
    expect(lines.some((l) => l.includes("2,500 / 2,500"))).toBe(true);
    const all = await db.select().from(requests).orderBy(asc(requests.receivedAt));
    expect(all).toHaveLength(before + 2_500);
    expect(new Set(all.map((r) => r.ref)).size).toBe(all.length);
    const bench = all.filter((r) => !reqs.some((x) => x.id === r.id));
    expect(Math.min(...bench.map((r) => r.receivedAt.getTime()))).toBeGreaterThan(NOW.getTime() - 366 * DAY);
    expect(new Set(bench.map((r) => r.status))).toEqual(new Set(REQUEST_STATUSES));
    for (const r of bench) {
      expect(index.isWorkingDay(r.dueDate)).toBe(true);
      expect(r.dueAt.getTime()).toBe(endOfShanghaiDay(r.dueDate).getTime());
    }
    const firstOld = Math.max(...reqs.map((r) => Number(r.ref.slice(9))));
    expect(Math.min(...bench.map((r) => Number(r.ref.slice(9))))).toBeGreaterThan(firstOld);
    const counts = rowsOf<{ kinds: string[]; status: string; closed: boolean }>(
      await db.execute(sql`
        select r.status, r.closed_at is not null as closed, array_agg(e.kind::text order by e.occurred_at, e.id) as kinds
        from dsr.requests r join dsr.request_events e on e.request_id = r.id
        where r.id in (select id from dsr.requests order by ref desc limit 500)
        group by r.id, r.status, r.closed_at`),
    );
    expect(counts.length).toBeGreaterThan(0);
    for (const c of counts) {
      expect(c.kinds[0]).toBe("submitted");
      if (c.closed) expect(c.kinds.length).toBeGreaterThanOrEqual(2);
    }
    // Bench patients are reused on the next run.
    const again = await addBenchmarkRequests(db, 100, { now: NOW });
    expect(again.createdBenchUsers).toBe(0);
  }, 120_000);

  it("sends any text through the bulk array literal unchanged", async () => {
    const values = ['a"b', "c\\d", "NULL", "", "中文，逗号, {x} (y)", "line\nbreak", " padded ", null];
    const rows = rowsOf<{ v: string | null }>(await db.execute(sql`select unnest(${pgArray(values)}::text[]) as v`));
    expect(rows.map((r) => r.v)).toEqual(values);
  });
});
