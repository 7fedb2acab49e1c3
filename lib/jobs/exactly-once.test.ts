import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { APP_ROLE, asAppRole } from "@/db/app-role";
import { openDb, type DbHandle } from "@/db/client";
import { jobRuns, outbox } from "@/db/schema";
import { queueEmail } from "@/lib/email/sender";
import type { Mailer } from "@/lib/email/transport";
import { testNow } from "@/test/clock";
import { createTestDb, type TestDb } from "@/test/db";
import { SCHEDULES } from "./schedules";
import { startWorker, type Worker } from "./worker";

/**
 * Several app instances and a worker share one database: each instance runs a worker of its own (npm start) and
 * `npm run worker` another. On PostgreSQL each worker here has its own connection pool, as separate processes
 * would; on the embedded database they share the one connection, as workers in one process do.
 */
const now = testNow();
let t: TestDb;
let app: DbHandle;
const extra: DbHandle[] = [];
const workers: Worker[] = [];
const sent = new Map<string, number>();

const countingMailer: Mailer = {
  from: "portal@xiaolu.example",
  transport: {
    async sendMail(m) {
      sent.set(m.to, (sent.get(m.to) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 20));
      return { messageId: `<${m.to}>` };
    },
  },
};

beforeAll(async () => {
  t = await createTestDb();
  app = await asAppRole(t.handle, t.databaseUrl);
  const handles = [app];
  if (t.databaseUrl) for (let i = 0; i < 2; i++) handles.push(extra[extra.push(await openDb({ databaseUrl: t.databaseUrl, role: APP_ROLE })) - 1]!);
  else handles.push(app, app);
  for (const h of handles) {
    workers.push(
      await startWorker(h, {
        smsProvider: null,
        mailer: countingMailer,
        schedules: false,
        pollingIntervalSeconds: 0.5,
        now: () => now,
        log: () => {},
      }),
    );
  }
}, 120_000);
afterAll(async () => {
  for (const w of workers) await w.stop();
  for (const h of extra) await h.close();
  if (app !== t.handle) await app.close();
  await t.cleanup();
});

it("two app instances and a worker on one database run every job exactly once", async () => {
  const to = Array.from({ length: 24 }, (_, i) => `staff-${i}@once.example`);
  await app.db.transaction(async (tx) => {
    for (const address of to) await queueEmail(tx, { to: address, kind: "digest", subject: "s", text: "t", at: now });
  });
  // A schedule's tick, sent by two instances' clocks as pg-boss's timekeeper sends it (one per name and minute).
  const tick = { singletonKey: SCHEDULES.abandonedUploads.name, singletonSeconds: 60 };
  await workers[0]!.boss.send(SCHEDULES.abandonedUploads.name, {}, tick);
  await workers[1]!.boss.send(SCHEDULES.abandonedUploads.name, {}, tick);
  for (const w of workers) {
    await w.boss.work(SCHEDULES.abandonedUploads.name, { pollingIntervalSeconds: 0.5 }, async () => {
      const { runSchedule } = await import("./schedules");
      await runSchedule(app.db, SCHEDULES.abandonedUploads, { trigger: "schedule", now });
    });
  }

  const end = Date.now() + 45_000;
  const done = async () => {
    const rows = await app.db.select().from(outbox).where(inArray(outbox.recipient, to));
    const runs = await app.db.select().from(jobRuns).where(eq(jobRuns.job, SCHEDULES.abandonedUploads.name));
    return rows.every((r) => r.status === "sent") && runs.some((r) => r.outcome === "succeeded");
  };
  while (Date.now() < end && !(await done())) await new Promise((r) => setTimeout(r, 250));
  await new Promise((r) => setTimeout(r, 1_500)); // time for a second, wrong delivery to show
  const rows = await app.db.select().from(outbox).where(inArray(outbox.recipient, to));
  expect(rows.map((r) => [r.recipient, r.status, r.attempts]).sort()).toEqual(to.map((a) => [a, "sent", 1]).sort());
  expect(to.map((a) => sent.get(a))).toEqual(to.map(() => 1));
  const runs = await app.db.select().from(jobRuns).where(eq(jobRuns.job, SCHEDULES.abandonedUploads.name));
  expect(runs).toHaveLength(1);
}, 90_000);
