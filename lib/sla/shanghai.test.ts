import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addCalendarDays,
  dayNumber,
  endOfShanghaiDay,
  formatShanghaiInstant,
  fromDayNumber,
  isShanghaiDate,
  shanghaiDateOf,
  startOfShanghaiDay,
  weekdayOf,
  yearOf,
} from "./shanghai";

describe("shanghaiDateOf", () => {
  it.each([
    // [instant, Shanghai date]
    ["2026-02-13T16:30:00Z", "2026-02-14"], // 00:30 on the 14th in Shanghai, still the 13th in UTC
    ["2026-02-13T15:59:59.999Z", "2026-02-13"], // 23:59:59.999 on the 13th
    ["2026-02-13T16:00:00Z", "2026-02-14"], // midnight exactly
    ["2026-02-14T00:30:00+08:00", "2026-02-14"],
    ["2026-03-06T22:00:00+08:00", "2026-03-06"], // Friday evening Shanghai = Friday morning UTC
    ["2025-12-31T16:00:00Z", "2026-01-01"], // year boundary
    ["2024-02-28T16:00:00Z", "2024-02-29"], // leap day
    ["2026-02-14T00:30:00-08:00", "2026-02-14"], // 08:30Z → 16:30 Shanghai
    ["2026-02-14T20:00:00-08:00", "2026-02-15"], // 04:00Z on the 15th → 12:00 Shanghai
  ])("%s → %s", (iso, date) => {
    expect(shanghaiDateOf(new Date(iso))).toBe(date);
  });

  it("rejects an invalid Date", () => {
    expect(() => shanghaiDateOf(new Date("nope"))).toThrow(RangeError);
  });

  it("agrees with Intl (Asia/Shanghai) for random instants 1992–2100", () => {
    const fmt = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(shanghaiDateOf(new Date(ms))).toBe(fmt.format(new Date(ms)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("day numbers", () => {
  it("counts from 1970-01-01", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("1969-12-31")).toBe(-1);
    expect(dayNumber("2026-02-14")).toBe(Date.UTC(2026, 1, 14) / 86_400_000);
    expect(fromDayNumber(0)).toBe("1970-01-01");
    expect(fromDayNumber(-1)).toBe("1969-12-31");
  });

  it("round-trips and agrees with Date.UTC", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const d = fromDayNumber(n);
        expect(dayNumber(d)).toBe(n);
        expect(d).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
      }),
      { numRuns: 5000 },
    );
  });

  it.each(["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-1-1", "20260101", "", "2026-02-14T00:00"])("rejects %j", (bad) => {
    expect(isShanghaiDate(bad)).toBe(false);
    expect(() => dayNumber(bad)).toThrow(RangeError);
  });

  it("accepts leap days", () => {
    expect(isShanghaiDate("2024-02-29")).toBe(true);
    expect(isShanghaiDate("2000-02-29")).toBe(true);
    expect(isShanghaiDate("2100-02-29")).toBe(false);
  });
});

describe("weekdayOf", () => {
  it.each([
    ["1970-01-01", 4],
    ["2026-02-14", 6], // make-up Saturday
    ["2026-01-04", 0], // make-up Sunday
    ["2024-02-18", 0], // make-up Sunday (the 2024 notice: 2月18日（星期日）上班)
    ["2026-02-13", 5],
    ["2027-01-01", 5],
  ])("%s is weekday %i", (d, wd) => {
    expect(weekdayOf(d)).toBe(wd);
  });
});

describe("day boundaries and formatting", () => {
  it("endOfShanghaiDay is 23:59:59.999 +08:00", () => {
    const end = endOfShanghaiDay("2026-02-24");
    expect(end.toISOString()).toBe("2026-02-24T15:59:59.999Z");
    expect(formatShanghaiInstant(end)).toBe("2026-02-24T23:59:59.999+08:00");
    expect(shanghaiDateOf(end)).toBe("2026-02-24");
    expect(shanghaiDateOf(new Date(end.getTime() + 1))).toBe("2026-02-25");
    expect(startOfShanghaiDay("2026-02-25").getTime()).toBe(end.getTime() + 1);
  });

  it.each([
    ["2026-02-13T16:30:00.000Z", "2026-02-14T00:30:00.000+08:00"],
    ["2026-02-13T16:30:05.007Z", "2026-02-14T00:30:05.007+08:00"],
    ["2025-12-31T23:59:59.999Z", "2026-01-01T07:59:59.999+08:00"],
  ])("formatShanghaiInstant(%s) = %s", (iso, out) => {
    expect(formatShanghaiInstant(new Date(iso))).toBe(out);
    expect(new Date(out).getTime()).toBe(new Date(iso).getTime());
  });

  it("addCalendarDays and yearOf", () => {
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addCalendarDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addCalendarDays("2026-02-14", 0)).toBe("2026-02-14");
    expect(yearOf("2026-12-31")).toBe(2026);
    expect(() => addCalendarDays("2026-02-14", 0.5)).toThrow(RangeError);
  });
});
