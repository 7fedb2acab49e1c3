import { describe, expect, it } from "vitest";
import { REQUEST_TYPES, type RequestType } from "@/lib/domain";
import { computeDeadline, computeDeadlineDays, pauseExtension, totalPauseExtension } from "./deadline";
import { DEFAULT_SLA_POLICIES, defaultSlaPolicy } from "./policies";
import { buildWorkingDayIndex } from "./working-days";
import { indexInputFromCalendarYears, loadBundledCalendarYears } from "./calendar-file";
import { formatShanghaiInstant } from "./shanghai";
import { bundledIndex, sh } from "./test-helpers";

const ix = bundledIndex();

describe("DEFAULT_SLA_POLICIES", () => {
  it("has the DESIGN.md defaults for every request type", () => {
    expect(Object.keys(DEFAULT_SLA_POLICIES).sort()).toEqual([...REQUEST_TYPES].sort());
    const expected: Record<RequestType, [number, number]> = {
      access: [10, 15],
      portability: [10, 15],
      correction: [5, 7],
      deletion: [5, 7],
      consent: [5, 7],
      cancellation: [5, 7],
      automated_decision: [5, 7],
      complaint: [10, 15],
    };
    for (const t of REQUEST_TYPES) {
      expect(DEFAULT_SLA_POLICIES[t]).toEqual({ targetWorkingDays: expected[t][0], dueWorkingDays: expected[t][1] });
    }
    expect(defaultSlaPolicy("complaint")).toEqual({ targetWorkingDays: 10, dueWorkingDays: 15 });
    expect(defaultSlaPolicy("nope")).toBeUndefined();
    expect(Object.isFrozen(DEFAULT_SLA_POLICIES)).toBe(true);
  });
});

/**
 * Worked out by hand from the notices. [label, receivedAt (ISO with offset), type, received, target, due]
 * The day of receipt never counts; the deadline is the end of the Nth working day after it.
 */
