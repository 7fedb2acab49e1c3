import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { addCalendarDays, endOfShanghaiDay, shanghaiDateOf, slaStatus, startOfShanghaiDay } from "@/lib/sla";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { makeUser } from "@/test/fixtures";
import { bundledIndex, insertRequests } from "@/test/staff-fixtures";
import { REQUEST_STATUSES, REQUEST_TYPES } from "@/lib/domain";
import { countQueue, countQueueBySla, listQueue, listStaff, queueTotals, slaCountsGiveTotal, totalFromSlaCounts, type QueueRow } from "./queue";
import {
  DEFAULT_DIR,
  DEFAULT_QUEUE_FILTERS,
  parseQueueFilters,
  QUEUE_DIRS,
  QUEUE_PAGE_SIZE,
  QUEUE_SORTS,
  queueQueryString,
  sortedBy,
  type QueueFilters,
  type QueueSort,
} from "./queue-filters";
import { slaBounds } from "./sla-sql";

let db: Db;
let cleanup: () => Promise<void>;
let agent: Actor, otherAgent: Actor, manager: Actor;
beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  agent = await makeUser(db, "agent", { displayName: "客服甲" });
  otherAgent = await makeUser(db, "agent", { displayName: "客服乙" });
  manager = await makeUser(db, "manager");
});
afterAll(() => cleanup());

/** The moment the queue is looked at (TEST_NOW); the requests are dated relative to it. */
const NOW = testNow();
const TODAY = shanghaiDateOf(NOW);
const view = (f: Partial<QueueFilters>): QueueFilters => ({ ...DEFAULT_QUEUE_FILTERS, ...f });
const refsOf = async (actor: Actor, f: Partial<QueueFilters>, now = NOW) =>
  (await listQueue(db, actor, view(f), slaBounds(bundledIndex(), now))).rows.map((r) => r.ref);

