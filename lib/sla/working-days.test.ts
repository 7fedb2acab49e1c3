import { describe, expect, it } from "vitest";
import { buildWorkingDayIndex } from "./working-days";
import { loadBundledCalendarYears } from "./calendar-file";
import { addCalendarDays, weekdayOf } from "./shanghai";
import { bundledIndex } from "./test-helpers";

const ix = bundledIndex();

describe("isWorkingDay across 2024–2026", () => {
  it("every day of the bundled notices: holidays off, make-up days working", () => {
    for (const f of loadBundledCalendarYears()) {
      for (const d of f.days) expect(ix.isWorkingDay(d.date), d.date).toBe(d.kind === "makeup_workday");
    }
  });

  it.each([
    ["2024-02-09", true], // 除夕 2024: a Friday, working under the 2024 notice
    ["2024-02-18", true], // make-up Sunday
    ["2024-02-17", false], // Saturday inside 春节
    ["2024-02-19", true],
    ["2024-06-08", false], // ordinary Saturday before 端午
    ["2024-06-10", false], // 端午
    ["2024-09-14", true], // make-up Saturday
    ["2025-01-01", false],
    ["2025-01-02", true],
    ["2025-01-26", true], // make-up Sunday
    ["2025-10-06", false], // 中秋 inside 国庆
    ["2025-10-09", true],
    ["2025-10-11", true], // make-up Saturday
    ["2025-10-12", false], // ordinary Sunday
    ["2026-01-03", false], // Saturday inside 元旦
    ["2026-01-04", true], // make-up Sunday
    ["2026-02-13", true],
    ["2026-02-14", true], // make-up Saturday
    ["2026-02-23", false], // Monday, last day of 春节
    ["2026-02-24", true],
    ["2026-03-07", false], // ordinary Saturday
    ["2026-05-09", true],
    ["2026-09-20", true],
    ["2026-10-08", true],
    ["2026-10-10", true],
  ])("%s working = %s", (d, working) => {
    expect(ix.isWorkingDay(d)).toBe(working);
  });

  it.each([
    [2024, 251],
    [2025, 248],
    [2026, 248],
  ])("%i has %i working days", (y, n) => {
    expect(ix.workingDaysBetween(`${y - 1}-12-31`, `${y}-12-31`)).toBe(n);
  });
});

describe("addWorkingDays / workingDaysBetween", () => {
  it.each([
    // [date, n, expected]: the n-th working day strictly after date
    ["2026-02-13", 0, "2026-02-13"],
    ["2026-02-15", 0, "2026-02-15"], // n = 0 returns the date even on a holiday
    ["2026-02-13", 1, "2026-02-14"], // make-up Saturday
    ["2026-02-13", 2, "2026-02-24"], // then the whole 春节 block is skipped
    ["2026-02-14", 1, "2026-02-24"],
    ["2026-02-20", 1, "2026-02-24"],
    ["2026-02-27", 1, "2026-02-28"], // make-up Saturday
    ["2026-02-28", 1, "2026-03-02"],
    ["2026-09-30", 1, "2026-10-08"],
    ["2026-10-09", 1, "2026-10-10"],
    ["2025-12-31", 1, "2026-01-04"], // make-up Sunday after 元旦
    ["2024-02-08", 2, "2024-02-18"], // 2/9 working, 2/10–17 off, Sunday 2/18 working
    ["2025-09-26", 3, "2025-09-30"], // Sun 9/28 make-up, 9/29, 9/30
    ["2025-09-30", 1, "2025-10-09"],
  ])("addWorkingDays(%s, %i) = %s", (d, n, out) => {
    expect(ix.addWorkingDays(d, n)).toBe(out);
    if (n > 0) expect(ix.workingDaysBetween(d, out)).toBe(n);
  });

  it("workingDaysBetween counts a < d ≤ b and is antisymmetric", () => {
    expect(ix.workingDaysBetween("2026-02-13", "2026-02-24")).toBe(2); // 14 (make-up), 24
    expect(ix.workingDaysBetween("2026-02-24", "2026-02-13")).toBe(-2);
    expect(ix.workingDaysBetween("2026-02-14", "2026-02-14")).toBe(0);
    expect(ix.workingDaysBetween("2026-02-14", "2026-02-23")).toBe(0);
    expect(ix.workingDaysBetween("2026-03-12", "2026-03-13")).toBe(1);
    expect(ix.workingDaysBetween("2026-03-13", "2026-03-12")).toBe(-1);
    expect(ix.workingDaysBetween("2026-03-14", "2026-03-13")).toBe(0); // d ∈ (13, 14]: Saturday
  });

  it("rejects negative or fractional counts", () => {
    expect(() => ix.addWorkingDays("2026-02-13", -1)).toThrow(RangeError);
    expect(() => ix.addWorkingDays("2026-02-13", 1.5)).toThrow(RangeError);
    expect(() => ix.addWorkingDays("2026-02-13", Number.NaN)).toThrow(RangeError);
  });
});