const CASES: [string, string, RequestType, string, string, string][] = [
  // --- 2026 ---
  // Fri 2/13; wd1 = Sat 2/14 (make-up), 2/15–2/23 off, wd2 = 2/24 … wd6 = Sat 2/28 (make-up), wd10 = 3/5, wd15 = 3/12
  ["2026 春节, Friday before make-up Saturday", "2026-02-13T10:00+08:00", "access", "2026-02-13", "2026-03-05", "2026-03-12"],
  ["received 23:59:59.999 Shanghai on the 13th", "2026-02-13T15:59:59.999Z", "access", "2026-02-13", "2026-03-05", "2026-03-12"],
  // 00:30 Shanghai on the 14th = 16:30Z on the 13th: received on the 14th (a make-up Saturday)
  ["just after midnight Shanghai (previous day UTC)", "2026-02-14T00:30+08:00", "access", "2026-02-14", "2026-03-06", "2026-03-13"],
  ["same instant written in UTC", "2026-02-13T16:30:00Z", "access", "2026-02-14", "2026-03-06", "2026-03-13"],
  // received on a holiday (Wed 2/18): wd1 = 2/24 … wd5 = Sat 2/28, wd7 = 3/3
  ["received on a holiday (春节)", "2026-02-18T09:00+08:00", "deletion", "2026-02-18", "2026-02-28", "2026-03-03"],
  // received on a make-up Saturday (2/28): wd1 = 3/2 … wd5 = 3/6, wd7 = 3/10
  ["received on a make-up Saturday", "2026-02-28T15:00+08:00", "consent", "2026-02-28", "2026-03-06", "2026-03-10"],
  ["received on a make-up Sunday (1/4)", "2026-01-04T11:00+08:00", "access", "2026-01-04", "2026-01-16", "2026-01-23"],
  // Friday 22:00 Shanghai = Friday 14:00 UTC
  ["late Friday evening Shanghai", "2026-03-06T22:00+08:00", "correction", "2026-03-06", "2026-03-13", "2026-03-17"],
  ["late Friday evening before 清明", "2026-04-03T21:00+08:00", "correction", "2026-04-03", "2026-04-13", "2026-04-15"],
  ["2026 元旦 with make-up Sunday 1/4", "2025-12-31T12:00+08:00", "correction", "2025-12-31", "2026-01-08", "2026-01-12"],
  ["2026 劳动节 with make-up Saturday 5/9", "2026-04-30T10:00+08:00", "access", "2026-04-30", "2026-05-18", "2026-05-25"],
  ["2026 端午", "2026-06-18T10:00+08:00", "correction", "2026-06-18", "2026-06-26", "2026-06-30"],
  // Fri 9/18: Sun 9/20 make-up (1), 9/21–24, 中秋 9/25–27, 9/28–30, 国庆 10/1–7, 10/8 (9), 10/9 (10), Sat 10/10 (11) … 10/15 (15)
  ["2026 中秋 + 国庆 with make-up 9/20 and 10/10", "2026-09-18T10:00+08:00", "access", "2026-09-18", "2026-10-09", "2026-10-15"],
  // 00:10 Shanghai on 10/1 = 16:10Z on 9/30: received on the holiday
  ["just after midnight on National Day", "2026-10-01T00:10+08:00", "complaint", "2026-10-01", "2026-10-20", "2026-10-27"],
  ["the evening before National Day", "2026-09-30T23:59+08:00", "complaint", "2026-09-30", "2026-10-20", "2026-10-27"],
  ["ordinary weeks (no holiday)", "2026-03-02T09:00+08:00", "correction", "2026-03-02", "2026-03-09", "2026-03-11"],
  // --- 2025 ---
  // Fri 1/24 23:00 (15:00Z Fri): Sun 1/26 make-up (1), 1/27 (2), 1/28–2/4 off, 2/5–2/7, Sat 2/8 (6) … 2/13 (10) … 2/20 (15)
  ["2025 春节, Friday 23:00 Shanghai", "2025-01-24T23:00+08:00", "complaint", "2025-01-24", "2025-02-13", "2025-02-20"],
  ["2025 清明", "2025-04-03T10:00+08:00", "correction", "2025-04-03", "2025-04-11", "2025-04-15"],
  ["2025 劳动节 with make-up Sunday 4/27", "2025-04-25T10:00+08:00", "correction", "2025-04-25", "2025-05-06", "2025-05-08"],
  ["2025 端午", "2025-05-30T10:00+08:00", "deletion", "2025-05-30", "2025-06-09", "2025-06-11"],
  ["2025 国庆中秋 with make-up 9/28 and 10/11", "2025-09-26T10:00+08:00", "access", "2025-09-26", "2025-10-16", "2025-10-23"],
  ["2025 元旦 across the 2024→2025 boundary", "2024-12-31T10:00+08:00", "correction", "2024-12-31", "2025-01-08", "2025-01-10"],
  // --- 2024 ---
  // Fri 2/2: Sun 2/4 make-up (1), 2/5–2/8 (5), Fri 2/9 (除夕, working in 2024) (6), 2/10–17 off, Sun 2/18 make-up (7)
  ["2024 春节: due on a make-up Sunday", "2024-02-02T18:00+08:00", "correction", "2024-02-02", "2024-02-08", "2024-02-18"],
  ["2024 元旦, received on the holiday", "2024-01-01T10:00+08:00", "deletion", "2024-01-01", "2024-01-08", "2024-01-10"],
  ["2024 清明 with make-up Sunday 4/7", "2024-04-03T10:00+08:00", "correction", "2024-04-03", "2024-04-11", "2024-04-15"],
  ["2024 劳动节 with make-up 4/28 and 5/11", "2024-04-26T10:00+08:00", "access", "2024-04-26", "2024-05-13", "2024-05-20"],
  ["2024 端午", "2024-06-07T10:00+08:00", "correction", "2024-06-07", "2024-06-17", "2024-06-19"],
  // Fri 9/13 20:00: Sat 9/14 (1), 中秋 9/15–17, 9/18–20, 9/23–27 (9), Sun 9/29 (10), 9/30 (11), 国庆, 10/8–10/11 (15)
  ["2024 中秋 + 国庆, Friday evening", "2024-09-13T20:00+08:00", "access", "2024-09-13", "2024-09-29", "2024-10-11"],
];

