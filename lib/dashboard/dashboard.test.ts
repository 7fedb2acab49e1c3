/**
 * The dashboard's figures against a fixed data set whose every number is worked out by hand below, on PGlite and
 * (DATABASE_URL set) on PostgreSQL: the data functions, the page as rendered, the CSV and the monthly report.
 *
 * The calendar around the data (2026 State Council notice; W = working day, - = day off):
 *
 *   Sep 21 Mo W · 22 Tu W · 23 We W · 24 Th W · 25 Fr - (中秋) · 26 Sa - · 27 Su -
 *   Sep 28 Mo W · 29 Tu W · 30 We W · Oct 1 Th … Oct 7 We - (国庆)
 *   Oct  8 Th W ·  9 Fr W · 10 Sa W (调休上班) · 11 Su -
 *   Oct 12 Mo W · 13 Tu W · 14 We W · 15 Th W · 16 Fr W · 17 Sa - · 18 Su -
 *   Oct 19 Mo W · 20 Tu W · 21 We W · 22 Th W · 23 Fr W · 26 Mo … 30 Fr W · Nov 2 Mo W …
 *
 * Period: 2026-09-28 (Mon) … 2026-10-18 (Sun), three weeks. "Now": Tue 2026-10-20 10:00 Shanghai.
 *
 *  req  type (due wd)        received (Shanghai)  state now / closed (Shanghai)          assignee  due date  working days to close
 *  R1   access (15)          Sep 28 09:00          completed, fulfilled  Oct 9 15:00      A         Oct 23    Sep 29,30,Oct 8,9 = 4, on time
 *  R2   deletion (7)         Sep 29 14:00          refused (identity)    Oct 12 11:00     B         Oct 16    Sep 30,Oct 8,9,10,12 = 5 − 2 paused = 3, on time
 *       (paused Sep 30 → resumed Oct 9: working days Oct 8, 9 = 2 added to the deadline: 7 + 2 = 9 wd → Oct 16)
 *  R3   correction (7)       Sep 24 10:00 (before) completed, partly     Oct 13 16:00     A         Oct 12    Sep 28,29,30,Oct 8,9,10,12,13 = 8, LATE
 *  R4   complaint (15)       Oct 8 09:30           withdrawn             Oct 8 18:00      —         Oct 28    0, on time
 *  R5   consent (7)          Oct 10 10:00 (Sat W)  completed, fulfilled  Oct 16 09:00     B         Oct 20    Oct 12,13,14,15,16 = 5, on time; repeat
 *  R6   access (15)          Oct 12 00:30 (= Oct 11 16:30 UTC)           in progress      A         Nov 2     target Oct 26 → on track (9 wd left)
 *  R7   deletion (7)         Oct 9 11:00           in progress                            B         Oct 19    overdue (Oct 20: 1 wd past)
 *  R8   cancellation (7)     Sep 30 16:00          in progress                            —         Oct 15    overdue (Oct 16, 19, 20: 3 wd past)
 *  R9   automated_dec. (7)   Oct 14 10:00          paused since Oct 15 09:00              A         Oct 23    judged at the pause: 6 wd left → on track
 *  R10  portability (15)     Oct 15 20:00          submitted                              —         Nov 5     on track
 *  R11  access (15)          Sep 21 09:00 (before) completed             Sep 27 23:59 (before the period)      not counted
 *  R12  correction (7)       Oct 18 23:30 (in)     completed, fulfilled  Oct 19 00:10 (= Oct 18 16:10 UTC: after the period)
 *  R13  consent (7)          Oct 13 10:00          in progress                            B         Oct 22    target Oct 20, 2 wd left → at risk; repeat
 *  R14  complaint (15)       Oct 19 09:00 (after)  submitted                              —         Nov 9     on track
 *
 * Received in the period: R1 R2 R4 R5 R6 R7 R8 R9 R10 R12 R13 = 11 (R3, R11 before; R14 after), repeats R5 R13 = 2.
 * Closed in the period: R1 R2 R3 R4 R5 = 5 (R11 before, R12 after); on time 4 (R3 late) → 80.0 %.
 *   fulfilled R1 R5 = 2, partly R3 = 1, refused R2 = 1, withdrawn R4 = 1.
 *   working days to close, sorted: 0 3 4 5 8 → median (rank 0.5 × 4 = 2) = 4; 90th (rank 0.9 × 4 = 3.6) = 5 + 0.6 × (8 − 5) = 6.8.
 *   paused: R2 only → 1 request, 2 working days, 2 on average. Refusals: identity_not_verified 1.
 * Open now: R6 R7 R8 R9 R10 R13 R14 = 7; on track R6 R9 R10 R14 = 4, at risk R13 = 1, overdue R7 R8 = 2; paused R9 = 1.
 * Weeks: Sep 28–Oct 4 received R1 R2 R8 = 3, closed 0; Oct 5–11 received R4 R7 R5 = 3, closed R4 R1 = 2 (2 on time,
 *   100.0 %); Oct 12–18 received R6 R13 R9 R10 R12 = 5, closed R2 R3 R5 = 3 (2 on time, 66.7 %).
 * Per assignee: A open R6 R9 = 2 (0 at risk, 0 overdue), closed R1 R3 = 2 (1 on time, 50.0 %);
 *   B open R7 R13 = 2 (1 at risk, 1 overdue), closed R2 R5 = 2 (100.0 %); C nothing (—);
 *   unassigned open R8 R10 R14 = 3 (1 overdue), closed R4 = 1 (100.0 %).
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { DATE_FORMATS } from "@/lib/i18n/dates";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { ReportView } from "@/components/dashboard/report-view";
import { ForbiddenError } from "@/lib/errors";
import { ensureReferenceData } from "@/db/reference-data";
import { REQUEST_TYPES, requests, type NewRequest } from "@/db/schema";
import { buildBundledWorkingDayIndex, shanghaiDateOf, slaStatus } from "@/lib/sla";
import { catalogs } from "@/messages";
import { testNow } from "@/test/clock";
import { createTestDb, type TestDb } from "@/test/db";
import { makeUser, requestRow } from "@/test/fixtures";
import { FIXED_NOW, FIXED_PERIOD, insertFixedSet, type FixedSet } from "@/test/dashboard-fixtures";
import { csvHeader, csvRow, CSV_BOM, type ExportLabels } from "./csv";
import { exportBatches, type ExportRow } from "./export";
import { defaultPeriod, type DashboardQuery } from "./period";
import { loadDashboard, loadMonthlyReport, type Dashboard } from "./queries";
import { translatorFor } from "@/lib/i18n/translator";

let t: TestDb;
let db: Db;
let set: FixedSet;
const index = buildBundledWorkingDayIndex();
const query: DashboardQuery = { ...FIXED_PERIOD, type: null };

beforeAll(async () => {
  t = await createTestDb();
  db = t.handle.db;
  set = await insertFixedSet(db);
});
afterAll(async () => {
  await t?.cleanup();
});

const ref = (key: string) => set.byKey[key]!.ref;

describe("the fixed data set", () => {
  it("has the due dates worked out by hand (the calendar across the holidays, the pause)", () => {
    const due = Object.fromEntries(Object.entries(set.byKey).map(([k, r]) => [k, r.dueDate]));
    expect(due).toMatchObject({
      R1: "2026-10-23",
      R2: "2026-10-16",
      R3: "2026-10-12",
      R4: "2026-10-28",
      R5: "2026-10-20",
      R6: "2026-11-02",
      R7: "2026-10-19",
      R8: "2026-10-15",
      R9: "2026-10-23",
      R10: "2026-11-05",
      R12: "2026-10-27",
      R13: "2026-10-22",
      R14: "2026-11-09",
    });
    expect(set.byKey.R6!.targetDate).toBe("2026-10-26");
    expect(set.byKey.R13!.targetDate).toBe("2026-10-20");
  });
});

/** The figures worked out by hand in the header comment. */
function expectHandFigures(d: Dashboard) {
  expect(d.totals).toEqual({
    received: 11,
    repeats: 2,
    closed: 5,
    onTime: 4,
    onTimeRate: 0.8,
    fulfilled: 2,
    partiallyFulfilled: 1,
    refused: 1,
    withdrawn: 1,
    paused: 1,
    pausedWorkingDays: 2,
    pausedAverage: 2,
    medianWorkingDays: 4,
    p90WorkingDays: expect.closeTo(6.8, 10),
  });
  expect(d.openNow).toEqual({ open: 7, on_track: 4, at_risk: 1, overdue: 2, pausedNow: 1 });
  expect(d.refusals).toEqual([{ reason: "identity_not_verified", refused: 1 }]);

  const type = (ty: string) => d.byType.find((r) => r.type === ty)!;
  expect(d.byType.map((r) => r.type)).toEqual([
    "access",
    "portability",
    "correction",
    "deletion",
    "consent",
    "cancellation",
    "automated_decision",
    "complaint",
  ]);
  expect(type("access")).toMatchObject({
    received: 2,
    repeats: 0,
    closed: 1,
    onTime: 1,
    onTimeRate: 1,
    medianWorkingDays: 4,
    p90WorkingDays: 4,
    open: 1,
    on_track: 1,
    at_risk: 0,
    overdue: 0,
  });
  expect(type("portability")).toMatchObject({
    received: 1,
    closed: 0,
    onTimeRate: null,
    medianWorkingDays: null,
    p90WorkingDays: null,
    open: 1,
    on_track: 1,
  });
  expect(type("correction")).toMatchObject({
    received: 1,
    closed: 1,
    onTime: 0,
    onTimeRate: 0,
    medianWorkingDays: 8,
    p90WorkingDays: 8,
    open: 0,
    partiallyFulfilled: 1,
  });
  expect(type("deletion")).toMatchObject({
    received: 2,
    closed: 1,
    onTime: 1,
    onTimeRate: 1,
    medianWorkingDays: 3,
    p90WorkingDays: 3,
    refused: 1,
    paused: 1,
    pausedWorkingDays: 2,
    open: 1,
    overdue: 1,
  });
  expect(type("consent")).toMatchObject({ received: 2, repeats: 2, closed: 1, onTime: 1, medianWorkingDays: 5, open: 1, at_risk: 1 });
  expect(type("cancellation")).toMatchObject({ received: 1, closed: 0, open: 1, overdue: 1 });
  expect(type("automated_decision")).toMatchObject({ received: 1, closed: 0, paused: 0, open: 1, on_track: 1, pausedNow: 1 });
  expect(type("complaint")).toMatchObject({
    received: 1,
    closed: 1,
    withdrawn: 1,
    onTime: 1,
    medianWorkingDays: 0,
    p90WorkingDays: 0,
    open: 1,
    on_track: 1,
  });

  expect(d.weeks).toEqual([
    { weekStart: "2026-09-28", received: 3, closed: 0, onTime: 0, onTimeRate: null },
    { weekStart: "2026-10-05", received: 3, closed: 2, onTime: 2, onTimeRate: 1 },
    { weekStart: "2026-10-12", received: 5, closed: 3, onTime: 2, onTimeRate: 2 / 3 },
  ]);

  const agent = (id: string | null) => d.agents.find((a) => a.id === id)!;
  expect(d.agents.map((a) => a.name)).toEqual(["Agent A", "Agent B", "Agent C", ""]);
  expect(agent(set.agentA.id)).toMatchObject({ open: 2, on_track: 2, at_risk: 0, overdue: 0, pausedNow: 1, closed: 2, onTime: 1, onTimeRate: 0.5 });
  expect(agent(set.agentB.id)).toMatchObject({ open: 2, at_risk: 1, overdue: 1, closed: 2, onTime: 2, onTimeRate: 1 });
  expect(agent(set.agentC.id)).toMatchObject({ open: 0, at_risk: 0, overdue: 0, closed: 0, onTimeRate: null });
  expect(agent(null)).toMatchObject({ open: 3, at_risk: 0, overdue: 1, closed: 1, onTime: 1, onTimeRate: 1 });

  expect(d.overdue.map((r) => [r.ref, r.dueDate, r.workingDaysLeft, r.assigneeName])).toEqual([
    [ref("R8"), "2026-10-15", -3, null],
    [ref("R7"), "2026-10-19", -1, "Agent B"],
  ]);
  expect(d.atRisk.map((r) => [r.ref, r.dueDate, r.workingDaysLeft, r.assigneeName])).toEqual([[ref("R13"), "2026-10-22", 2, "Agent B"]]);
}

