/**
 * The database's own working-day count (dsr.working_days, working_years and the view working_day_ordinals, kept by
 * triggers on the calendar tables) against the pure engine (lib/sla), and the daily summaries against a direct count
 * over the requests after random changes. PGlite, or PostgreSQL when DATABASE_URL is set.
 */
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { ensureReferenceData } from "@/db/reference-data";
import { rowsOf } from "@/db/rows";
import { requests, type RequestStatus } from "@/db/schema";
import { REQUEST_TYPES } from "@/lib/domain";
import { importCalendarYear } from "@/lib/calendar/admin";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { DEFAULT_INDEX_FROM_YEAR, DEFAULT_INDEX_TO_YEAR, fromDayNumber, statutoryHolidays, type WorkingDayIndex } from "@/lib/sla";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb, type TestDb } from "@/test/db";
import { makeUser } from "@/test/fixtures";
import { fixedRow } from "@/test/dashboard-fixtures";

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await createTestDb();
  db = t.handle.db;
  await ensureReferenceData(db);
});
afterAll(async () => {
  await t?.cleanup();
});

/** Every day's flag and global ordinal, as the database counts them. */
async function databaseDays() {
  return rowsOf<{ day: string; w: boolean; o: number }>(
    await db.execute(sql`select day::text as day, is_working_day as w, ordinal as o from dsr.working_day_ordinals order by day`),
  );
}

function expectSameAsIndex(days: { day: string; w: boolean; o: number }[], index: WorkingDayIndex) {
  expect(days).toHaveLength(index.lastDay - index.firstDay + 1);
  const first = index.firstDay;
  const mismatches: string[] = [];
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    const n = first + i;
    if (d.day !== fromDayNumber(n)) mismatches.push(`${d.day} out of order`);
    else if (Boolean(d.w) !== index.isWorkingDayNumber(n)) mismatches.push(`${d.day} working ${d.w}`);
    // ordinal(d) − ordinal(first) = working days in (first, d], whatever the first day is.
    else if (Number(d.o) - Number(days[0]!.o) !== index.workingDaysBetweenDayNumbers(first, n)) mismatches.push(`${d.day} ordinal ${d.o}`);
    if (mismatches.length > 5) break;
  }
  expect(mismatches).toEqual([]);
}

describe("working days in SQL", () => {
  it("keeps a faithful copy of the statutory holidays (lib/sla/fallback.ts) for 2000–2060", async () => {
    const rows = rowsOf<{ day: string; name: string }>(await db.execute(sql`select day::text as day, name from dsr.statutory_holidays order by day`));
    const expected = [];
    for (let y = DEFAULT_INDEX_FROM_YEAR; y <= DEFAULT_INDEX_TO_YEAR; y++)
      for (const h of statutoryHolidays(y)) expected.push({ day: h.date, name: h.name });
    expect(rows).toEqual(expected);
  });

  it("counts every day of 2000–2060 as the engine does with the database's calendar", async () => {
    expectSameAsIndex(await databaseDays(), await loadWorkingDayIndex(db));
  });

  it("follows an admin's import of a new year, and a correction, in the same transaction", async () => {
    const admin = await makeUser(db, "admin");
    // The import happens at TEST_NOW, whatever the reference data's import time (loadWorkingDayIndex notices a new
    // import by the days themselves, not only by the latest import time).
    const now = testNow();
    // 2027 as a notice would have it (an invented arrangement: Spring Festival 2027-02-05…11, make-up on Sunday 02-14).
    const file = {
      year: 2027,
      notice: "测试通知 2027",
      days: [
        { date: "2027-01-01", kind: "holiday", name: "元旦" },
        ...["05", "06", "07", "08", "09", "10", "11"].map((d) => ({ date: `2027-02-${d}`, kind: "holiday", name: "春节" })),
        { date: "2027-02-14", kind: "makeup_workday", name: "春节" },
      ],
    };
    const result = await importCalendarYear(db, admin, file, { replace: false, now });
    expect(result.ok).toBe(true);
    const index = await loadWorkingDayIndex(db);
    expect(index.isLoadedYear(2027)).toBe(true);
    expect(index.isWorkingDay("2027-02-14")).toBe(true);
    expectSameAsIndex(await databaseDays(), index);

    const corrected = { ...file, days: file.days.filter((d) => d.date !== "2027-02-14") };
    const later = new Date(now.getTime() + 60_000);
    expect((await importCalendarYear(db, admin, corrected, { replace: true, now: later })).ok).toBe(true);
    const index2 = await loadWorkingDayIndex(db);
    expect(index2.isWorkingDay("2027-02-14")).toBe(false);
    expectSameAsIndex(await databaseDays(), index2);

    // A statement that changes nothing leaves the table as it is; deleting the year falls back to the statutory days.
    await db.execute(sql`update dsr.calendar_years set notice = notice where year = 2027`);
    await db.execute(sql`delete from dsr.calendar_days where year = 2027`);
    await db.execute(sql`delete from dsr.calendar_years where year = 2027`);
    const index3 = await loadWorkingDayIndex(db);
    expect(index3.isLoadedYear(2027)).toBe(false);
    expectSameAsIndex(await databaseDays(), index3);
  });
});