describe("computeDeadline: table across 2024–2026", () => {
  it.each(CASES)("%s", (_label, iso, type, received, target, due) => {
    const d = computeDeadline(new Date(iso), DEFAULT_SLA_POLICIES[type], ix);
    expect(d).toEqual({
      receivedDate: received,
      targetDate: target,
      dueDate: due,
      targetAt: new Date(`${target}T23:59:59.999+08:00`),
      dueAt: new Date(`${due}T23:59:59.999+08:00`),
      provisional: false,
    });
    expect(formatShanghaiInstant(d.dueAt)).toBe(`${due}T23:59:59.999+08:00`);
    expect(ix.isWorkingDay(d.dueDate)).toBe(true);
    expect(ix.isWorkingDay(d.targetDate)).toBe(true);
  });

  it("dueAt is the last millisecond of the Shanghai due date (15:59:59.999Z)", () => {
    const d = computeDeadline(sh("2026-02-13T10:00"), DEFAULT_SLA_POLICIES.access, ix);
    expect(d.dueAt.toISOString()).toBe("2026-03-12T15:59:59.999Z");
  });

  it("a zero-day policy is due at the end of the receipt day", () => {
    const d = computeDeadline(sh("2026-02-15T10:00"), { targetWorkingDays: 0, dueWorkingDays: 0 }, ix);
    expect(d.dueDate).toBe("2026-02-15");
  });

  it("rejects invalid input", () => {
    expect(() => computeDeadline(new Date("x"), DEFAULT_SLA_POLICIES.access, ix)).toThrow(RangeError);
    expect(() => computeDeadline(sh("2026-02-13T10:00"), { targetWorkingDays: -1, dueWorkingDays: 5 }, ix)).toThrow(RangeError);
    expect(() => computeDeadline(sh("2026-02-13T10:00"), { targetWorkingDays: 1, dueWorkingDays: 2.5 }, ix)).toThrow(RangeError);
    expect(() => computeDeadline(sh("2026-02-13T10:00"), DEFAULT_SLA_POLICIES.access, ix, -1)).toThrow(RangeError);
    expect(() => computeDeadline(sh("2060-12-20T10:00"), DEFAULT_SLA_POLICIES.access, ix)).toThrow(RangeError);
    expect(() => computeDeadline(sh("1999-12-31T10:00"), DEFAULT_SLA_POLICIES.access, ix)).toThrow(RangeError);
  });

  it("computeDeadlineDays is the numeric core", () => {
    const ms = sh("2026-02-13T10:00").getTime();
    const d = computeDeadlineDays(ms, DEFAULT_SLA_POLICIES.access, ix);
    expect(ix.formatDayNumber(d.receivedDay)).toBe("2026-02-13");
    expect(ix.formatDayNumber(d.targetDay)).toBe("2026-03-05");
    expect(ix.formatDayNumber(d.dueDay)).toBe("2026-03-12");
    expect(d.provisional).toBe(false);
  });
});

describe("the 2026→2027 boundary with the statutory fallback", () => {
  it.each<[string, RequestType, string, string, boolean]>([
    // Dec 2026 ends on a Thursday; 2027-01-01 (Fri) is a statutory day off.
    // access from Thu 12/24: 12/25 (1), 12/28–31 (5), 1/1 off, 1/4–1/8 (10), 1/11–1/15 (15)
    ["2026-12-24T10:00+08:00", "access", "2027-01-08", "2027-01-15", true],
    ["2026-12-22T10:00+08:00", "correction", "2026-12-29", "2026-12-31", false], // stays inside 2026
    ["2026-12-23T10:00+08:00", "correction", "2026-12-30", "2027-01-04", true], // 12/24,25,28,29,30,31, 1/4
    // 00:30 Shanghai on 2027-01-01 is still 2026 in UTC: received on the (fallback) holiday
    ["2027-01-01T00:30+08:00", "correction", "2027-01-08", "2027-01-12", true],
    // 2027 春节 (fallback): Wed 2/3: 2/4 (1), 除夕 2/5 + 2/6–2/8 off, 2/9–2/12 (5), 2/15, 2/16 (7)
    ["2027-02-03T10:00+08:00", "correction", "2027-02-12", "2027-02-16", true],
  ])("received %s (%s) → target %s, due %s, provisional %s", (iso, type, target, due, provisional) => {
    const d = computeDeadline(new Date(iso), DEFAULT_SLA_POLICIES[type], ix);
    expect([d.targetDate, d.dueDate, d.provisional]).toEqual([target, due, provisional]);
  });

  it("is no longer provisional once 2027 is imported, and follows the imported notice", () => {
    const files = loadBundledCalendarYears();
    const input = indexInputFromCalendarYears(files);
    // A hypothetical 2027 notice: 元旦 1/1–1/3 with a make-up Saturday 1/9 (not the real one — for the mechanism).
    const imported = buildWorkingDayIndex({
      days: [
        ...input.days,
        { date: "2027-01-01", isWorkingDay: false },
        { date: "2027-01-02", isWorkingDay: false },
        { date: "2027-01-03", isWorkingDay: false },
        { date: "2027-01-09", isWorkingDay: true },
      ],
      loadedYears: [...input.loadedYears, 2027],
    });
    const d = computeDeadline(sh("2026-12-24T10:00"), DEFAULT_SLA_POLICIES.access, imported);
    // 12/25 (1), 12/28–31 (5), 1/4–1/8 (10), Sat 1/9 (11), 1/11–1/14 (15)
    expect([d.targetDate, d.dueDate, d.provisional]).toEqual(["2027-01-08", "2027-01-14", false]);
  });

  it("receipt on the last day of an unloaded year, counted only in a loaded year, is not provisional", () => {
    // 2023 is not loaded, but counting starts on 2024-01-01.
    const d = computeDeadline(sh("2023-12-31T10:00"), DEFAULT_SLA_POLICIES.correction, ix);
    // 1/1 off, 1/2–1/5 (4), 1/8 (5), 1/9, 1/10 (7)
    expect([d.receivedDate, d.targetDate, d.dueDate, d.provisional]).toEqual(["2023-12-31", "2024-01-08", "2024-01-10", false]);
    const earlier = computeDeadline(sh("2023-12-28T10:00"), DEFAULT_SLA_POLICIES.correction, ix);
    expect(earlier.provisional).toBe(true);
  });
});

