import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asAppRole } from "@/db/app-role";
import type { Db, DbHandle } from "@/db/client";
import { jobRuns } from "@/db/schema";
import { createStaff, type TestStaff } from "@/lib/testing/factories";
import { testNow } from "@/test/clock";
import { createTestDb, type TestDb } from "@/test/db";
import { cadenceOf, listScheduleStatus, nextRunOf } from "./schedule-status";
import { SCHEDULES } from "./schedules";

describe("cadenceOf", () => {
  it.each([
    ["0 3 * * *", { kind: "daily", time: "03:00" }],
    ["30 3 * * *", { kind: "daily", time: "03:30" }],
    ["15 * * * *", { kind: "hourly", minute: 15 }],
    ["0 3 * * 1", { kind: "other" }],
    ["*/15 * * * *", { kind: "everyMinutes", step: 15 }],
    ["*/5 3 * * *", { kind: "other" }],
    ["0 24 * * *", { kind: "other" }],
  ])("%s", (cron, cadence) => expect(cadenceOf(cron)).toEqual(cadence));

  it("words every schedule there is", () => {
    for (const s of Object.values(SCHEDULES)) expect(cadenceOf(s.cron).kind, s.name).not.toBe("other");
  });
});

describe("nextRunOf, in Shanghai time whatever the process's zone", () => {
  it.each([
    // 00:30 on 21 November in Shanghai is still 20 November in UTC: today's 03:00 in Shanghai is next.
    ["0 3 * * *", "2026-11-20T16:30:00Z", "2026-11-21T03:00:00+08:00"],
    // 04:00 in Shanghai, past today's 03:00: tomorrow's, though it is still 20 November in UTC.
    ["0 3 * * *", "2026-11-20T20:00:00Z", "2026-11-22T03:00:00+08:00"],
    // 23:50 in Shanghai: tomorrow's 03:00.
    ["0 3 * * *", "2026-11-20T23:50:00+08:00", "2026-11-21T03:00:00+08:00"],
    // On the tick itself: the next one.
    ["0 3 * * *", "2026-11-21T03:00:00+08:00", "2026-11-22T03:00:00+08:00"],
    ["30 3 * * *", "2026-11-21T03:15:00+08:00", "2026-11-21T03:30:00+08:00"],
    // Hourly at :15, from 23:50 on New Year's Eve in Shanghai: 00:15 the next day, in the next year.
    ["15 * * * *", "2026-12-31T23:50:00+08:00", "2027-01-01T00:15:00+08:00"],
    ["15 * * * *", "2026-11-20T10:00:00+08:00", "2026-11-20T10:15:00+08:00"],
  ])("%s at %s → %s", (cron, now, next) => {
    expect(nextRunOf(cron, new Date(now)).toISOString()).toBe(new Date(next).toISOString());
  });
});

describe("listScheduleStatus", () => {
  const now = testNow();
  const at = (minutesBefore: number) => new Date(now.getTime() - minutesBefore * 60_000);
  let t: TestDb;
  let app: DbHandle;
  let db: Db;
  let admin: TestStaff;

  beforeAll(async () => {
    t = await createTestDb();
    admin = await createStaff(t.handle.db, "admin", { now: at(60 * 24) });
    app = await asAppRole(t.handle, t.databaseUrl);
    db = app.db;
  }, 120_000);
  afterAll(async () => {
    if (app !== t.handle) await app.close();
    await t.cleanup();
  });

  it("lists every schedule, never run yet, with its next run after now", async () => {
    const statuses = await listScheduleStatus(db, now);
    expect(statuses.map((s) => s.name)).toEqual(Object.values(SCHEDULES).map((s) => s.name));
    for (const s of statuses) {
      expect(s.lastRun, s.name).toBeNull();
      expect(s.nextRunAt.getTime(), s.name).toBeGreaterThan(now.getTime());
      expect(s.nextRunAt).toEqual(nextRunOf(s.cron, now));
    }
  });

  it("gives each schedule the run started last, whoever started it, with its report or its failure", async () => {
    await db.insert(jobRuns).values([
      // abandoned uploads: an older scheduled run, then the newest, a manual dry run by the admin.
      {
        job: "abandoned-uploads-purge",
        trigger: "schedule",
        startedAt: at(120),
        finishedAt: at(119),
        outcome: "succeeded",
        report: { applied: true, attachments: 4 },
      },
      {
        job: "abandoned-uploads-purge",
        trigger: "manual",
        actorId: admin.actor.id,
        dryRun: true,
        startedAt: at(5),
        finishedAt: at(4),
        outcome: "succeeded",
        report: { applied: false, attachments: 2 },
      },
      { job: "abandoned-uploads-purge", trigger: "schedule", startedAt: at(60), finishedAt: at(59), outcome: "failed", error: "older failure" },
      // retention purge: its last run failed.
      { job: "retention-purge", trigger: "schedule", startedAt: at(600), finishedAt: at(599), outcome: "succeeded", report: { applied: true } },
      { job: "retention-purge", trigger: "schedule", startedAt: at(30), finishedAt: at(29), outcome: "failed", error: "disk full" },
      // proof documents: still running.
      { job: "proof-documents-purge", trigger: "schedule", startedAt: at(1) },
      // not a schedule: not listed, and no other schedule's last run.
      { job: "broken", trigger: "schedule", startedAt: at(0), outcome: "failed", error: "nope" },
    ]);
    const byName = Object.fromEntries((await listScheduleStatus(db, now)).map((s) => [s.name, s]));
    expect(Object.keys(byName)).not.toContain("broken");

    expect(byName["abandoned-uploads-purge"]!.lastRun).toEqual({
      outcome: "succeeded",
      trigger: "manual",
      startedAt: at(5),
      finishedAt: at(4),
      dryRun: true,
      actorName: admin.actor.displayName,
      report: { applied: false, attachments: 2 },
      error: null,
    });
    expect(byName["retention-purge"]!.lastRun).toMatchObject({
      outcome: "failed",
      trigger: "schedule",
      actorName: null,
      error: "disk full",
      report: null,
    });
    expect(byName["proof-documents-purge"]!.lastRun).toMatchObject({ outcome: "running", finishedAt: null, error: null });
    expect(byName["retention-preview"]!.lastRun).toBeNull();
  });
});
