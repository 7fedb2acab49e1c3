import { describe, expect, it } from "vitest";
import {
  CALENDAR_IMPORT_ERROR_CODES,
  CalendarYearFile,
  indexInputFromCalendarYears,
  loadBundledCalendarYears,
  validateCalendarYear,
  type CalendarYearFileT,
} from "./calendar-file";
import { addCalendarDays, weekdayOf } from "./shanghai";

/** Every date from..to inclusive. */
function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

type Block = { name: string; off: [string, string]; makeup: string[] };

/** The notice's own list, as printed in the notice, expanded to days. */
function expand(blocks: Block[]): { date: string; kind: string; name: string }[] {
  return blocks
    .flatMap((b) => [
      ...range(b.off[0], b.off[1]).map((date) => ({ date, kind: "holiday", name: b.name })),
      ...b.makeup.map((date) => ({ date, kind: "makeup_workday", name: b.name })),
    ])
    .sort((a, b) => a.date.localeCompare(b.date));
}

const sorted = (f: CalendarYearFileT) => [...f.days].sort((a, b) => a.date.localeCompare(b.date));
const bundled = (year: number) => loadBundledCalendarYears().find((f) => f.year === year)!;

describe("bundled calendars equal the State Council notices", () => {
  it("2026 (国办发明电〔2025〕7号)", () => {
    // 元旦 1/1–1/3 (上班 Sun 1/4); 春节 2/15–2/23 (Sat 2/14, Sat 2/28); 清明 4/4–4/6; 劳动节 5/1–5/5 (Sat 5/9);
    // 端午 6/19–6/21; 中秋 9/25–9/27; 国庆 10/1–10/7 (Sun 9/20, Sat 10/10).
    const notice = expand([
      { name: "元旦", off: ["2026-01-01", "2026-01-03"], makeup: ["2026-01-04"] },
      { name: "春节", off: ["2026-02-15", "2026-02-23"], makeup: ["2026-02-14", "2026-02-28"] },
      { name: "清明节", off: ["2026-04-04", "2026-04-06"], makeup: [] },
      { name: "劳动节", off: ["2026-05-01", "2026-05-05"], makeup: ["2026-05-09"] },
      { name: "端午节", off: ["2026-06-19", "2026-06-21"], makeup: [] },
      { name: "中秋节", off: ["2026-09-25", "2026-09-27"], makeup: [] },
      { name: "国庆节", off: ["2026-10-01", "2026-10-07"], makeup: ["2026-09-20", "2026-10-10"] },
    ]);
    const file = bundled(2026);
    expect(file.notice).toContain("2026年部分节假日安排");
    expect(sorted(file)).toEqual(notice);
    expect(notice).toHaveLength(39);
  });

  it("2025 (国办发明电〔2024〕12号)", () => {
    const notice = expand([
      { name: "元旦", off: ["2025-01-01", "2025-01-01"], makeup: [] },
      { name: "春节", off: ["2025-01-28", "2025-02-04"], makeup: ["2025-01-26", "2025-02-08"] },
      { name: "清明节", off: ["2025-04-04", "2025-04-06"], makeup: [] },
      { name: "劳动节", off: ["2025-05-01", "2025-05-05"], makeup: ["2025-04-27"] },
      { name: "端午节", off: ["2025-05-31", "2025-06-02"], makeup: [] },
      { name: "国庆节、中秋节", off: ["2025-10-01", "2025-10-08"], makeup: ["2025-09-28", "2025-10-11"] },
    ]);
    expect(sorted(bundled(2025))).toEqual(notice);
  });

  it("2024 (国办发明电〔2023〕7号)", () => {
    const notice = expand([
      { name: "元旦", off: ["2024-01-01", "2024-01-01"], makeup: [] },
      { name: "春节", off: ["2024-02-10", "2024-02-17"], makeup: ["2024-02-04", "2024-02-18"] },
      { name: "清明节", off: ["2024-04-04", "2024-04-06"], makeup: ["2024-04-07"] },
      { name: "劳动节", off: ["2024-05-01", "2024-05-05"], makeup: ["2024-04-28", "2024-05-11"] },
      { name: "端午节", off: ["2024-06-10", "2024-06-10"], makeup: [] },
      { name: "中秋节", off: ["2024-09-15", "2024-09-17"], makeup: ["2024-09-14"] },
      { name: "国庆节", off: ["2024-10-01", "2024-10-07"], makeup: ["2024-09-29", "2024-10-12"] },
    ]);
    expect(sorted(bundled(2024))).toEqual(notice);
  });

  it("make-up days are all weekends with the weekday the notice prints", () => {
    const expected: Record<string, number> = {
      "2024-02-04": 0,
      "2024-02-18": 0,
      "2024-04-07": 0,
      "2024-04-28": 0,
      "2024-05-11": 6,
      "2024-09-14": 6,
      "2024-09-29": 0,
      "2024-10-12": 6,
      "2025-01-26": 0,
      "2025-02-08": 6,
      "2025-04-27": 0,
      "2025-09-28": 0,
      "2025-10-11": 6,
      "2026-01-04": 0,
      "2026-02-14": 6,
      "2026-02-28": 6,
      "2026-05-09": 6,
      "2026-09-20": 0,
      "2026-10-10": 6,
    };
    const makeups = loadBundledCalendarYears().flatMap((f) => f.days.filter((d) => d.kind === "makeup_workday"));
    expect(Object.fromEntries(makeups.map((d) => [d.date, weekdayOf(d.date)]))).toEqual(expected);
  });

  it("the bundled files pass the schema and are in date order", () => {
    const years = loadBundledCalendarYears();
    expect(years.map((f) => f.year)).toEqual([2024, 2025, 2026]);
    for (const f of years) {
      expect(CalendarYearFile.safeParse(f).success).toBe(true);
      expect(f.days.map((d) => d.date)).toEqual(sorted(f).map((d) => d.date));
    }
  });

  it("indexInputFromCalendarYears maps holiday → day off, make-up → working", () => {
    const input = indexInputFromCalendarYears([bundled(2026)]);
    expect(input.loadedYears).toEqual([2026]);
    expect(input.days).toContainEqual({ date: "2026-02-14", isWorkingDay: true });
    expect(input.days).toContainEqual({ date: "2026-02-16", isWorkingDay: false });
  });
});