/** The summaries as a direct count over the requests would give them (zero rows left out). */
async function direct() {
  const q = async (text: string) =>
    rowsOf<Record<string, unknown>>(await db.execute(sql.raw(text)))
      .map((r) => JSON.stringify(r))
      .sort();
  const closed = "status in ('completed', 'refused', 'withdrawn') and closed_at is not null";
  return {
    received: await q(`select dsr.shanghai_day(received_at)::text as day, type::text, count(*)::int as received,
        (count(*) filter (where is_repeat))::int as repeats from dsr.requests group by 1, 2`),
    closed: await q(`select dsr.shanghai_day(closed_at)::text as day, type::text,
        coalesce(assignee_id, '00000000-0000-0000-0000-000000000000')::text as assignee_id, count(*)::int as closed,
        (count(*) filter (where closed_at <= due_at))::int as on_time,
        (count(*) filter (where status = 'completed' and outcome = 'fulfilled'))::int as fulfilled,
        (count(*) filter (where status = 'completed' and outcome = 'partially_fulfilled'))::int as partially_fulfilled,
        (count(*) filter (where status = 'refused'))::int as refused, (count(*) filter (where status = 'withdrawn'))::int as withdrawn,
        (count(*) filter (where paused_working_days > 0))::int as paused, sum(paused_working_days)::int as paused_working_days
      from dsr.requests where ${closed} group by 1, 2, 3`),
    times: await q(`select dsr.shanghai_day(r.closed_at)::text as day, r.type::text,
        (c.ordinal - v.ordinal - r.paused_working_days)::int as working_days, count(*)::int as closed
      from dsr.requests as r
      join dsr.working_day_ordinals as v on v.day = dsr.shanghai_day(r.received_at)
      join dsr.working_day_ordinals as c on c.day = dsr.shanghai_day(r.closed_at)
      where ${closed} group by 1, 2, 3`),
    refusals: await q(`select dsr.shanghai_day(closed_at)::text as day, type::text, coalesce(refusal_reason::text, '') as reason,
        count(*)::int as refused from dsr.requests where ${closed} and status = 'refused' group by 1, 2, 3`),
  };
}

async function summaries() {
  const q = async (text: string) =>
    rowsOf<Record<string, unknown>>(await db.execute(sql.raw(text)))
      .map((r) => JSON.stringify(r))
      .sort();
  return {
    received: await q(`select day::text, type::text, sum(received)::int as received, sum(repeats)::int as repeats
        from dsr.dashboard_received_daily group by day, type having sum(received) <> 0 or sum(repeats) <> 0`),
    closed: await q(
      `select day::text, type::text, assignee_id::text, closed, on_time, fulfilled, partially_fulfilled, refused, withdrawn, paused,
        paused_working_days from dsr.dashboard_closed_daily where closed <> 0`,
    ),
    times: await q("select day::text, type::text, working_days, closed from dsr.dashboard_close_times where closed <> 0"),
    refusals: await q("select day::text, type::text, reason, refused from dsr.dashboard_refusals_daily where refused <> 0"),
  };
}

