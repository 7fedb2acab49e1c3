import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asAppRole } from "@/db/app-role";
import type { DbHandle } from "@/db/client";
import { outbox } from "@/db/schema";
import { QUEUES } from "@/lib/jobs/queues";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { catalogs } from "@/messages";
import { testNow } from "@/test/clock";
import { createTestDb, type TestDb } from "@/test/db";
import { createPatient, createStaff, fileRequest } from "@/lib/testing/factories";
import { deliverSms, SmsDeliveryError } from "./deliver";
import { smsForRequest } from "./queries";
import { tencentProvider } from "./providers/tencent";
import { TEMPLATE_PARAMS } from "./providers/types";
import { outboxSmsSender, type SmsTemplate } from "./sender";
import { fakeTencent, type FakeProvider } from "./testing/fake-providers";

const T0 = testNow();
const templates = Object.fromEntries(Object.keys(TEMPLATE_PARAMS).map((k, i) => [k, String(2000 + i)])) as Record<SmsTemplate, string>;

let t: TestDb;
let app: DbHandle;
let fake: FakeProvider;
let worker: Worker | undefined;
beforeAll(async () => {
  t = await createTestDb();
  // The worker runs as the app does: the restricted role, on the job engine's grants.
  app = await asAppRole(t.handle, t.databaseUrl);
  fake = await fakeTencent();
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await fake.close();
  if (app !== t.handle) await app.close();
  await t.cleanup();
});

const provider = () =>
  tencentProvider({ secretId: "AKID", secretKey: "k", sdkAppId: "1400000002", signName: "小鹿中医", templates, endpoint: fake.url, timeoutMs: 500 });
let seq = 0;
const newPhone = () => `1993${String(process.pid % 10_000).padStart(4, "0")}${String(seq++).padStart(3, "0")}`;

async function queueOtp(phone: string): Promise<number> {
  await app.db.transaction(async (tx) => {
    await outboxSmsSender.send(tx, { phone, template: "otp", params: { code: "481516", minutes: "5" }, locale: "zh-CN", at: T0 });
  });
  const [row] = await app.db.select().from(outbox).where(eq(outbox.recipient, phone));
  return row!.id;
}

async function jobsFor(outboxId: number) {
  const rows = await app.db.execute<{ name: string; state: string; retry_count: number; start_after: string }>(
    sql`select name, state::text, retry_count, start_after::text from pgboss.job where data->>'outboxId' = ${String(outboxId)} order by created_on`,
  );
  return (Array.isArray(rows) ? rows : (rows as unknown as { rows: typeof rows }).rows) as unknown as {
    name: string;
    state: string;
    retry_count: number;
    start_after: string;
  }[];
}