describe("validateCalendarYear", () => {
  const base = (days: unknown[], extra: Record<string, unknown> = {}) => ({
    year: 2027,
    notice: "国办发明电〔2026〕X号",
    days,
    ...extra,
  });
  const hol = (date: string) => ({ date, kind: "holiday", name: "元旦" });
  const mk = (date: string) => ({ date, kind: "makeup_workday", name: "春节" });

  it("accepts a valid year and returns the typed value", () => {
    const r = validateCalendarYear(base([hol("2027-01-01"), mk("2027-02-20")]));
    expect(r).toEqual({ ok: true, value: base([hol("2027-01-01"), mk("2027-02-20")]) });
  });

  it.each<[string, unknown, { code: string; date?: string; index?: number }[]]>([
    ["not an object", "hello", [{ code: "malformed" }]],
    ["null", null, [{ code: "malformed" }]],
    ["year missing", { notice: "n", days: [hol("2027-01-01")] }, [{ code: "malformed" }]],
    ["year not an integer", base([hol("2027-01-01")], { year: "2027" }), [{ code: "malformed" }]],
    ["empty notice", base([hol("2027-01-01")], { notice: " " }), [{ code: "malformed" }]],
    ["days not an array", base([], { days: {} }), [{ code: "malformed" }]],
    ["unknown kind", base([hol("2027-01-01"), { date: "2027-01-02", kind: "day_off", name: "x" }]), [{ code: "malformed", index: 1 }]],
    ["day without name", base([{ date: "2027-01-01", kind: "holiday" }]), [{ code: "malformed", index: 0 }]],
    ["date not a string", base([{ date: 20270101, kind: "holiday", name: "x" }]), [{ code: "malformed", index: 0 }]],
    ["malformed date", base([hol("2027-1-1")]), [{ code: "malformed_date", date: "2027-1-1", index: 0 }]],
    ["impossible date", base([hol("2027-01-01"), hol("2027-02-29")]), [{ code: "malformed_date", date: "2027-02-29", index: 1 }]],
    ["duplicate date", base([hol("2027-01-01"), hol("2027-01-01")]), [{ code: "duplicate_date", date: "2027-01-01", index: 1 }]],
    ["make-up day on a weekday", base([mk("2027-02-19")]), [{ code: "makeup_not_weekend", date: "2027-02-19", index: 0 }]],
    ["holiday and make-up on one date", base([mk("2027-02-20"), hol("2027-02-20")]), [{ code: "holiday_on_makeup", date: "2027-02-20", index: 1 }]],
    ["empty year", base([]), [{ code: "empty_year" }]],
    ["date outside the year", base([hol("2026-12-31")]), [{ code: "date_outside_year", date: "2026-12-31", index: 0 }]],
  ])("%s", (_label, input, errors) => {
    expect(validateCalendarYear(input)).toEqual({ ok: false, errors });
    expect(CalendarYearFile.safeParse(input).success).toBe(false);
  });

  it("reports every rule error at once, in order", () => {
    const r = validateCalendarYear(base([hol("2027-01-01"), mk("2027-01-04"), hol("2027-13-01"), hol("2027-01-01"), mk("2028-01-01")]));
    expect(r).toEqual({
      ok: false,
      errors: [
        { code: "makeup_not_weekend", date: "2027-01-04", index: 1 },
        { code: "malformed_date", date: "2027-13-01", index: 2 },
        { code: "duplicate_date", date: "2027-01-01", index: 3 },
        { code: "date_outside_year", date: "2028-01-01", index: 4 },
      ],
    });
  });

  it("covers every error code", () => {
    expect([...CALENDAR_IMPORT_ERROR_CODES].sort()).toEqual([
      "date_outside_year",
      "duplicate_date",
      "empty_year",
      "holiday_on_makeup",
      "makeup_not_weekend",
      "malformed",
      "malformed_date",
    ]);
  });
});
