import { describe, expect, it } from "vitest";
import { csvField, csvLine } from "./csv";
import { dashboardQueryString, defaultPeriod, monthPeriod, parseDashboardQuery, parseReportQuery, periodProgress } from "./period";

// Sunday 2026-11-29 01:30 in Shanghai is still Saturday the 28th in UTC.
const now = new Date("2026-11-28T17:30:00Z");

describe("parseDashboardQuery", () => {
  it("defaults to the 30 days ending today in Shanghai, all types", () => {
    expect(defaultPeriod(now)).toEqual({ from: "2026-10-31", to: "2026-11-29" });
    expect(parseDashboardQuery({}, now)).toEqual({ ok: true, query: { from: "2026-10-31", to: "2026-11-29", type: null } });
    expect(parseDashboardQuery({ from: "", to: " ", type: "" }, now)).toEqual({
      ok: true,
      query: { from: "2026-10-31", to: "2026-11-29", type: null },
    });
  });

  it("takes a period and a type; a lone end date gets the 30 days before it", () => {
    expect(parseDashboardQuery({ from: "2026-01-01", to: "2026-12-31", type: "deletion" }, now)).toEqual({
      ok: true,
      query: { from: "2026-01-01", to: "2026-12-31", type: "deletion" },
    });
    expect(parseDashboardQuery({ to: "2026-03-31", type: "all" }, now)).toEqual({
      ok: true,
      query: { from: "2026-03-02", to: "2026-03-31", type: null },
    });
    expect(parseDashboardQuery({ from: ["2026-11-01", "2020-01-01"] }, now)).toEqual({
      ok: true,
      query: { from: "2026-11-01", to: "2026-11-29", type: null },
    });
  });

  it("names what is wrong instead of guessing", () => {
    const bad = (params: Record<string, string>) => {
      const r = parseDashboardQuery(params, now);
      return r.ok ? [] : r.errors;
    };
    expect(bad({ from: "2026-11-30", to: "2026-11-01" })).toEqual(["ends_before_start"]);
    expect(bad({ from: "2026-12-01" })).toEqual(["ends_before_start"]);
    expect(bad({ from: "2026-02-30" })).toEqual(["from_invalid"]);
    expect(bad({ from: "yesterday", to: "2026/11/01" })).toEqual(["from_invalid", "to_invalid"]);
    expect(bad({ type: "'; drop table dsr.requests; --" })).toEqual(["type_invalid"]);
    expect(bad({ type: "ACCESS" })).toEqual(["type_invalid"]);
    expect(bad({ from: "2020-01-01", to: "2026-11-29" })).toEqual(["too_long"]);
    expect(bad({ from: "1999-12-31", to: "2000-01-30" })).toEqual(["out_of_range"]);
    expect(bad({ from: "2060-12-01", to: "2061-01-01" })).toEqual(["out_of_range"]);
    const r = parseDashboardQuery({ from: "x".repeat(1000) }, now);
    expect(r.ok === false && r.raw.from.length).toBe(40);
  });

  it("accepts three years but not a day more", () => {
    expect(parseDashboardQuery({ from: "2024-01-01", to: "2026-12-31" }, now).ok).toBe(true);
    expect(parseDashboardQuery({ from: "2023-12-01", to: "2026-12-31" }, now).ok).toBe(false);
  });

  it("round-trips through the query string", () => {
    expect(dashboardQueryString({ from: "2026-11-01", to: "2026-11-30", type: null })).toBe("?from=2026-11-01&to=2026-11-30");
    expect(dashboardQueryString({ from: "2026-11-01", to: "2026-11-30", type: "consent" })).toBe("?from=2026-11-01&to=2026-11-30&type=consent");
  });
});

describe("months", () => {
  it("turns YYYY-MM into its first and last day", () => {
    expect(monthPeriod("2026-11")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(monthPeriod("2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(monthPeriod("2026-12")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    for (const bad of ["2026-13", "2026-00", "1999-12", "2061-01", "2026-1", "nov"]) expect(monthPeriod(bad)).toBeNull();
  });

  it("parses the report's parameters, defaulting to this month in Shanghai", () => {
    expect(parseReportQuery({}, now)).toEqual({ ok: true, month: "2026-11", period: { from: "2026-11-01", to: "2026-11-30" }, type: null });
    expect(parseReportQuery({ month: "2026-10", type: "complaint" }, now)).toMatchObject({ ok: true, type: "complaint" });
    expect(parseReportQuery({ month: "2026-10-01", type: "x" }, now)).toMatchObject({ ok: false, errors: ["month_invalid", "type_invalid"] });
  });
});

describe("CSV fields", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", twice')).toBe('"say ""hi"", twice"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(null)).toBe("");
    expect(csvLine(["a", 1, null, "中文"])).toBe("a,1,,中文\r\n");
  });
});

describe("periodProgress", () => {
  // Sunday 2026-11-29 01:30 in Shanghai (2026-11-28 in UTC).
  it("tells an ended month from one under way (Shanghai's today) and one not begun", () => {
    expect(periodProgress(monthPeriod("2026-10")!, now)).toBe("ended");
    expect(periodProgress(monthPeriod("2026-11")!, now)).toBe("in_progress");
    expect(periodProgress(monthPeriod("2026-12")!, now)).toBe("not_started");
    expect(periodProgress(monthPeriod("2027-01")!, now)).toBe("not_started");
    // The last instant of November in Shanghai is still in progress; the first of December ends it.
    expect(periodProgress(monthPeriod("2026-11")!, new Date("2026-11-30T15:59:59Z"))).toBe("in_progress");
    expect(periodProgress(monthPeriod("2026-11")!, new Date("2026-11-30T16:00:00Z"))).toBe("ended");
    expect(periodProgress(monthPeriod("2026-12")!, new Date("2026-11-30T16:00:00Z"))).toBe("in_progress");
  });
});