describe("pauses", () => {
  it("pauseExtension counts working days d with pause date < d ≤ resume date (Shanghai dates)", () => {
    // paused Thu 2/12, resumed Wed 2/25: 2/13, Sat 2/14 (make-up), [2/15–2/23 off], 2/24, 2/25
    expect(pauseExtension(sh("2026-02-12T10:00"), sh("2026-02-25T09:00"), ix)).toBe(4);
    expect(pauseExtension(sh("2026-02-12T10:00"), sh("2026-02-12T17:00"), ix)).toBe(0); // same day
    expect(pauseExtension(sh("2026-02-07T10:00"), sh("2026-02-08T10:00"), ix)).toBe(0); // a weekend
    expect(pauseExtension(sh("2026-02-15T10:00"), sh("2026-02-23T10:00"), ix)).toBe(0); // inside the holiday
    // Shanghai dates, not UTC: 00:30 on the 14th (16:30Z on the 13th) → 09:00 on the 24th: only 2/24
    expect(pauseExtension(new Date("2026-02-13T16:30:00Z"), sh("2026-02-24T09:00"), ix)).toBe(1);
    expect(() => pauseExtension(sh("2026-02-12T10:00"), sh("2026-02-11T10:00"), ix)).toThrow(RangeError);
  });

  it("pause and resume across 春节 moves target and due", () => {
    const received = sh("2026-02-10T09:00"); // Tue
    const plain = computeDeadline(received, DEFAULT_SLA_POLICIES.access, ix);
    // 2/11, 2/12, 2/13, 2/14, 2/24, 2/25, 2/26, 2/27, 2/28, 3/2 (10) … 3/9 (15)
    expect([plain.targetDate, plain.dueDate]).toEqual(["2026-03-02", "2026-03-09"]);
    const ext = pauseExtension(sh("2026-02-12T10:00"), sh("2026-02-25T09:00"), ix);
    const paused = computeDeadline(received, DEFAULT_SLA_POLICIES.access, ix, ext);
    expect([paused.targetDate, paused.dueDate]).toEqual(["2026-03-06", "2026-03-13"]);
    expect(ix.workingDaysBetween(plain.dueDate, paused.dueDate)).toBe(4);
  });

  it("several pauses add up", () => {
    const received = sh("2026-04-01T09:00"); // Wed; access: 4/2, 4/3, [清明 4/4–6], 4/7 … 4/16 (10) … 4/23 (15)
    const plain = computeDeadline(received, DEFAULT_SLA_POLICIES.access, ix);
    expect([plain.targetDate, plain.dueDate]).toEqual(["2026-04-16", "2026-04-23"]);
    const pauses = [
      { pausedAt: sh("2026-04-02T15:00"), resumedAt: sh("2026-04-07T10:00") }, // 4/3, 4/7 → 2 (清明 skipped)
      { pausedAt: sh("2026-04-10T16:00"), resumedAt: sh("2026-04-13T08:00") }, // Fri → Mon: 4/13 → 1
      { pausedAt: sh("2026-04-20T09:00"), resumedAt: sh("2026-04-20T17:00") }, // same day → 0
    ];
    expect(pauses.map((p) => pauseExtension(p.pausedAt, p.resumedAt, ix))).toEqual([2, 1, 0]);
    const total = totalPauseExtension(pauses, ix);
    expect(total).toBe(3);
    const d = computeDeadline(received, DEFAULT_SLA_POLICIES.access, ix, total);
    // 13th wd = 4/21, 18th wd = 4/28
    expect([d.targetDate, d.dueDate]).toEqual(["2026-04-21", "2026-04-28"]);
  });

  it("a pause that pushes the deadline into an unloaded year makes it provisional", () => {
    const received = sh("2026-12-01T10:00"); // correction: 12/2 … 12/10 (7)
    expect(computeDeadline(received, DEFAULT_SLA_POLICIES.correction, ix).provisional).toBe(false);
    const ext = pauseExtension(sh("2026-12-03T10:00"), sh("2026-12-31T10:00"), ix); // 12/4 … 12/31 = 20
    expect(ext).toBe(20);
    const d = computeDeadline(received, DEFAULT_SLA_POLICIES.correction, ix, ext);
    // 27th wd after 12/1: 12/2 … 12/31 is 22, then 1/4 … 1/8 (27)
    expect([d.dueDate, d.provisional]).toEqual(["2027-01-08", true]);
  });
});