describe("loadDashboard", () => {
  it("computes every figure of the period as worked out by hand", async () => {
    expectHandFigures(await loadDashboard(db, set.manager, query, FIXED_NOW, index));
  });

  it("filters by type", async () => {
    const d = await loadDashboard(db, set.manager, { ...query, type: "deletion" }, FIXED_NOW, index);
    expect(d.byType.map((r) => r.type)).toEqual(["deletion"]);
    expect(d.totals).toMatchObject({ received: 2, closed: 1, onTime: 1, refused: 1, medianWorkingDays: 3, p90WorkingDays: 3, pausedWorkingDays: 2 });
    expect(d.openNow).toEqual({ open: 1, on_track: 0, at_risk: 0, overdue: 1, pausedNow: 0 });
    expect(d.overdue.map((r) => r.ref)).toEqual([ref("R7")]);
    expect(d.atRisk).toEqual([]);
    expect(d.agents.find((a) => a.id === set.agentB.id)).toMatchObject({ open: 1, overdue: 1, closed: 1, onTimeRate: 1 });
    expect(d.weeks.map((w) => [w.received, w.closed])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
  });

  it("counts a single day, and a period with nothing in it", async () => {
    const day = await loadDashboard(db, set.manager, { from: "2026-10-12", to: "2026-10-12", type: null }, FIXED_NOW, index);
    expect(day.totals).toMatchObject({ received: 1, closed: 1, refused: 1, medianWorkingDays: 3 });
    expect(day.weeks).toEqual([{ weekStart: "2026-10-12", received: 1, closed: 1, onTime: 1, onTimeRate: 1 }]);
    const empty = await loadDashboard(db, set.manager, { from: "2030-01-01", to: "2030-12-31", type: null }, FIXED_NOW, index);
    expect(empty.totals).toMatchObject({
      received: 0,
      closed: 0,
      onTimeRate: null,
      medianWorkingDays: null,
      p90WorkingDays: null,
      pausedAverage: null,
    });
    expect(empty.weeks).toHaveLength(53);
    expect(empty.refusals).toEqual([]);
  });

  it("is for managers and admins only", async () => {
    await expect(loadDashboard(db, set.agentA, query, FIXED_NOW, index)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(loadDashboard(db, set.patient, query, FIXED_NOW, index)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

/** data-figure="name" → text, from server-rendered HTML. */
function figures(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/data-figure="([^"]+)"[^>]*>(.*?)<\/(?:td|span)>/g)) {
    out[m[1]!] = m[2]!
      .replace(/<[^>]+>/g, "")
      .replaceAll("&amp;", "&")
      .trim();
  }
  return out;
}

function render(node: React.ReactElement, locale: "en" | "zh-CN") {
  return renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: catalogs[locale],
      timeZone: "Asia/Shanghai",
      formats: { dateTime: DATE_FORMATS },
      now: FIXED_NOW,
      children: node,
    }),
  );
}

describe("the page", () => {
  it("shows every hand-computed number, in English and in Chinese", async () => {
    const data = await loadDashboard(db, set.manager, query, FIXED_NOW, index);
    for (const locale of ["en", "zh-CN"] as const) {
      const html = render(createElement(DashboardView, { data }), locale);
      const f = figures(html);
      expect(f).toMatchObject({
        "open.open": "7",
        "open.on_track": "4",
        "open.at_risk": "1",
        "open.overdue": "2",
        "open.pausedNow": "1",
        "period.received": "11",
        "period.repeats": "2",
        "period.closed": "5",
        "period.onTime": "4",
        "period.onTimeRate": "80.0%",
        "period.fulfilled": "2",
        "period.partiallyFulfilled": "1",
        "period.refused": "1",
        "period.withdrawn": "1",
        "period.median": "4",
        "period.p90": "6.8",
        "period.paused": "1",
        "period.pausedWorkingDays": "2",
        "period.pausedAverage": "2",
        "refusals.identity_not_verified": "1",
        "week.2026-09-28.received": "3",
        "week.2026-09-28.closed": "0",
        "week.2026-09-28.onTimeRate": "—",
        "week.2026-10-05.received": "3",
        "week.2026-10-05.closed": "2",
        "week.2026-10-05.onTimeRate": "100.0%",
        "week.2026-10-12.received": "5",
        "week.2026-10-12.closed": "3",
        "week.2026-10-12.onTime": "2",
        "week.2026-10-12.onTimeRate": "66.7%",
        "type.access.received": "2",
        "type.access.closed": "1",
        "type.access.onTimeRate": "100.0%",
        "type.access.median": "4",
        "type.access.open": "1",
        "type.correction.onTimeRate": "0.0%",
        "type.correction.median": "8",
        "type.deletion.pausedWorkingDays": "2",
        "type.deletion.overdue": "1",
        "type.consent.repeats": "2",
        "type.consent.at_risk": "1",
        "type.portability.onTimeRate": "—",
        "type.portability.median": "—",
        "type.complaint.median": "0",
        [`agent.${set.agentA.id}.open`]: "2",
        [`agent.${set.agentA.id}.closed`]: "2",
        [`agent.${set.agentA.id}.onTimeRate`]: "50.0%",
        [`agent.${set.agentB.id}.at_risk`]: "1",
        [`agent.${set.agentB.id}.overdue`]: "1",
        [`agent.${set.agentB.id}.onTimeRate`]: "100.0%",
        [`agent.${set.agentC.id}.onTimeRate`]: "—",
        "agent.unassigned.open": "3",
        "agent.unassigned.overdue": "1",
        "agent.unassigned.closed": "1",
      });
      expect(f[`risk.${ref("R8")}.left`]).toBe(locale === "en" ? "Overdue by 3" : "逾期 3 个");
      expect(f[`risk.${ref("R7")}.left`]).toBe(locale === "en" ? "Overdue by 1" : "逾期 1 个");
      expect(f[`risk.${ref("R13")}.left`]).toBe(locale === "en" ? "2 left" : "剩 2 个");
      // Each overdue and at-risk request links to its page in the queue.
      for (const key of ["R7", "R8", "R13"]) expect(html).toContain(`href="/queue/${ref(key)}"`);
      // Both charts come with their numbers as tables.
      expect(html).toContain('data-testid="chart-table-volume"');
      expect(html).toContain('data-testid="chart-table-ontime"');
      expect(html).toContain(`href="/dashboard/export?from=2026-09-28&amp;to=2026-10-18"`);
      expect(html).toContain(locale === "en" ? "Overdue requests (2)" : "逾期请求（2）");
    }
  });
});

const header = (locale: "en" | "zh-CN") => {
  const tr = translatorFor(locale, "dashboard");
  return tr("csv.ref");
};

function exportLabels(locale: "en" | "zh-CN"): ExportLabels {
  const t = (ns: "dashboard" | "types" | "statuses" | "outcomes" | "refusalReasons") => translatorFor(locale, ns) as unknown as (k: string) => string;
  return {
    column: (c) => t("dashboard")(`csv.${c}`),
    type: (v) => t("types")(v),
    status: (v) => t("statuses")(v),
    outcome: (v) => t("outcomes")(v),
    refusalReason: (v) => t("refusalReasons")(v),
    yes: t("dashboard")("csv.yes"),
    no: t("dashboard")("csv.no"),
  };
}

async function allRows(batchSize: number, q = query): Promise<ExportRow[]> {
  const out: ExportRow[] = [];
  for await (const batch of exportBatches(db, set.manager, q, batchSize)) {
    expect(batch.length).toBeLessThanOrEqual(batchSize);
    out.push(...batch);
  }
  return out;
}

describe("the CSV export", () => {
  const expected = () => [
    // Received before the period, closed in it (in order of closing) …
    {
      key: "R3",
      type: "correction",
      status: "completed",
      received: "2026-09-24 10:00",
      due: "2026-10-12",
      closed: "2026-10-13 16:00",
      onTime: false,
      outcome: "partially_fulfilled",
      refusalReason: null,
      workingDays: 8,
    },
    // … then received in the period, in order of receipt.
    {
      key: "R1",
      type: "access",
      status: "completed",
      received: "2026-09-28 09:00",
      due: "2026-10-23",
      closed: "2026-10-09 15:00",
      onTime: true,
      outcome: "fulfilled",
      refusalReason: null,
      workingDays: 4,
    },
    {
      key: "R2",
      type: "deletion",
      status: "refused",
      received: "2026-09-29 14:00",
      due: "2026-10-16",
      closed: "2026-10-12 11:00",
      onTime: true,
      outcome: null,
      refusalReason: "identity_not_verified",
      workingDays: 3,
    },
    {
      key: "R8",
      type: "cancellation",
      status: "in_progress",
      received: "2026-09-30 16:00",
      due: "2026-10-15",
      closed: null,
      onTime: null,
      outcome: null,
      refusalReason: null,
      workingDays: null,
    },
    {
      key: "R4",
      type: "complaint",
      status: "withdrawn",
      received: "2026-10-08 09:30",
      due: "2026-10-28",
      closed: "2026-10-08 18:00",
      onTime: true,
      outcome: null,
      refusalReason: null,
      workingDays: 0,
    },
    {
      key: "R7",
      type: "deletion",
      status: "in_progress",
      received: "2026-10-09 11:00",
      due: "2026-10-19",
      closed: null,
      onTime: null,
      outcome: null,
      refusalReason: null,
      workingDays: null,
    },
    {
      key: "R5",
      type: "consent",
      status: "completed",
      received: "2026-10-10 10:00",
      due: "2026-10-20",
      closed: "2026-10-16 09:00",
      onTime: true,
      outcome: "fulfilled",
      refusalReason: null,
      workingDays: 5,
    },
    {
      key: "R6",
      type: "access",
      status: "in_progress",
      received: "2026-10-12 00:30",
      due: "2026-11-02",
      closed: null,
      onTime: null,
      outcome: null,
      refusalReason: null,
      workingDays: null,
    },
    {
      key: "R13",
      type: "consent",
      status: "in_progress",
      received: "2026-10-13 10:00",
      due: "2026-10-22",
      closed: null,
      onTime: null,
      outcome: null,
      refusalReason: null,
      workingDays: null,
    },
    {
      key: "R9",
      type: "automated_decision",
      status: "awaiting_requester",
      received: "2026-10-14 10:00",
      due: "2026-10-23",
      closed: null,
      onTime: null,
      outcome: null,
      refusalReason: null,
      workingDays: null,
    },
    {
      key: "R10",
      type: "portability",
      status: "submitted",
      received: "2026-10-15 20:00",
      due: "2026-11-05",
      closed: null,
      onTime: null,
      outcome: null,
      refusalReason: null,
      workingDays: null,
    },
    // Received on the last day at 23:30, closed just after midnight: in the CSV (received in the period), 1 working day.
    {
      key: "R12",
      type: "correction",
      status: "completed",
      received: "2026-10-18 23:30",
      due: "2026-10-27",
      closed: "2026-10-19 00:10",
      onTime: true,
      outcome: "fulfilled",
      refusalReason: null,
      workingDays: 1,
    },
  ];

  it("lists the period's requests with the values worked out by hand, in batches", async () => {
    const want = expected().map(({ key, ...rest }) => ({ ref: ref(key), ...rest }));
    for (const size of [2, 5, 1000]) expect(await allRows(size)).toEqual(want);
  });

  it("writes a UTF-8 CSV with a byte-order mark, in the user's language", async () => {
    const rows = await allRows(1000);
    const zh = CSV_BOM + csvHeader(exportLabels("zh-CN")) + rows.map((r) => csvRow(r, exportLabels("zh-CN"))).join("");
    const lines = zh.split("\r\n");
    expect(lines[0]).toBe("\uFEFF编号,类型,状态,收到时间（北京时间）,答复期限,结案时间（北京时间）,按期,处理结果,拒绝原因,用时（工作日）");
    expect(header("zh-CN")).toBe("编号");
    const tz = translatorFor("zh-CN", "types");
    const line = (key: string) => lines.find((l) => l.startsWith(ref(key)))!;
    expect(line("R2")).toBe(
      `${ref("R2")},${tz("deletion")},${translatorFor("zh-CN", "statuses")("refused")},2026-09-29 14:00,2026-10-16,2026-10-12 11:00,是,,${translatorFor("zh-CN", "refusalReasons")("identity_not_verified")},3`,
    );
    expect(line("R3")).toBe(
      `${ref("R3")},${tz("correction")},已完成,2026-09-24 10:00,2026-10-12,2026-10-13 16:00,否,${translatorFor("zh-CN", "outcomes")("partially_fulfilled")},,8`,
    );
    expect(line("R8")).toBe(
      `${ref("R8")},${tz("cancellation")},${translatorFor("zh-CN", "statuses")("in_progress")},2026-09-30 16:00,2026-10-15,,,,,`,
    );
    expect(lines).toHaveLength(1 + 12 + 1);
    const en = csvHeader(exportLabels("en")) + rows.map((r) => csvRow(r, exportLabels("en"))).join("");
    expect(en.split("\r\n")[0]).toBe(
      "Reference,Type,Status,Received (Shanghai),Due date,Closed (Shanghai),On time,Outcome,Refusal reason,Working days taken",
    );
    expect(en).toContain(`${ref("R1")},See and copy my data,Completed,2026-09-28 09:00,2026-10-23,2026-10-09 15:00,Yes,Fulfilled,,4\r\n`);
  });

  it("filters by type and is for managers only", async () => {
    expect((await allRows(1000, { ...query, type: "correction" })).map((r) => r.ref)).toEqual([ref("R3"), ref("R12")]);
    await expect(exportBatches(db, set.agentB, query).next()).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the monthly report", () => {
  it("has the month's figures and every refusal with its reason", async () => {
    // October 2026: received R4 R5 R6 R7 R9 R10 R12 R13 R14 = 9; closed R1 R2 R3 R4 R5 R12 = 6 (R3 late: 5 on time);
    // working days 0 1 3 4 5 8 → median (rank 2.5) = 3.5, 90th (rank 4.5) = 5 + 0.5 × 3 = 6.5.
    const report = await loadMonthlyReport(db, set.manager, { from: "2026-10-01", to: "2026-10-31" }, null);
    expect(report.totals).toMatchObject({
      received: 9,
      repeats: 2,
      closed: 6,
      onTime: 5,
      fulfilled: 3,
      refused: 1,
      medianWorkingDays: 3.5,
      p90WorkingDays: 6.5,
    });
    expect(report.refusalList).toEqual([
      {
        ref: ref("R2"),
        type: "deletion",
        receivedAt: set.byKey.R2!.receivedAt,
        closedAt: set.byKey.R2!.closedAt,
        reason: "identity_not_verified",
        onTime: true,
      },
    ]);
    const html = render(createElement(ReportView, { report, generatedAt: FIXED_NOW, generatedBy: "Manager M" }), "zh-CN");
    expect(figures(html)).toMatchObject({
      "report.received": "9",
      "report.closed": "6",
      "report.onTime": "5",
      "report.onTimeRate": "83.3%",
      "report.median": "3.5",
      "report.p90": "6.5",
      "report.refusals.identity_not_verified": "1",
    });
    expect(html).toContain(ref("R2"));
    expect(html).toContain("2026年10月");
    // An ended month says nothing more; one under way or not begun says so above its figures.
    expect(html).not.toContain('data-testid="report-progress"');
    const partial = render(createElement(ReportView, { report, generatedAt: FIXED_NOW, generatedBy: "M", progress: "in_progress" }), "zh-CN");
    expect(partial).toContain("本月尚未结束");
    const future = render(createElement(ReportView, { report, generatedAt: FIXED_NOW, generatedBy: "M", progress: "not_started" }), "en");
    expect(future).toContain("This month has not begun");
    await expect(loadMonthlyReport(db, set.agentA, report.period, null)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the summaries stay in step with the requests", () => {
  /** Every summary row, zero rows left out, as text for comparison. */
  async function snapshot() {
    const q = async (text: string) =>
      rowsOf<Record<string, unknown>>(await db.execute(sql.raw(text)))
        .map((r) => JSON.stringify(r))
        .sort();
    return {
      received: await q(`select day::text, type::text, sum(received)::int as received, sum(repeats)::int as repeats
        from dsr.dashboard_received_daily group by day, type having sum(received) <> 0 or sum(repeats) <> 0`),
      closed: await q(
        "select day::text, type::text, assignee_id::text, closed, on_time, fulfilled, partially_fulfilled, refused, withdrawn, paused, paused_working_days from dsr.dashboard_closed_daily where closed <> 0",
      ),
      times: await q("select day::text, type::text, working_days, closed from dsr.dashboard_close_times where closed <> 0"),
      refusals: await q("select day::text, type::text, reason, refused from dsr.dashboard_refusals_daily where refused <> 0"),
    };
  }
  async function rebuilt() {
    await db.execute(sql`select dsr.dashboard_rebuild(null, true)`);
    return snapshot();
  }

  it("through closing, reopening, reassigning and closing again (then equal to a rebuild from scratch)", async () => {
    const before = await loadDashboard(db, set.manager, query, FIXED_NOW, index);
    const id = (key: string) => set.byKey[key]!.id;
    // Close R7 late (Oct 20, due Oct 19); reopen R1 and close it again on Oct 16 by agent B; refuse R13 on Oct 14.
    await db.execute(
      sql`update dsr.requests set status = 'completed', outcome = 'fulfilled', closed_at = '2026-10-20T09:00:00+08:00' where id = ${id("R7")}`,
    );
    await db.execute(sql`update dsr.requests set status = 'in_progress', outcome = null, closed_at = null where id = ${id("R1")}`);
    const reopened = await loadDashboard(db, set.manager, query, FIXED_NOW, index);
    expect(reopened.totals).toMatchObject({ closed: before.totals.closed - 1, fulfilled: 1 });
    await db.execute(
      sql`update dsr.requests set status = 'completed', outcome = 'partially_fulfilled', closed_at = '2026-10-16T12:00:00+08:00', assignee_id = ${set.agentB.id} where id = ${id("R1")}`,
    );
    await db.execute(
      sql`update dsr.requests set status = 'refused', refusal_reason = 'legal_retention', closed_at = '2026-10-14T12:00:00+08:00', version = version + 1 where id = ${id("R13")}`,
    );
    // Untouched facts (a version bump, a new assignee while open) write nothing.
    await db.execute(sql`update dsr.requests set version = version + 1, updated_at = now() where id = ${id("R6")}`);
    const after = await loadDashboard(db, set.manager, query, FIXED_NOW, index);
    // R7 closed after the period: not counted; R1 closed again Oct 16 (Sep 29, 30, Oct 8, 9, 10, 12, 13, 14, 15, 16 = 10 wd,
    // on time); R13 refused Oct 14 (1 wd, on time).
    expect(after.totals).toMatchObject({ closed: 6, refused: 2, partiallyFulfilled: 2, fulfilled: 1, onTime: 5 });
    expect(after.refusals).toEqual([
      { reason: "identity_not_verified", refused: 1 },
      { reason: "legal_retention", refused: 1 },
    ]);
    // 0 1 3 5 8 10 → median (rank 2.5) = 4, 90th (rank 4.5) = 9.
    expect(after.totals.medianWorkingDays).toBe(4);
    expect(after.totals.p90WorkingDays).toBe(9);
    expect(after.agents.find((a) => a.id === set.agentB.id)).toMatchObject({ closed: 4, onTime: 4 });
    const incremental = await snapshot();
    expect(await rebuilt()).toEqual(incremental);
  });

  it("follow a calendar correction, rebuilt when the transaction commits", async () => {
    const before = await loadDashboard(db, set.manager, query, FIXED_NOW, index);
    const ordinal = async (day: string) =>
      Number(rowsOf<{ o: number }>(await db.execute(sql`select ordinal as o from dsr.working_day_ordinals where day = ${day}::date`))[0]!.o);
    const wdBefore = (await ordinal("2026-10-16")) - (await ordinal("2026-10-12"));
    // Make Tuesday 2026-10-13 a day off: every request whose counting spans it takes one working day less.
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into dsr.calendar_days (day, year, is_working_day, kind, name, notice) values ('2026-10-13', 2026, false, 'holiday', '测试', 'test')`,
      );
    });
    expect((await ordinal("2026-10-16")) - (await ordinal("2026-10-12"))).toBe(wdBefore - 1);
    const after = await loadDashboard(db, set.manager, query, FIXED_NOW, index);
    expect(after.totals.closed).toBe(before.totals.closed);
    expect(after.totals.medianWorkingDays).not.toBe(null);
    const incremental = await snapshot();
    expect(await rebuilt()).toEqual(incremental);
    expect(rowsOf<{ d: string | null }>(await db.execute(sql`select dirty_from::text as d from dsr.dashboard_state`))[0]!.d).toBeNull();
    await db.execute(sql`delete from dsr.calendar_days where day = '2026-10-13' and notice = 'test'`);
    expect((await ordinal("2026-10-16")) - (await ordinal("2026-10-12"))).toBe(wdBefore);
    expect(await snapshot()).toEqual(await rebuilt());
  });
});

describe("at any moment (TEST_NOW), over the default period", () => {
  it("counts open requests by SLA state as slaStatus judges them, and the period's receipts and closures as the requests say", async () => {
    // A database of its own: the figures above are for the fixed set alone.
    const other = await createTestDb();
    try {
      const odb = other.handle.db;
      await ensureReferenceData(odb);
      const manager = await makeUser(odb, "manager");
      const agent = await makeUser(odb, "agent");
      const patient = await makeUser(odb, "patient");
      const now = testNow();
      const DAY = 86_400_000;
      let seed = 2026;
      const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const between = (a: Date, b: Date) => new Date(a.getTime() + Math.floor(rnd() * (b.getTime() - a.getTime())));
      const STATUSES = ["submitted", "in_progress", "awaiting_requester", "completed", "refused", "withdrawn"] as const;
      // 150 requests received over the 75 days up to now (across whatever holidays and year end lie there).
      const rows: NewRequest[] = Array.from({ length: 150 }, (_, i) => {
        const receivedAt = between(new Date(now.getTime() - 75 * DAY), new Date(now.getTime() - 60_000));
        const status = STATUSES[i % STATUSES.length]!;
        const closing = status === "completed" || status === "refused" || status === "withdrawn";
        const pausedWorkingDays = closing && rnd() < 0.3 ? 1 + Math.floor(rnd() * 2) : 0;
        const closedAt = closing ? between(receivedAt, now) : null;
        const pausedAt = status === "awaiting_requester" ? between(receivedAt, now) : null;
        return {
          ...requestRow(patient, { type: REQUEST_TYPES[i % REQUEST_TYPES.length]!, receivedAt, pausedWorkingDays }),
          status,
          outcome: status === "completed" ? "fulfilled" : null,
          refusalReason: status === "refused" ? "impractical" : null,
          refusalExplanation: status === "refused" ? "无法办理。" : null,
          pausedAt,
          pauseReason: pausedAt ? "clarification" : null,
          resumeStatus: pausedAt ? "in_progress" : null,
          assigneeId: status === "submitted" ? null : agent.id,
          isRepeat: i % 7 === 0,
          closedAt,
          createdAt: receivedAt,
          updatedAt: closedAt ?? pausedAt ?? receivedAt,
        };
      });
      const inserted = await odb.insert(requests).values(rows).returning();

      const period = defaultPeriod(now);
      const inPeriod = (d: Date) => shanghaiDateOf(d) >= period.from && shanghaiDateOf(d) <= period.to;
      const d = await loadDashboard(odb, manager, { ...period, type: null }, now, index);
      expect(d.today).toBe(shanghaiDateOf(now));

      const open = { open: 0, on_track: 0, at_risk: 0, overdue: 0, pausedNow: 0 };
      for (const r of inserted.filter((x) => x.closedAt === null)) {
        open.open++;
        open[slaStatus(r, now, index).state as "on_track" | "at_risk" | "overdue"]++;
        if (r.pausedAt) open.pausedNow++;
      }
      expect(d.openNow).toEqual(open);
      expect(d.overdue.length).toBe(Math.min(open.overdue, 50));
      expect(d.atRisk.length).toBe(Math.min(open.at_risk, 50));

      const closed = inserted.filter((r) => r.closedAt !== null && inPeriod(r.closedAt));
      const days = closed
        .map((r) => index.workingDaysBetween(shanghaiDateOf(r.receivedAt), shanghaiDateOf(r.closedAt!)) - r.pausedWorkingDays)
        .sort((a, b) => a - b);
      const percentile = (p: number) => {
        const rank = p * (days.length - 1);
        const lo = Math.floor(rank);
        return days[lo]! + (rank - lo) * ((days[Math.min(lo + 1, days.length - 1)] ?? 0) - days[lo]!);
      };
      expect(closed.length).toBeGreaterThan(5);
      expect(d.totals).toMatchObject({
        received: inserted.filter((r) => inPeriod(r.receivedAt)).length,
        repeats: inserted.filter((r) => inPeriod(r.receivedAt) && r.isRepeat).length,
        closed: closed.length,
        onTime: closed.filter((r) => r.closedAt! <= r.dueAt).length,
        fulfilled: closed.filter((r) => r.status === "completed").length,
        refused: closed.filter((r) => r.status === "refused").length,
        withdrawn: closed.filter((r) => r.status === "withdrawn").length,
        paused: closed.filter((r) => r.pausedWorkingDays > 0).length,
        pausedWorkingDays: closed.reduce((n, r) => n + r.pausedWorkingDays, 0),
      });
      expect(d.totals.medianWorkingDays).toBeCloseTo(percentile(0.5), 6);
      expect(d.totals.p90WorkingDays).toBeCloseTo(percentile(0.9), 6);
    } finally {
      await other.cleanup();
    }
  }, 60_000);
});