describe("range", () => {
  it("defaults to 2000–2060 and throws a clear RangeError outside", () => {
    expect(ix.fromYear).toBe(2000);
    expect(ix.toYear).toBe(2060);
    expect(ix.isWorkingDay("2000-01-03")).toBe(true);
    expect(ix.isWorkingDay("2060-12-31")).toBe(true); // a Friday
    expect(() => ix.isWorkingDay("1999-12-31")).toThrow(/1999-12-31 is outside the working-day calendar \(2000-01-01 – 2060-12-31\)/);
    expect(() => ix.isWorkingDay("2061-01-01")).toThrow(RangeError);
    expect(() => ix.workingDaysBetween("1999-12-31", "2026-01-01")).toThrow(RangeError);
    expect(() => ix.addWorkingDays("2060-12-30", 2)).toThrow(RangeError);
    expect(ix.addWorkingDays("2060-12-30", 1)).toBe("2060-12-31");
    expect(() => ix.isWorkingDay("2026-02-30")).toThrow(RangeError);
  });

  it("honours a custom range", () => {
    const small = buildWorkingDayIndex({ days: [], loadedYears: [], fromYear: 2026, toYear: 2026 });
    expect(small.isWorkingDay("2026-01-05")).toBe(true);
    expect(() => small.isWorkingDay("2025-12-31")).toThrow(RangeError);
    expect(() => buildWorkingDayIndex({ days: [], loadedYears: [], fromYear: 2027, toYear: 2026 })).toThrow(RangeError);
  });
});

describe("years without a notice", () => {
  it("use weekends plus the statutory holidays, with no make-up days", () => {
    // 2027: 元旦 Fri 1/1; 除夕 + 春节 2/5–2/8 (Fri–Mon); 清明 Mon 4/5; 5/1–5/2 (Sat, Sun); 端午 Wed 6/9;
    // 中秋 Wed 9/15; 国庆 10/1–10/3 (Fri–Sun).
    for (const d of ["2027-01-01", "2027-02-05", "2027-02-08", "2027-04-05", "2027-06-09", "2027-09-15", "2027-10-01"]) {
      expect(ix.isWorkingDay(d), d).toBe(false);
    }
    for (const d of ["2027-01-04", "2027-02-04", "2027-02-09", "2027-10-04", "2027-10-08"]) {
      expect(ix.isWorkingDay(d), d).toBe(true);
    }
    expect(ix.isWorkingDay("2027-02-06")).toBe(false); // Saturday, and no make-up Saturdays in the fallback
    expect(ix.isLoadedYear(2027)).toBe(false);
    expect(ix.isLoadedYear(2026)).toBe(true);
    // 2027: 365 days from a Friday → 261 weekdays, minus weekday holidays 1/1, 2/5, 2/8, 4/5, 6/9, 9/15, 10/1.
    expect(ix.workingDaysBetween("2026-12-31", "2027-12-31")).toBe(254);
  });

  it("a loaded year replaces the fallback (recomputation after import)", () => {
    const days2027 = [
      { date: "2027-02-20", isWorkingDay: true }, // a hypothetical make-up Saturday
      { date: "2027-02-09", isWorkingDay: false },
    ];
    const withFallback = buildWorkingDayIndex({ days: days2027, loadedYears: [] });
    const loaded = buildWorkingDayIndex({ days: days2027, loadedYears: [2027] });
    expect(withFallback.isWorkingDay("2027-01-01")).toBe(false);
    expect(loaded.isWorkingDay("2027-01-01")).toBe(true); // the (fake) notice does not list it
    expect(loaded.isWorkingDay("2027-02-20")).toBe(true);
    expect(loaded.isWorkingDay("2027-02-09")).toBe(false);
    expect(withFallback.isWorkingDay("2027-02-20")).toBe(true); // explicit days always apply
  });

  it("touchesUnloadedYear", () => {
    expect(ix.touchesUnloadedYear("2024-01-01", "2026-12-31")).toBe(false);
    expect(ix.touchesUnloadedYear("2026-12-24", "2027-01-15")).toBe(true);
    expect(ix.touchesUnloadedYear("2027-01-15", "2026-12-24")).toBe(true);
    expect(ix.touchesUnloadedYear("2023-12-31", "2024-01-02")).toBe(true);
    expect(ix.touchesUnloadedYear("2070-01-01", "2070-01-02")).toBe(true); // outside the range: not loaded
    expect(ix.loadedYears()).toEqual([2024, 2025, 2026]);
  });
});

describe("input checks", () => {
  it("rejects a date listed both as working and as a day off", () => {
    expect(() =>
      buildWorkingDayIndex({
        days: [
          { date: "2026-02-14", isWorkingDay: true },
          { date: "2026-02-14", isWorkingDay: false },
        ],
        loadedYears: [2026],
      }),
    ).toThrow(/2026-02-14/);
  });

  it("rejects malformed dates and ignores days outside the range", () => {
    expect(() => buildWorkingDayIndex({ days: [{ date: "2026-2-14", isWorkingDay: true }], loadedYears: [] })).toThrow(RangeError);
    const r = buildWorkingDayIndex({ days: [{ date: "1990-01-01", isWorkingDay: false }], loadedYears: [] });
    expect(r.isWorkingDay("2026-03-02")).toBe(true);
  });

  it("agrees with a naive day-by-day count over 2000–2060", () => {
    let d = "2000-01-01";
    let count = 0;
    while (d < "2060-12-31") {
      const next = addCalendarDays(d, 1);
      if (ix.isWorkingDay(next)) count++;
      d = next;
    }
    expect(ix.workingDaysBetween("2000-01-01", "2060-12-31")).toBe(count);
    // and the plain-weekday sanity: the index never makes an ordinary weekday of a loaded year a day off
    for (const f of loadBundledCalendarYears()) {
      const listed = new Set(f.days.map((x) => x.date));
      for (let day = `${f.year}-01-01`; day <= `${f.year}-12-31`; day = addCalendarDays(day, 1)) {
        if (listed.has(day)) continue;
        const wd = weekdayOf(day);
        expect(ix.isWorkingDay(day), day).toBe(wd !== 0 && wd !== 6);
      }
    }
  });
});
