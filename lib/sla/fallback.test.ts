import { describe, expect, it } from "vitest";
import { Solar } from "lunar-javascript";
import { statutoryHolidays } from "./fallback";
import { loadBundledCalendarYears } from "./calendar-file";
import { weekdayOf } from "./shanghai";

describe("statutoryHolidays (《全国年节及纪念日放假办法》 2024 revision)", () => {
  it("2027 matches the known lunar and solar-term dates", () => {
    // 2027 Spring Festival 2027-02-06 (eve 02-05), Qingming 04-05, Dragon Boat 06-09, Mid-Autumn 09-15.
    expect(statutoryHolidays(2027)).toEqual([
      { date: "2027-01-01", name: "元旦" },
      { date: "2027-02-05", name: "春节" },
      { date: "2027-02-06", name: "春节" },
      { date: "2027-02-07", name: "春节" },
      { date: "2027-02-08", name: "春节" },
      { date: "2027-04-05", name: "清明节" },
      { date: "2027-05-01", name: "劳动节" },
      { date: "2027-05-02", name: "劳动节" },
      { date: "2027-06-09", name: "端午节" },
      { date: "2027-09-15", name: "中秋节" },
      { date: "2027-10-01", name: "国庆节" },
      { date: "2027-10-02", name: "国庆节" },
      { date: "2027-10-03", name: "国庆节" },
    ]);
  });

  it("Spring Festival eve is the day before lunar 1/1 even when it is 腊月廿九 (2025, 2026)", () => {
    const spring = (y: number) =>
      statutoryHolidays(y)
        .filter((h) => h.name === "春节")
        .map((h) => h.date);
    expect(spring(2025)).toEqual(["2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"]);
    expect(spring(2026)).toEqual(["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19"]);
    expect(Solar.fromYmd(2025, 1, 28).getLunar().getDay()).toBe(29); // 2025: no 腊月三十
  });

  it("merges a Mid-Autumn that falls inside National Day (2028-10-03)", () => {
    const oct = statutoryHolidays(2028).filter((h) => h.date.startsWith("2028-10"));
    expect(oct).toEqual([
      { date: "2028-10-01", name: "国庆节" },
      { date: "2028-10-02", name: "国庆节" },
      { date: "2028-10-03", name: "中秋节、国庆节" },
    ]);
  });

  it("every year 2000–2060: 13 distinct days (12 when festivals coincide), Qingming on the solar term, sorted", () => {
    for (let y = 2000; y <= 2060; y++) {
      const list = statutoryHolidays(y);
      const dates = list.map((h) => h.date);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates.length === 13 || (dates.length === 12 && list.some((h) => h.name.includes("、")))).toBe(true);
      expect(dates.every((d) => d.startsWith(`${y}-`))).toBe(true);
      const qm = list.find((h) => h.name.includes("清明节"));
      expect(qm).toBeDefined();
      const [, m, d] = qm!.date.split("-").map(Number);
      expect(m).toBe(4);
      expect(Solar.fromYmd(y, 4, d!).getLunar().getJieQi()).toBe("清明");
    }
  });

  it("since the 2024 revision (from 2025) every statutory holiday is a day off in the official notice", () => {
    for (const file of loadBundledCalendarYears().filter((f) => f.year >= 2025)) {
      const off = new Set(file.days.filter((d) => d.kind === "holiday").map((d) => d.date));
      for (const h of statutoryHolidays(file.year)) expect(off.has(h.date), `${h.date} ${h.name}`).toBe(true);
    }
  });

  it("2024 (before the revision took effect) kept 除夕 2024-02-09 as a working day — the fallback would not", () => {
    const y2024 = loadBundledCalendarYears().find((f) => f.year === 2024)!;
    expect(y2024.days.some((d) => d.date === "2024-02-09")).toBe(false);
    expect(weekdayOf("2024-02-09")).toBe(5);
    expect(statutoryHolidays(2024).some((h) => h.date === "2024-02-09")).toBe(true);
  });

  it("returns copies (the cache cannot be mutated) and rejects bad years", () => {
    statutoryHolidays(2030)[0]!.date = "x";
    expect(statutoryHolidays(2030)[0]!.date).toBe("2030-01-01");
    expect(() => statutoryHolidays(2030.5)).toThrow(RangeError);
    expect(() => statutoryHolidays(2200)).toThrow(RangeError);
  });
});
