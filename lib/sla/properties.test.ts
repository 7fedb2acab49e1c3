/** fast-check properties of the deadline engine. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { computeDeadline } from "./deadline";
import { addCalendarDays, dayNumber, formatShanghaiInstant, fromDayNumber, shanghaiDateOf } from "./shanghai";
import { bundledIndex } from "./test-helpers";

const ix = bundledIndex();
const FROM = Date.parse("2024-01-01T00:00:00+08:00");
const TO = Date.parse("2027-01-01T00:00:00+08:00");
const instant = fc.integer({ min: FROM, max: TO - 1 }).map((ms) => new Date(ms));
const wide = fc.integer({ min: Date.parse("2000-01-01T00:00:00+08:00"), max: Date.parse("2059-06-01T00:00:00+08:00") });
const days = fc.integer({ min: 1, max: 60 });
const policy = fc
  .tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 30 }))
  .map(([t, extra]) => ({ targetWorkingDays: t, dueWorkingDays: t + extra }));
const RUNS = { numRuns: 3000 };

/** Reference: walk day by day. */
function naiveAdd(date: string, n: number): string {
  let d = date;
  for (let k = 0; k < n;) {
    d = addCalendarDays(d, 1);
    if (ix.isWorkingDay(d)) k++;
  }
  return d;
}

describe("deadline properties", () => {
  it("a deadline always falls on a working day, at 23:59:59.999 Shanghai", () => {
    fc.assert(
      fc.property(instant, policy, fc.integer({ min: 0, max: 20 }), (at, p, paused) => {
        const d = computeDeadline(at, p, ix, paused);
        expect(ix.isWorkingDay(d.dueDate)).toBe(true);
        expect(ix.isWorkingDay(d.targetDate)).toBe(true);
        expect(formatShanghaiInstant(d.dueAt)).toBe(`${d.dueDate}T23:59:59.999+08:00`);
        expect(shanghaiDateOf(d.dueAt)).toBe(d.dueDate);
        expect(d.receivedDate).toBe(shanghaiDateOf(at));
        expect(d.dueAt.getTime()).toBeGreaterThan(at.getTime());
      }),
      RUNS,
    );
  });

  it("never moves earlier when receipt moves later", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 * 86_400_000 }), policy, (at, delta, p) => {
        const later = new Date(Math.min(at.getTime() + delta, TO - 1));
        const a = computeDeadline(at, p, ix);
        const b = computeDeadline(later, p, ix);
        expect(b.dueAt.getTime()).toBeGreaterThanOrEqual(a.dueAt.getTime());
        expect(b.targetAt.getTime()).toBeGreaterThanOrEqual(a.targetAt.getTime());
      }),
      RUNS,
    );
  });

  it("N+1 working days is strictly later than N", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), (at, n) => {
        const a = computeDeadline(at, { targetWorkingDays: n, dueWorkingDays: n }, ix);
        const b = computeDeadline(at, { targetWorkingDays: n + 1, dueWorkingDays: n + 1 }, ix);
        expect(b.dueAt.getTime()).toBeGreaterThan(a.dueAt.getTime());
        expect(ix.workingDaysBetween(a.dueDate, b.dueDate)).toBe(1);
      }),
      RUNS,
    );
  });

  it("counts exactly N (+ paused) working days after the receipt date, like a day-by-day walk", () => {
    fc.assert(
      fc.property(wide, days, fc.integer({ min: 0, max: 10 }), (ms, n, paused) => {
        const at = new Date(ms);
        const d = computeDeadline(at, { targetWorkingDays: n, dueWorkingDays: n }, ix, paused);
        expect(ix.workingDaysBetween(d.receivedDate, d.dueDate)).toBe(n + paused);
        expect(d.dueDate).toBe(naiveAdd(d.receivedDate, n + paused));
        // provisional exactly when a day of the counting window lies in a year without a notice
        const years = new Set<number>();
        for (let x = addCalendarDays(d.receivedDate, 1); x <= d.dueDate; x = addCalendarDays(x, 1)) years.add(Number(x.slice(0, 4)));
        expect(d.provisional).toBe([...years].some((y) => !ix.isLoadedYear(y)));
      }),
      { numRuns: 1500 },
    );
  });

  it("workingDaysBetween is additive and antisymmetric", () => {
    const date = fc.integer({ min: dayNumber("2000-01-01"), max: dayNumber("2060-12-31") }).map(fromDayNumber);
    fc.assert(
      fc.property(date, date, date, (a, b, c) => {
        expect(ix.workingDaysBetween(a, b) + ix.workingDaysBetween(b, c)).toBe(ix.workingDaysBetween(a, c));
        expect(ix.workingDaysBetween(b, a) + ix.workingDaysBetween(a, b)).toBe(0);
      }),
      RUNS,
    );
  });

  it("pauses are additive: one long pause = the pauses it is split into", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (at, x, y) => {
        const a = ix.addWorkingDays(ix.addWorkingDays(shanghaiDateOf(at), x), y);
        expect(a).toBe(ix.addWorkingDays(shanghaiDateOf(at), x + y));
      }),
      RUNS,
    );
  });
});