describe("the staff queue", () => {
  it("is for staff only: a patient calling the queries is refused", async () => {
    const patient = await makeUser(db, "patient");
    const b = slaBounds(bundledIndex(), NOW);
    await expect(listQueue(db, patient, view({}), b)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(countQueueBySla(db, patient, view({}), b)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listStaff(db, patient)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("filters by status, type, assignee, received dates, acting for someone, unverified, provisional and repeat", async () => {
    const p = await makeUser(db, "patient", { phone: "19931000001", displayName: "王小明" });
    const filed = daysFrom(NOW, -5);
    // Early: 00:30 in Shanghai on day E (still the day before in UTC); late: ten days ago.
    const earlyDay = addCalendarDays(TODAY, -48);
    const early = new Date(startOfShanghaiDay(earlyDay).getTime() + 30 * 60_000);
    const lateAt = daysFrom(NOW, -10);
    const inserted = await insertRequests(db, p, [
      { type: "access", receivedAt: filed },
      { type: "access", receivedAt: filed, extra: { status: "completed", closedAt: daysFrom(NOW, -1) } },
      { type: "deletion", receivedAt: filed, extra: { status: "in_progress", assigneeId: agent.id } },
      { type: "deletion", receivedAt: filed, extra: { status: "in_progress", assigneeId: otherAgent.id } },
      {
        type: "consent",
        receivedAt: filed,
        extra: { relationship: "guardian", subjectName: "王小小", subjectPhone: "19931000002", verificationStatus: "pending" },
      },
      { type: "complaint", receivedAt: filed, extra: { provisional: true } },
      { type: "correction", receivedAt: early },
      { type: "correction", receivedAt: lateAt, extra: { isRepeat: true } },
    ]);
    const [open, closed, mine, theirs, acting, provisional, earlyReq, late] = inserted;
    const q = "19931000001";
    expect(await refsOf(agent, { q })).not.toContain(closed!.ref);
    expect(await refsOf(agent, { q, status: "completed" })).toEqual([closed!.ref]);
    expect(await refsOf(agent, { q, status: "all" })).toContain(closed!.ref);
    expect(await refsOf(agent, { q, type: "access" })).toEqual([open!.ref]);
    expect(await refsOf(agent, { q, assignee: "mine" })).toEqual([mine!.ref]);
    expect(await refsOf(manager, { q, assignee: otherAgent.id })).toEqual([theirs!.ref]);
    expect(await refsOf(agent, { q, assignee: "unassigned" })).not.toContain(mine!.ref);
    expect(await refsOf(agent, { q, from: earlyDay, to: earlyDay })).toEqual([earlyReq!.ref]);
    expect(await refsOf(agent, { q, from: addCalendarDays(earlyDay, -1), to: addCalendarDays(earlyDay, -1) })).toEqual([]);
    expect(await refsOf(agent, { q, from: addCalendarDays(earlyDay, 1), to: addCalendarDays(shanghaiDateOf(lateAt), -1) })).not.toContain(late!.ref);
    expect(await refsOf(agent, { q, from: shanghaiDateOf(lateAt), to: TODAY })).toContain(late!.ref);
    expect(await refsOf(agent, { q, acting: true })).toEqual([acting!.ref]);
    // 待核验: the request for the child whose proofs staff have not accepted yet.
    expect(await refsOf(agent, { q, unverified: true })).toEqual([acting!.ref]);
    // Marked provisional, and any open one whose deadline is counted into a year with no notice loaded (near and after the end of 2026).
    const provisionalRefs = inserted.filter((r) => r.provisional && r.closedAt === null).map((r) => r.ref);
    expect(provisionalRefs).toContain(provisional!.ref);
    expect((await refsOf(agent, { q, provisional: true })).sort()).toEqual(provisionalRefs.sort());
    // Flagged when filed (lib/requests/create.ts): the later correction repeats the earlier one.
    expect(await refsOf(agent, { q, repeat: true })).toEqual([late!.ref]);
    // Every status, by due date: one walk per status, merged.
    const all = await listQueue(db, agent, view({ q, status: "all" }), slaBounds(bundledIndex(), NOW));
    const sorted = [...all.rows].sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime() || (x.ref < y.ref ? -1 : 1));
    expect(all.rows.map((r) => r.ref)).toEqual(sorted.map((r) => r.ref));
    expect(all.rows.map((r) => r.ref)).toContain(closed!.ref);
    expect(all.rows).toHaveLength(8);
  });

  it("finds a request by its number whatever year it was received in, through the reference's index", async () => {
    const p = await makeUser(db, "patient");
    const [early, late] = await insertRequests(db, p, [
      { type: "access", receivedAt: new Date("2024-03-04T02:00:00Z") },
      { type: "complaint", receivedAt: new Date("2029-06-01T02:00:00Z") },
    ]);
    expect(early!.ref).toMatch(/^DSR-2024-/);
    for (const r of [early!, late!]) {
      const number = r.ref.split("-")[2]!;
      expect(await refsOf(agent, { q: number, status: "all" }), r.ref).toEqual([r.ref]);
      // Without its leading zeros too, as people type it.
      expect(await refsOf(agent, { q: String(Number(number)), status: "all" }), r.ref).toEqual([r.ref]);
    }
  });

  it("finds a request by reference, phone or name", async () => {
    const p = await makeUser(db, "patient", { phone: "19931000011", displayName: "赵大夫" });
    const [a, b] = await insertRequests(db, p, [
      { type: "access", extra: { subjectName: "李四" } },
      { type: "consent", extra: { subjectName: "张三丰", subjectPhone: "19931000012", relationship: "authorised_agent" } },
    ]);
    expect(await refsOf(agent, { q: a!.ref })).toEqual([a!.ref]);
    expect(await refsOf(agent, { q: a!.ref.toLowerCase() })).toEqual([a!.ref]);
    expect(await refsOf(agent, { q: a!.ref.slice(-6) })).toEqual([a!.ref]);
    expect(await refsOf(agent, { q: "19931000012" })).toEqual([b!.ref]);
    // The requester's phone finds what they filed for others too.
    expect((await refsOf(agent, { q: "19931000011" })).sort()).toEqual([a!.ref, b!.ref].sort());
    expect(await refsOf(agent, { q: "三丰" })).toEqual([b!.ref]);
    expect((await refsOf(agent, { q: "赵大夫" })).sort()).toEqual([a!.ref, b!.ref].sort());
    expect(await refsOf(agent, { q: "100%_" })).toEqual([]);
  });

  it("sorts by due date (default), received or last update, and pages 50 at a time", async () => {
    const p = await makeUser(db, "patient", { phone: "19931000021" });
    const base = daysFrom(NOW, -8).getTime();
    const rows = await insertRequests(
      db,
      p,
      Array.from({ length: 60 }, (_, i) => ({
        type: i % 2 ? ("access" as const) : ("consent" as const),
        receivedAt: new Date(base + i * 3_600_000),
        extra: { updatedAt: new Date(base + (60 - i) * 7_200_000) },
      })),
    );
    const q = "19931000021";
    const byDue = [...rows].sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime() || (x.ref < y.ref ? -1 : 1)).map((r) => r.ref);
    const page1 = await listQueue(db, agent, view({ q }), slaBounds(bundledIndex(), NOW));
    expect(page1.rows).toHaveLength(50);
    expect(page1.hasNext).toBe(true);
    const page2 = await listQueue(db, agent, view({ q, page: 2 }), slaBounds(bundledIndex(), NOW));
    expect(page2.rows).toHaveLength(10);
    expect(page2.hasNext).toBe(false);
    expect([...page1.rows, ...page2.rows].map((r) => r.ref)).toEqual(byDue);
    expect((await refsOf(agent, { q, sort: "received", dir: "desc" }))[0]).toBe(rows[59]!.ref);
    expect((await refsOf(agent, { q, sort: "updated", dir: "desc" }))[0]).toBe(rows[0]!.ref);
    expect(await refsOf(agent, { q, page: 3 })).toEqual([]);
    // The merged walk over every status pages the same way.
    const allPage2 = await listQueue(db, agent, view({ q, status: "all", page: 2 }), slaBounds(bundledIndex(), NOW));
    expect(allPage2.rows.map((r) => r.ref)).toEqual(byDue.slice(50));
  });

  it("filters and counts by SLA state exactly as slaStatus judges each request, paused ones as of their pause", async () => {
    const p = await makeUser(db, "patient", { phone: "19931000031" });
    const index = bundledIndex();
    const types = ["access", "correction", "deletion", "complaint"] as const;
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const start = daysFrom(NOW, -61).getTime();
    const span = NOW.getTime() - start;
    const specs = Array.from({ length: 160 }, (_, i) => {
      const receivedAt = new Date(start + Math.floor(rnd() * span));
      const paused = i % 3 === 0;
      const pausedAt = paused ? new Date(receivedAt.getTime() + Math.floor(rnd() * (NOW.getTime() - receivedAt.getTime()))) : null;
      return {
        type: types[i % types.length],
        receivedAt,
        pausedWorkingDays: i % 5 === 0 ? Math.floor(rnd() * 4) : 0,
        extra: paused
          ? { status: "awaiting_requester" as const, pausedAt, pauseReason: "clarification" as const }
          : { status: "in_progress" as const },
      };
    });
    const rows = await insertRequests(db, p, specs);
    // Now, earlier (with fewer requests received), at the last millisecond of a Shanghai day, and two weeks on.
    for (const now of [NOW, daysFrom(NOW, -19), endOfShanghaiDay(addCalendarDays(TODAY, -11)), daysFrom(NOW, 13)]) {
      const expected = { on_track: [] as string[], at_risk: [] as string[], overdue: [] as string[] };
      for (const r of rows) {
        if (r.receivedAt > now) continue;
        const { state } = slaStatus(r, now, index);
        expected[state as keyof typeof expected].push(r.ref);
      }
      const q = "19931000031";
      const visible = (refs: string[]) => refs.filter((ref) => rows.find((r) => r.ref === ref)!.receivedAt <= now);
      const counts = await countQueueBySla(db, agent, view({ q }), slaBounds(index, now));
      for (const state of ["on_track", "at_risk", "overdue"] as const) {
        const got: string[] = [];
        for (let page = 1; ; page++) {
          const res = await listQueue(db, agent, view({ q, sla: state, page }), slaBounds(index, now));
          got.push(...visible(res.rows.map((r) => r.ref)));
          if (!res.hasNext) break;
        }
        expect(got.sort(), `${state} at ${now.toISOString()}`).toEqual(expected[state].sort());
      }
      // "attention" (the built-in view "my at-risk"): at risk or overdue.
      const attention: string[] = [];
      for (let page = 1; ; page++) {
        const res = await listQueue(db, agent, view({ q, sla: "attention", page }), slaBounds(index, now));
        attention.push(...visible(res.rows.map((r) => r.ref)));
        if (!res.hasNext) break;
      }
      expect(attention.sort(), `attention at ${now.toISOString()}`).toEqual([...expected.at_risk, ...expected.overdue].sort());
      // The counts cover every open row of the filter (rows "received later" included), split into the three states.
      expect(counts.on_track + counts.at_risk + counts.overdue).toBe(rows.length);
      if (now === NOW) for (const state of ["on_track", "at_risk", "overdue"] as const) expect(expected[state].length, state).toBeGreaterThan(5);
      if (now === NOW)
        expect(counts).toEqual({ on_track: expected.on_track.length, at_risk: expected.at_risk.length, overdue: expected.overdue.length });
    }
  });

  it("bad URL values are ignored and named, never a crash", () => {
    const { filters, ignored } = parseQueueFilters({
      status: "hacked",
      type: "access' or 1=1",
      sla: "green",
      assignee: "someone",
      from: "2026-02-30",
      to: "yesterday",
      page: "-1",
      sort: "name",
      dir: "sideways",
      acting: "maybe",
      q: "x".repeat(500),
    });
    expect(filters).toEqual(DEFAULT_QUEUE_FILTERS);
    expect(ignored.sort()).toEqual(["acting", "assignee", "dir", "from", "page", "q", "sla", "sort", "status", "to", "type"].sort());
    expect(parseQueueFilters({ from: "2026-10-10", to: "2026-10-01" }).ignored).toEqual(["from", "to"]);
    // Hostile values that used to reach PostgreSQL and answer 500: NUL in a search, years no one means.
    for (const [name, value] of [
      ["q", "a\u0000b"],
      ["q", "abc\u202Etxt"],
      ["q", "a\nb"],
      ["from", "0000-01-01"],
      ["to", "9999-12-31"],
      ["from", "1999-12-31"],
      ["to", "2101-01-01"],
    ] as const) {
      const parsed = parseQueueFilters({ [name]: value });
      expect(parsed.filters, `${name}=${JSON.stringify(value)}`).toEqual(DEFAULT_QUEUE_FILTERS);
      expect(parsed.ignored).toEqual([name]);
    }
    expect(parseQueueFilters({ from: "2000-01-01", to: "2100-12-31", q: "王 138" }).filters).toMatchObject({
      from: "2000-01-01",
      to: "2100-12-31",
      q: "王 138",
    });
    expect(parseQueueFilters({ page: ["3", "4"], status: "awaiting_requester", repeat: "1" }).filters).toMatchObject({
      page: 3,
      status: "awaiting_requester",
      repeat: true,
    });
  });

  it("reads sort and dir from the URL: each sort's own direction unless asked, an unknown one named and the default used", () => {
    expect(parseQueueFilters({}).filters).toMatchObject({ sort: "due", dir: "asc" });
    expect(parseQueueFilters({ sort: "received" }).filters).toMatchObject({ sort: "received", dir: "desc" });
    expect(parseQueueFilters({ sort: "received", dir: "asc" }).filters).toMatchObject({ sort: "received", dir: "asc" });
    expect(parseQueueFilters({ sort: "assignee", dir: "desc" }).filters).toMatchObject({ sort: "assignee", dir: "desc" });
    expect(parseQueueFilters({ sort: "status", dir: "up" })).toEqual({
      filters: { ...DEFAULT_QUEUE_FILTERS, sort: "status", dir: "asc" },
      ignored: ["dir"],
    });
    expect(parseQueueFilters({ sort: "ref; drop", dir: "desc" })).toEqual({ filters: { ...DEFAULT_QUEUE_FILTERS, dir: "desc" }, ignored: ["sort"] });
    // Round trip: the query string leaves out the sort's own direction and keeps the other.
    for (const sort of QUEUE_SORTS)
      for (const dir of QUEUE_DIRS) {
        const f = view({ sort, dir, status: "all" });
        const qs = queueQueryString(f);
        expect(qs.includes("dir="), qs).toBe(dir !== DEFAULT_DIR[sort]);
        expect(parseQueueFilters(Object.fromEntries(new URLSearchParams(qs))).filters).toEqual(f);
      }
    // A header: its own direction first, the other on a second click, always from the first page.
    expect(sortedBy(view({ page: 3 }), "received")).toEqual({ sort: "received", dir: "desc", page: 1 });
    expect(sortedBy(view({ sort: "received", dir: "desc" }), "received")).toEqual({ sort: "received", dir: "asc", page: 1 });
    expect(sortedBy(view({}), "due")).toEqual({ sort: "due", dir: "desc", page: 1 });
  });

  it("sorts by every column both ways, the reference breaking ties, so paging never repeats or skips a row", async () => {
    const p = await makeUser(db, "patient", { phone: "19931000041" });
    const alice = await makeUser(db, "agent", { displayName: "Alice Sorter" });
    const bob = await makeUser(db, "agent", { displayName: "Bob Sorter" });
    const base = daysFrom(NOW, -12).getTime();
    const types = ["deletion", "access", "complaint", "correction"] as const;
    const statuses = ["in_progress", "submitted", "completed"] as const;
    // 110 requests (three pages) with many equal values in every column, so the tiebreak decides a lot.
    const rows = await insertRequests(
      db,
      p,
      Array.from({ length: 110 }, (_, i) => {
        const status = statuses[i % 3]!;
        const receivedAt = new Date(base + (i % 7) * 3_600_000);
        return {
          type: types[i % 4],
          receivedAt,
          extra: {
            status,
            closedAt: status === "completed" ? daysFrom(NOW, -1) : null,
            assigneeId: [alice.id, null, bob.id, null, alice.id][i % 5],
            updatedAt: new Date(base + (i % 4) * 7_200_000),
          },
        };
      }),
    );
    const names = new Map([
      [alice.id, "Alice Sorter"],
      [bob.id, "Bob Sorter"],
    ]);
    const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
    const time = (d: Date) => d.getTime();
    const key: Record<QueueSort, (r: (typeof rows)[number]) => string | number> = {
      due: (r) => time(r.dueAt),
      received: (r) => time(r.receivedAt),
      updated: (r) => time(r.updatedAt),
      type: (r) => REQUEST_TYPES.indexOf(r.type),
      status: (r) => REQUEST_STATUSES.indexOf(r.status),
      // Unassigned after the names A→Z: "\uffff" sorts after any name here.
      assignee: (r) => (r.assigneeId ? names.get(r.assigneeId)! : "\uffff"),
    };
    const q = "19931000041";
    for (const sort of QUEUE_SORTS)
      for (const dir of QUEUE_DIRS) {
        const sign = dir === "asc" ? 1 : -1;
        const expected = [...rows]
          .sort((a, b) => {
            const primary = sign * cmp(key[sort](a), key[sort](b));
            if (primary) return primary;
            if (sort === "due" || sort === "received" || sort === "updated") return sign * cmp(a.ref, b.ref);
            return cmp(time(a.dueAt), time(b.dueAt)) || cmp(a.ref, b.ref);
          })
          .map((r) => r.ref);
        const got: QueueRow[] = [];
        for (let page = 1; ; page++) {
          const res = await listQueue(db, agent, view({ q, status: "all", sort, dir, page }), slaBounds(bundledIndex(), NOW));
          got.push(...res.rows);
          if (!res.hasNext) break;
        }
        const refs = got.map((r) => r.ref);
        expect(new Set(refs).size, `${sort} ${dir}`).toBe(rows.length);
        expect(refs, `${sort} ${dir}`).toEqual(expected);
      }
    // The open requests alone (the default view's index walk), latest deadline first.
    const open = rows.filter((r) => r.status !== "completed");
    const openDesc = [...open].sort((a, b) => -cmp(time(a.dueAt), time(b.dueAt)) || -cmp(a.ref, b.ref)).map((r) => r.ref);
    const first = await listQueue(db, agent, view({ q, dir: "desc" }), slaBounds(bundledIndex(), NOW));
    expect(first.rows.map((r) => r.ref)).toEqual(openDesc.slice(0, QUEUE_PAGE_SIZE));
  });

  it("totals: the SLA counts give an open view's total, one more count the rest; pages are ceil(total / 50)", async () => {
    const p = await makeUser(db, "patient", { phone: "19931000051" });
    const rows = await insertRequests(
      db,
      p,
      Array.from({ length: 57 }, (_, i) => ({
        type: i % 2 ? ("access" as const) : ("deletion" as const),
        receivedAt: daysFrom(NOW, -(i % 20)),
        extra: i % 4 === 0 ? { status: "completed" as const, closedAt: daysFrom(NOW, -1) } : {},
      })),
    );
    const q = "19931000051";
    const bounds = slaBounds(bundledIndex(), NOW);
    const listed = async (f: Partial<QueueFilters>) => {
      let n = 0;
      for (let page = 1; ; page++) {
        const res = await listQueue(db, agent, view({ q, ...f, page }), bounds);
        n += res.rows.length;
        if (!res.hasNext) return n;
      }
    };
    for (const f of [
      {},
      { status: "all" },
      { status: "completed" },
      { status: "in_progress" },
      { type: "access" },
      { sla: "overdue" },
      { sla: "on_track", type: "deletion" },
      { status: "completed", sla: "at_risk" },
    ] as Partial<QueueFilters>[]) {
      const filters = view({ q, ...f });
      const counts = await countQueueBySla(db, agent, filters, bounds);
      const own = slaCountsGiveTotal(filters) ? null : await countQueue(db, agent, filters);
      const { total, pages } = queueTotals(filters, counts, own);
      expect(total, JSON.stringify(f)).toBe(await listed(f));
      expect(pages).toBe(Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)));
      // Where the SLA counts give it, a second count agrees (ruling out that they were only used by luck).
      if (own === null && !filters.sla) expect(await countQueue(db, agent, filters)).toBe(totalFromSlaCounts(filters, counts));
    }
    expect(rows.filter((r) => r.status !== "completed")).toHaveLength(42);
    expect(queueTotals(view({ q }), await countQueueBySla(db, agent, view({ q }), bounds), null)).toEqual({ total: 42, pages: 1 });
    const all = view({ q, status: "all" });
    expect(slaCountsGiveTotal(all)).toBe(false);
    expect(queueTotals(all, await countQueueBySla(db, agent, all, bounds), await countQueue(db, agent, all))).toEqual({ total: 57, pages: 2 });
    expect(queueTotals(view({}), { on_track: 0, at_risk: 0, overdue: 0 }, null)).toEqual({ total: 0, pages: 1 });
    await expect(countQueue(db, await makeUser(db, "patient"), all)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("lists staff (never patients) for the assignee filter", async () => {
    const staff = await listStaff(db, agent);
    expect(staff.map((s) => s.id)).toEqual(expect.arrayContaining([agent.id, otherAgent.id, manager.id]));
    expect(staff.every((s) => s.role !== "patient")).toBe(true);
  });
});
