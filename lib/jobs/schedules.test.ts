import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asAppRole } from "@/db/app-role";
import type { Db, DbHandle } from "@/db/client";
import { auditLog, jobRuns } from "@/db/schema";
import { testNow } from "@/test/clock";
import { createTestDb, type TestDb } from "@/test/db";
import { startWorker, type Worker } from "./worker";
import { runSchedule, SCHEDULES, type Schedule } from "./schedules";

const now = testNow();
// Scheduled checkpoints go to a file of this test's own, never the developer's .data/.
const checkpointFile = path.join(mkdtempSync(path.join(tmpdir(), "dsr-checkpoints-")), "audit-checkpoints.jsonl");
process.env.AUDIT_CHECKPOINT_FILE = checkpointFile;
let t: TestDb;
let db: Db;
let app: DbHandle;
let worker: Worker | undefined;

beforeAll(async () => {
  t = await createTestDb();
  // Jobs run as the app does: the restricted role (on PostgreSQL a new pool; the owner's closes).
  app = await asAppRole(t.handle, t.databaseUrl);
  db = app.db;
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  if (app !== t.handle) await app.close();
  await t.cleanup();
});

describe("runSchedule", () => {
  it("records a run with its report, and a failure with its message (then throws it for the retry)", async () => {
    const ok = await runSchedule(db, SCHEDULES.abandonedUploads, { trigger: "manual", now, dryRun: true });
    const [row] = await db.select().from(jobRuns).where(eq(jobRuns.id, ok.id));
    expect(row).toMatchObject({ job: "abandoned-uploads-purge", trigger: "manual", dryRun: true, outcome: "succeeded" });
    expect(row!.report).toMatchObject({ applied: false, attachments: expect.any(Number) });

    const broken: Schedule = { name: "broken", cron: "0 * * * *", run: () => Promise.reject(new Error("disk full")) };
    await expect(runSchedule(db, broken, { trigger: "schedule", now })).rejects.toThrow("disk full");
    const [failed] = await db.select().from(jobRuns).where(eq(jobRuns.job, "broken"));
    expect(failed).toMatchObject({ outcome: "failed", error: "disk full" });
    expect(failed!.finishedAt).not.toBeNull();
  });

  it("every schedule runs as the app's restricted role", async () => {
    for (const schedule of Object.values(SCHEDULES)) {
      const { report } = await runSchedule(db, schedule, { trigger: "manual", now });
      expect(report, schedule.name).toBeTypeOf("object");
    }
  });

  it("the hourly audit checkpoint appends a signed line the audit key verifies; a dry run writes nothing", async () => {
    const { newestHeadId, parseCheckpoint } = await import("@/lib/audit/checkpoint");
    const { auditKey } = await import("@/lib/audit/key");
    const own = path.join(path.dirname(checkpointFile), "own.jsonl");
    const dry = await runSchedule(db, SCHEDULES.auditCheckpoint, { trigger: "manual", now, dryRun: true, checkpointFile: own });
    expect(dry.report).toMatchObject({ written: false, count: expect.any(Number) });
    expect(() => readFileSync(own, "utf8")).toThrow();
    const { report } = await runSchedule(db, SCHEDULES.auditCheckpoint, { trigger: "schedule", now, checkpointFile: own });
    const lines = readFileSync(own, "utf8").trim().split("\n");
    expect(lines).toHaveLength(1);
    const checkpoint = parseCheckpoint(lines[0]!, auditKey());
    expect(checkpoint).toMatchObject({ count: report.count, at: now.toISOString() });
    expect(newestHeadId(checkpoint!)).toBe(report.headId);
    expect(report.written).toBe(true);
    const edited = lines[0]!.replace(/"count":(\d+),"at"/, (_, n: string) => `"count":${Number(n) + 1},"at"`);
    expect(edited).not.toBe(lines[0]);
    expect(parseCheckpoint(edited, auditKey())).toBeNull();
  });

  it("the preview reports tomorrow's purge and deletes nothing", async () => {
    const { report } = await runSchedule(db, SCHEDULES.retentionPreview, { trigger: "schedule", now });
    expect(report.applied).toBe(false);
    expect(typeof report.purgeDay).toBe("string");
  });
});

it("every schedule has its queue, created with the migrations", async () => {
  const { SCHEDULED_QUEUES } = await import("./queues");
  expect(
    Object.values(SCHEDULES)
      .map((s) => s.name)
      .sort(),
  ).toEqual([...SCHEDULED_QUEUES].sort());
});

it("a worker puts every schedule in place (Shanghai time) and runs a scheduled job as the app's role, recorded once", async () => {
  worker = await startWorker(app, { smsProvider: null, pollingIntervalSeconds: 0.5, now: () => now, log: () => {} });
  // pg-boss 10 answers its schedule rows, whose time zone column its types do not declare.
  const schedules = (await worker.boss.getSchedules()) as { name: string; cron: string; timezone: string }[];
  expect(schedules.map((s) => [s.name, s.cron, s.timezone]).sort()).toEqual(
    Object.values(SCHEDULES)
      .map((s) => [s.name, s.cron, "Asia/Shanghai"])
      .sort(),
  );
  await worker.boss.send(SCHEDULES.abandonedUploads.name, {});
  const end = Date.now() + 20_000;
  let runs: (typeof jobRuns.$inferSelect)[] = [];
  while (Date.now() < end) {
    runs = await db.select().from(jobRuns).where(eq(jobRuns.trigger, "schedule"));
    if (runs.some((r) => r.job === SCHEDULES.abandonedUploads.name && r.outcome !== "running")) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const [scheduled] = runs.filter((r) => r.job === SCHEDULES.abandonedUploads.name);
  expect(scheduled).toMatchObject({ outcome: "succeeded", dryRun: false, report: { applied: true } });
  // Audited with its outcome, by nobody (the schedule).
  const audited = await db.select().from(auditLog).where(eq(auditLog.action, "schedule.run"));
  expect(audited.filter((a) => (a.data as { runId?: number }).runId === scheduled!.id)).toMatchObject([
    { actorId: null, entityId: SCHEDULES.abandonedUploads.name, data: { trigger: "schedule", outcome: "succeeded", report: { applied: true } } },
  ]);
}, 60_000);
