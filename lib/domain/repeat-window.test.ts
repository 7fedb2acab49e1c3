import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { earlierSameRequests } from "@/lib/requests/repeats";
import { formatShanghaiInstant } from "@/lib/sla/shanghai";
import { createPatient, createStaff, fileRequest } from "@/lib/testing/factories";
import { createTestDb } from "@/test/db";
import { isWithinRepeatWindow, repeatWindowStart } from "./repeat-window";

const sh = (local: string) => new Date(`${local}+08:00`);
const startOf = (local: string) => formatShanghaiInstant(repeatWindowStart(sh(local)));
const DAY = 86_400_000;

describe("the §8.7 repeat window: 12 calendar months in Asia/Shanghai", () => {
  it.each([
    ["2026-11-20T10:00:00.000", "2025-11-20T10:00:00.000+08:00"],
    ["2026-03-31T23:59:59.999", "2025-03-31T23:59:59.999+08:00"],
    ["2026-01-01T00:00:00.000", "2025-01-01T00:00:00.000+08:00"],
    ["2026-12-31T23:59:59.999", "2025-12-31T23:59:59.999+08:00"],
    // Month ends: 28 Feb stays 28 Feb, 1 March stays 1 March, across a leap year or not.
    ["2025-02-28T10:00:00.000", "2024-02-28T10:00:00.000+08:00"],
    ["2025-03-01T10:00:00.000", "2024-03-01T10:00:00.000+08:00"],
    ["2024-03-01T10:00:00.000", "2023-03-01T10:00:00.000+08:00"],
    // Leap day: the year before has no 29 February, so the window opens on the 28th.
    ["2028-02-29T10:00:00.000", "2027-02-28T10:00:00.000+08:00"],
    ["2024-02-29T23:59:59.999", "2023-02-28T23:59:59.999+08:00"],
    ["2029-03-01T00:00:00.000", "2028-03-01T00:00:00.000+08:00"],
    // The Shanghai date counts, not the UTC one: 01:00 on 29 Feb in Shanghai is still 28 Feb in UTC.
    ["2028-02-29T01:00:00.000", "2027-02-28T01:00:00.000+08:00"],
    ["2028-03-01T07:59:59.999", "2027-03-01T07:59:59.999+08:00"],
  ])("a request received %s (Shanghai) repeats one received from %s", (now, start) => {
    expect(startOf(now)).toBe(start);
  });

  it("is 365 days long, or 366 when it holds a 29 February", () => {
    const len = (local: string) => (sh(local).getTime() - repeatWindowStart(sh(local)).getTime()) / DAY;
    expect(len("2026-11-20T10:00:00")).toBe(365);
    expect(len("2025-02-28T10:00:00")).toBe(366); // holds 29 Feb 2024
    expect(len("2025-03-01T10:00:00")).toBe(365);
    expect(len("2024-03-01T10:00:00")).toBe(366);
    expect(len("2024-02-28T10:00:00")).toBe(365);
    expect(len("2028-02-29T10:00:00")).toBe(366);
  });

  it("keeps the Shanghai time of day and the day of the month (clamped to the month's end)", () => {
    const instant = fc.integer({ min: Date.parse("1995-01-01T00:00:00Z"), max: Date.parse("2099-12-31T00:00:00Z") }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, (now) => {
        const start = repeatWindowStart(now);
        const [n, s] = [formatShanghaiInstant(now), formatShanghaiInstant(start)];
        expect(s.slice(10)).toBe(n.slice(10));
        expect(Number(s.slice(0, 4))).toBe(Number(n.slice(0, 4)) - 1);
        expect(s.slice(5, 7)).toBe(n.slice(5, 7));
        expect(s.slice(8, 10)).toBe(n.slice(5, 10) === "02-29" ? "28" : n.slice(8, 10));
        expect([365, 366]).toContain((now.getTime() - start.getTime()) / DAY);
      }),
      { numRuns: 3000 },
    );
  });

  it("counts an earlier request from the window's first millisecond up to now", () => {
    const now = sh("2025-02-28T10:00:00");
    expect(isWithinRepeatWindow(sh("2024-02-28T10:00:00"), now)).toBe(true);
    expect(isWithinRepeatWindow(new Date(sh("2024-02-28T10:00:00").getTime() - 1), now)).toBe(false);
    expect(isWithinRepeatWindow(now, now)).toBe(true);
    expect(isWithinRepeatWindow(new Date(now.getTime() + 1), now)).toBe(false);
  });

  it("refuses an invalid date", () => {
    expect(() => repeatWindowStart(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("the repeat window on the database", () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const t = await createTestDb();
    db = t.handle.db;
    cleanup = t.cleanup;
  });
  afterAll(() => cleanup());

  it("is what PostgreSQL computes for `interval '12 months'` in Asia/Shanghai", async () => {
    const edges = ["2028-02-29T01:00:00", "2028-02-29T10:00:00", "2024-02-29T23:59:59.999", "2025-02-28T10:00:00", "2026-01-01T00:00:00"].map(sh);
    const random = fc.sample(fc.integer({ min: Date.parse("2000-01-01T00:00:00Z"), max: Date.parse("2060-01-01T00:00:00Z") }), {
      numRuns: 500,
      seed: 8,
    });
    const instants = [...edges, ...random.map((ms) => new Date(ms))];
    const rows = rowsOf<{ ms: string }>(
      await db.execute(sql`
        select (extract(epoch from ((x::timestamptz at time zone 'Asia/Shanghai') - interval '12 months') at time zone 'Asia/Shanghai') * 1000)::bigint::text as ms
        from jsonb_array_elements_text(${JSON.stringify(instants.map((d) => d.toISOString()))}::jsonb) with ordinality as u(x, i)
        order by i`),
    );
    expect(rows.map((r) => Number(r.ms))).toEqual(instants.map((d) => repeatWindowStart(d).getTime()));
  });

  it("flags a request as a repeat when filed, and lists the earlier one for staff, by the same window", async () => {
    const agent = await createStaff(db, "agent", { now: sh("2024-01-01T09:00:00") });
    const now = sh("2025-02-28T10:00:00"); // the window opens 2024-02-28 10:00, 366 days earlier
    const filed = async (earlier: Date) => {
      const p = await createPatient(db, { now: sh("2024-01-01T09:00:00") });
      const first = await fileRequest(db, p, { type: "consent", consents: ["marketing"] }, { now: earlier });
      const second = await fileRequest(db, p, { type: "consent", consents: ["device_location"] }, { now });
      return { first, second, listed: (await earlierSameRequests(db, agent.actor, second)).map((r) => r.ref) };
    };
    const atStart = await filed(sh("2024-02-28T10:00:00"));
    expect(atStart.second.isRepeat).toBe(true);
    expect(atStart.listed).toEqual([atStart.first.ref]);
    const justBefore = await filed(new Date(sh("2024-02-28T10:00:00").getTime() - 1));
    expect(justBefore.second.isRepeat).toBe(false);
    expect(justBefore.listed).toEqual([]);
  });
});