async function until<T>(what: () => Promise<T | undefined | null | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("SMS delivery as a job", () => {
  it("queues the delivery job in the sender's transaction: none without the commit", async () => {
    const phone = newPhone();
    await expect(
      app.db.transaction(async (tx) => {
        await outboxSmsSender.send(tx, { phone, template: "otp", params: { code: "111111", minutes: "5" }, locale: "zh-CN", at: T0 });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await app.db.select().from(outbox).where(eq(outbox.recipient, phone))).toEqual([]);

    const id = await queueOtp(phone);
    expect(await jobsFor(id)).toMatchObject([{ name: QUEUES.smsDeliver.name, state: "created" }]);
  });

  it("a worker delivers through the provider, keeps no readable code, and records the delivery report", async () => {
    const phone = newPhone();
    const id = await queueOtp(phone);
    worker = await startWorker(app, { smsProvider: provider(), pollingIntervalSeconds: 0.5, reportAfterSeconds: 0, now: () => T0, log: () => {} });
    const sent = await until(async () => {
      const [m] = await app.db.select().from(outbox).where(eq(outbox.id, id));
      return m?.delivery ? m : undefined;
    });
    expect(sent).toMatchObject({
      status: "sent",
      provider: "tencent",
      delivery: "delivered",
      sentAt: T0,
      attempts: 1,
      body: catalogs["zh-CN"].sms.otp_redacted,
    });
    expect(sent.providerMessageId).toMatch(/^serial-/);
    expect(JSON.stringify(sent)).not.toContain("481516");
    expect(
      fake.calls.find((c) => c.action === "SendSms" && (c.params.PhoneNumberSet as string[])[0] === `+86${phone}`)?.params.TemplateParamSet,
    ).toEqual(["481516", "5"]);
    expect((await jobsFor(id)).map((j) => [j.name, j.state])).toEqual([
      [QUEUES.smsDeliver.name, "completed"],
      [QUEUES.smsStatus.name, "completed"],
    ]);
  }, 60_000);

  it("a refused message stays pending with the provider's code, and its job waits to be tried again", async () => {
    fake.queue("SendSms", { body: { Response: { Error: { Code: "RequestLimitExceeded", Message: "too many" }, RequestId: "r" } } });
    const phone = newPhone();
    const id = await queueOtp(phone);
    const [job] = await until(async () => {
      const jobs = await jobsFor(id);
      return jobs[0]?.state === "retry" ? jobs : undefined;
    });
    // pg-boss counts a retry when it is fetched; the first try failed and the next waits (10–20 s, then doubling).
    expect(job!.retry_count).toBe(0);
    expect(new Date(job!.start_after).getTime()).toBeGreaterThan(Date.now() + 3_000);
    const [m] = await app.db.select().from(outbox).where(eq(outbox.id, id));
    expect(m).toMatchObject({ status: "pending", lastError: "RequestLimitExceeded: too many", attempts: 1 });
  }, 60_000);
});

describe("deliverSms", () => {
  it("the last failed try marks the message failed with the provider's code and drops the code", async () => {
    await worker?.stop();
    worker = undefined;
    const id = await queueOtp(newPhone());
    fake.queue("SendSms", {
      body: { Response: { Error: { Code: "FailedOperation.TemplateIncorrectOrUnapproved", Message: "template" }, RequestId: "r" } },
    });
    const e = await deliverSms(app.db, provider(), id, { retryCount: 5, retryLimit: 5 }, T0).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SmsDeliveryError);
    expect((e as SmsDeliveryError).final).toBe(true);
    const [m] = await app.db.select().from(outbox).where(eq(outbox.id, id));
    expect(m).toMatchObject({ status: "failed", provider: "tencent", lastError: "FailedOperation.TemplateIncorrectOrUnapproved: template" });
    expect(JSON.stringify(m)).not.toContain("481516");
    // Done is done: running the job again sends nothing.
    const calls = fake.calls.length;
    expect(await deliverSms(app.db, provider(), id, { retryCount: 0, retryLimit: 5 }, T0)).toBe("skipped");
    expect(fake.calls.length).toBe(calls);
  });

  it("on the demo outbox the message is its own delivery: sent, the code readable at /dev/outbox until used", async () => {
    const id = await queueOtp(newPhone());
    expect(await deliverSms(app.db, null, id, { retryCount: 0, retryLimit: 5 }, T0)).toBe("sent");
    const [m] = await app.db.select().from(outbox).where(eq(outbox.id, id));
    expect(m).toMatchObject({ status: "sent", provider: "outbox", sentAt: T0 });
    expect(m!.body).toContain("481516");
  });
});

describe("a sign-in code redacted before it could be sent", () => {
  it("is not sent without its code", async () => {
    const phone = newPhone();
    const id = await queueOtp(phone);
    await app.db
      .update(outbox)
      .set({ payload: { locale: "zh-CN" } })
      .where(eq(outbox.id, id));
    const calls = fake.calls.length;
    expect(await deliverSms(app.db, provider(), id, { retryCount: 0, retryLimit: 5 }, T0)).toBe("skipped");
    expect(fake.calls.length).toBe(calls);
    const [m] = await app.db.select().from(outbox).where(eq(outbox.id, id));
    expect(m!.status).toBe("failed");
  });
});

describe("a message about a request that finally failed", () => {
  it("is listed for staff on the request with the provider's code, never for the patient", async () => {
    const patient = await createPatient(app.db, { now: T0 });
    const agent = await createStaff(app.db, "agent", { now: T0 });
    const r = await fileRequest(app.db, patient, { type: "access", categories: ["account"] }, { now: T0 });
    const [m] = await app.db.select().from(outbox).where(eq(outbox.requestId, r.id));
    expect(m).toMatchObject({ template: "request_received", status: "pending" });
    fake.queue("SendSms", {
      body: { Response: { Error: { Code: "InvalidParameterValue.IncorrectPhoneNumber", Message: "bad number" }, RequestId: "r" } },
    });
    await deliverSms(app.db, provider(), m!.id, { retryCount: 5, retryLimit: 5 }, T0).catch(() => {});
    expect(await smsForRequest(app.db, agent.actor, r.id)).toMatchObject([
      { template: "request_received", status: "failed", attempts: 1, lastError: "InvalidParameterValue.IncorrectPhoneNumber: bad number" },
    ]);
    expect(await smsForRequest(app.db, patient.actor, r.id)).toEqual([]);
  }, 60_000);
});
