import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asAppRole } from "@/db/app-role";
import type { Db, DbHandle } from "@/db/client";
import { attachments, auditLog, requestEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { createPatient, createStaff, step } from "@/lib/testing/factories";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb, type TestDb } from "@/test/db";
import { requestInProgress } from "@/test/fulfilment-fixtures";
import { performFulfilmentAction } from "./actions";
import { buildQueuedPackage } from "./package-job";
import { fulfilmentProgress } from "./progress";
import { fulfilmentForStaff } from "./staff-view";

/** Packages are built by a job: staff's click queues it, a worker builds it, the panel follows its progress. */
const now = testNow();
const filed = daysFrom(now, -2);
let t: TestDb;
let app: DbHandle;
let db: Db;
let agent: Actor;
let manager: Actor;
let worker: Worker | undefined;

beforeAll(async () => {
  t = await createTestDb();
  app = await asAppRole(t.handle, t.databaseUrl);
  db = app.db;
  agent = (await createStaff(db, "agent", { now: filed })).actor;
  manager = (await createStaff(db, "manager", { now: filed })).actor;
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  if (app !== t.handle) await app.close();
  await t.cleanup();
});

const accessRequest = async () =>
  requestInProgress(db, agent, await createPatient(db, { now: filed }), { type: "access", categories: ["account", "orders"] }, { now: filed });
const events = (requestId: string) =>
  db
    .select({ data: requestEvents.data, public: requestEvents.public })
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.kind, "fulfilment_step")))
    .orderBy(requestEvents.id);

describe("a package built as a job", () => {
  it("is queued by the click (once, however often staff click), shown as building, then built as the staff member who asked", async () => {
    const r = await accessRequest();
    expect(
      await performFulfilmentAction(db, agent, "prepare", { ref: r.ref, withhold: [{ category: "orders", reason: "trade_secret" }] }, now),
    ).toMatchObject({
      ok: true,
      message: "staff.fulfilment.done.prepare",
    });
    expect(await performFulfilmentAction(db, agent, "prepare", { ref: r.ref }, now)).toMatchObject({
      ok: true,
      message: "staff.fulfilment.building",
    });
    let view = (await fulfilmentForStaff(db, agent, r, now))!;
    expect(view.building).toMatchObject([{ step: "access.prepare", status: "queued" }]);
    expect(view.done.size).toBe(0);
    // Nothing was built in the click: no file yet.
    expect(await db.select().from(attachments).where(eq(attachments.requestId, r.id))).toHaveLength(0);

    const outcome = await buildQueuedPackage(db, r.id, now);
    expect(outcome).toMatchObject({ ok: true, already: false });
    view = (await fulfilmentForStaff(db, agent, r, now))!;
    expect(view.building).toEqual([]);
    const prepared = view.done.get("access.prepare")!;
    expect(prepared.actorId).toBe(agent.id);
    expect(prepared.result.outcomes).toMatchObject([
      { category: "account", outcome: "provided" },
      { category: "orders", outcome: "refused", reason: "trade_secret" },
    ]);
    expect((await events(r.id)).map((e) => [e.data.status, e.public])).toEqual([
      ["queued", false],
      ["building", false],
      ["done", true],
    ]);
    // A second run of the same job builds nothing more; a click now says it is done.
    expect(await buildQueuedPackage(db, r.id, now)).toBeNull();
    expect(await performFulfilmentAction(db, agent, "prepare", { ref: r.ref }, now)).toMatchObject({ ok: true, message: "staff.fulfilment.already" });
    expect(await db.select().from(attachments).where(eq(attachments.requestId, r.id))).toHaveLength(1);
    const audited = await db.select().from(auditLog).where(eq(auditLog.requestId, r.id));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(["package.queue", "fulfilment.access.prepare"]));
  });

  it("refuses at the click what the build would refuse; nothing is queued", async () => {
    const r = await accessRequest();
    const other = (await createStaff(db, "agent", { now: filed })).actor;
    expect(await performFulfilmentAction(db, other, "prepare", { ref: r.ref }, now)).toMatchObject({ ok: false, error: "not_allowed" });
    expect(
      await performFulfilmentAction(db, agent, "prepare", { ref: r.ref, withhold: [{ category: "photos", reason: "impractical" }] }, now),
    ).toMatchObject({
      ok: false,
      error: "not_requested",
    });
    expect(await events(r.id)).toEqual([]);
  });

  it("a request taken from the asker before the build: recorded as failed with a reference, the panel stops waiting, staff ask again", async () => {
    const r = await accessRequest();
    await performFulfilmentAction(db, agent, "prepare", { ref: r.ref }, now);
    const other = (await createStaff(db, "agent", { now: filed })).actor;
    const current = (await fulfilmentProgress(db, r.id)).building;
    expect(current).toHaveLength(1);
    await step(db, manager, r.ref, { kind: "assign", assignee: { id: other.id, role: "agent" } }, now);
    expect(await buildQueuedPackage(db, r.id, now)).toMatchObject({ ok: false, error: "not_allowed" });
    const progress = await fulfilmentProgress(db, r.id);
    expect(progress.building).toEqual([]);
    expect(progress.failures).toMatchObject([{ step: "access.prepare", error: "not_allowed", ref: expect.stringMatching(/^ERR-/) }]);
    expect(await performFulfilmentAction(db, other, "prepare", { ref: r.ref }, now)).toMatchObject({
      ok: true,
      message: "staff.fulfilment.done.prepare",
    });
    expect((await fulfilmentProgress(db, r.id)).failures).toEqual([]);
  });

  it("a worker picks the job up and builds it", async () => {
    worker = await startWorker(app, { smsProvider: null, schedules: false, pollingIntervalSeconds: 0.5, now: () => now, log: () => {} });
    const r = await accessRequest();
    await performFulfilmentAction(db, agent, "prepare", { ref: r.ref }, now);
    const end = Date.now() + 30_000;
    while (Date.now() < end && !(await fulfilmentProgress(db, r.id)).done.has("access.prepare")) await new Promise((res) => setTimeout(res, 200));
    expect((await fulfilmentProgress(db, r.id)).done.get("access.prepare")!.result).toMatchObject({ categories: ["account", "orders"] });
  }, 60_000);
});