const STATES: { status: RequestStatus; outcome?: "fulfilled" | "partially_fulfilled"; reason?: "impractical" | "legal_retention" }[] = [
  { status: "submitted" },
  { status: "in_progress" },
  { status: "awaiting_requester" },
  { status: "completed", outcome: "fulfilled" },
  { status: "completed", outcome: "partially_fulfilled" },
  { status: "refused", reason: "impractical" },
  { status: "refused", reason: "legal_retention" },
  { status: "withdrawn" },
];

describe("the daily summaries", () => {
  it("equal a direct count after any sequence of inserts, state changes and reassignments", async () => {
    const patient = await makeUser(db, "patient");
    const agents = [await makeUser(db, "agent"), await makeUser(db, "agent")];
    // Around TEST_NOW: thirty days before to thirty after (and closings up to a month later), so the daily
    // summaries are counted across whatever holidays, make-up days and year ends lie there.
    const base = daysFrom(testNow(), -30).getTime();
    const HOUR = 3_600_000;
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("insert" as const),
        type: fc.constantFrom(...REQUEST_TYPES),
        hour: fc.integer({ min: 0, max: 24 * 60 }),
        repeat: fc.boolean(),
        state: fc.integer({ min: 0, max: STATES.length - 1 }),
        closeAfter: fc.integer({ min: 0, max: 24 * 30 }),
        paused: fc.integer({ min: 0, max: 3 }),
        agent: fc.integer({ min: -1, max: 1 }),
      }),
      fc.record({
        kind: fc.constant("update" as const),
        pick: fc.nat(),
        state: fc.integer({ min: 0, max: STATES.length - 1 }),
        closeAfter: fc.integer({ min: 0, max: 24 * 30 }),
        agent: fc.integer({ min: -1, max: 1 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === "insert") {
            const s = STATES[o.state]!;
            const received = new Date(base + o.hour * HOUR);
            const closed = ["completed", "refused", "withdrawn"].includes(s.status) ? new Date(received.getTime() + o.closeAfter * HOUR) : null;
            const row = fixedRow(
              {
                key: "",
                type: o.type,
                received: received.toISOString().slice(0, 19),
                status: s.status,
                outcome: s.outcome,
                refusalReason: s.reason,
                pausedWorkingDays: o.paused,
                repeat: o.repeat,
              },
              patient.id,
              patient.phone!,
              { a: agents[0]!.id, b: agents[1]!.id },
            );
            // fixedRow reads Shanghai wall-clock times; use the instants as they are.
            row.receivedAt = received;
            row.closedAt = closed;
            row.assigneeId = o.agent < 0 ? null : agents[o.agent]!.id;
            await db.insert(requests).values(row);
          } else {
            const ids = rowsOf<{ id: string; received_at: string }>(
              await db.execute(sql`select id::text, received_at::text from dsr.requests order by ref`),
            );
            if (ids.length === 0) continue;
            const target = ids[o.pick % ids.length]!;
            const s = STATES[o.state]!;
            const closing = ["completed", "refused", "withdrawn"].includes(s.status);
            await db.execute(sql`
              update dsr.requests set status = ${s.status}, outcome = ${s.outcome ?? null},
                refusal_reason = ${s.reason ?? null},
                closed_at = ${closing ? sql`received_at + ${`${o.closeAfter} hours`}::interval` : sql`null`},
                assignee_id = ${o.agent < 0 ? null : agents[o.agent]!.id}, version = version + 1
              where id = ${target.id}::uuid`);
          }
        }
        expect(await summaries()).toEqual(await direct());
      }),
      { numRuns: 15 },
    );
  });
});
