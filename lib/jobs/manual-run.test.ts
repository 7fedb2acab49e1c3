import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { asAppRole } from "@/db/app-role";
import type { Db, DbHandle } from "@/db/client";
import { auditLog, jobRuns } from "@/db/schema";
import { performAction } from "@/lib/actions/perform";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { createStaff } from "@/lib/testing/factories";
import { testNow } from "@/test/clock";
import { createTestDb, type TestDb } from "@/test/db";
import { runScheduleByHand, runScheduleDefinition } from "./manual-run";
import { SCHEDULES } from "./schedules";

const now = testNow();
let t: TestDb;
let app: DbHandle;
let db: Db;
let admin: Actor;
let manager: Actor;
let agent: Actor;

beforeAll(async () => {
  t = await createTestDb();
  const created = new Date(now.getTime() - 86_400_000);
  admin = (await createStaff(t.handle.db, "admin", { now: created })).actor;
  manager = (await createStaff(t.handle.db, "manager", { now: created })).actor;
  agent = (await createStaff(t.handle.db, "agent", { now: created })).actor;
  // The action runs as the app does: the restricted role.
  app = await asAppRole(t.handle, t.databaseUrl);
  db = app.db;
}, 120_000);
afterAll(async () => {
  if (app !== t.handle) await app.close();
  await t.cleanup();
});

const run = (actor: Actor, raw: unknown) => performAction(runScheduleDefinition, actor, raw, { db, now, locale: "zh-CN" });
const runs = () => db.select().from(jobRuns);
const audits = () => db.select().from(auditLog).where(eq(auditLog.action, "schedule.run"));

describe("running a schedule by hand", () => {
  it("is for admins only: agents and managers are refused and nothing runs", async () => {
    for (const actor of [agent, manager]) {
      expect(await run(actor, { schedule: "abandoned-uploads-purge", dryRun: true }), actor.role).toMatchObject({ ok: false, error: "forbidden" });
    }
    await expect(runScheduleByHand(db, agent, "abandoned-uploads-purge", { dryRun: true, now })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await runs()).toEqual([]);
    expect(await audits()).toEqual([]);
  });

  it("refuses a name that is no schedule, writing nothing", async () => {
    for (const schedule of ["drop-everything", "", "Retention-Purge", undefined]) {
      expect(await run(admin, { schedule, dryRun: false }), String(schedule)).toMatchObject({
        ok: false,
        error: "invalid_input",
        fieldErrors: { schedule: "invalidChoice" },
      });
    }
    expect(await runs()).toEqual([]);
    expect(await audits()).toEqual([]);
  });

  it("a dry run is recorded as the admin's manual run and audited with its report", async () => {
    const result = await run(admin, { schedule: "abandoned-uploads-purge", dryRun: true });
    expect(result).toMatchObject({ ok: true, schedule: "abandoned-uploads-purge", dryRun: true, report: { applied: false, attachments: 0 } });
    expect(await runs()).toMatchObject([
      { job: "abandoned-uploads-purge", trigger: "manual", actorId: admin.id, dryRun: true, outcome: "succeeded", report: { applied: false } },
    ]);
    const [audit] = await audits();
    expect(audit).toMatchObject({
      actorId: admin.id,
      entity: "schedule",
      entityId: "abandoned-uploads-purge",
      data: { dryRun: true, outcome: "succeeded", report: { applied: false, attachments: 0 } },
    });
  });

  it("a form's fields work too, and a real run applies", async () => {
    const form = new FormData();
    form.set("schedule", "proof-documents-purge");
    form.set("dryRun", "false");
    expect(await run(admin, form)).toMatchObject({ ok: true, dryRun: false, report: { applied: true } });
    const [audit] = (await audits()).filter((a) => a.entityId === "proof-documents-purge");
    expect(audit!.data).toMatchObject({ dryRun: false, outcome: "succeeded", report: { applied: true } });
  });

  it("a failed run answers only an error reference, and is recorded and audited as failed", async () => {
    const spy = vi.spyOn(SCHEDULES.abandonedUploads, "run").mockRejectedValueOnce(new Error("disk full at /var/secret"));
    try {
      const result = await run(admin, { schedule: "abandoned-uploads-purge", dryRun: false });
      expect(result).toMatchObject({ ok: false, error: "unexpected", ref: expect.stringMatching(/^ERR-[0-9A-F]{8}$/) });
      expect(JSON.stringify(result)).not.toContain("disk full");
      const ref = (result as { ref: string }).ref;
      const failed = (await runs()).filter((r) => r.outcome === "failed");
      expect(failed).toMatchObject([{ job: "abandoned-uploads-purge", trigger: "manual", actorId: admin.id, error: "disk full at /var/secret" }]);
      const audited = (await audits()).filter((a) => (a.data as { outcome?: string }).outcome === "failed");
      expect(audited).toMatchObject([{ actorId: admin.id, entityId: "abandoned-uploads-purge", data: { dryRun: false, outcome: "failed", ref } }]);
    } finally {
      spy.mockRestore();
    }
  });
});
