import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { asAppRole } from "@/db/app-role";
import { currentDbHandle, setDbHandle, type Db, type DbHandle } from "@/db/client";
import { outbox } from "@/db/schema";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { REQUEST_TYPES } from "@/lib/domain/values";
import { parseEnv } from "@/lib/env";
import { sendJob } from "@/lib/jobs/send";
import { expectedDue } from "@/lib/requests/expected-due";
import { QUEUE_SLA_STATES } from "@/lib/requests/queue-filters";
import { AT_RISK_WORKING_DAYS, dayNumber, shanghaiDayNumberOf, slaStatus } from "@/lib/sla";
import { deliverSms } from "@/lib/sms/deliver";
import { SmsProviderError, type SmsProvider } from "@/lib/sms/providers/types";
import { outboxSmsSender } from "@/lib/sms/sender";
import { answeredQuestion, createPatient, createStaff, fileRequest, requestAwaitingAnswer, type FileInput } from "@/lib/testing/factories";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb, type TestDb } from "@/test/db";
import { createLogger, setLogger } from "./logger";
import { renderMetrics } from "./metrics";

const now = testNow();
const TOKEN = "scrape-token-0123456789abcdef";

let t: TestDb;
let app: DbHandle;
let db: Db;
let previous: DbHandle | undefined;
beforeAll(async () => {
  t = await createTestDb();
  // The endpoint reads as the app does: the restricted role (on PostgreSQL a new pool; the owner's closes).
  app = await asAppRole(t.handle, t.databaseUrl);
  db = app.db;
  previous = currentDbHandle();
  setDbHandle(app);
  setLogger(createLogger({ level: "silent" }));
}, 120_000);
afterAll(async () => {
  setLogger(undefined);
  setDbHandle(previous);
  if (app !== t.handle) await app.close();
  await t.cleanup();
});

/** The samples of a Prometheus text, by name and labels: `name{a="x",b="y"}` (labels in the order written). */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

describe("the database gauges", () => {
  it("count the open requests this test files by type and SLA state, as of the scrape", async () => {
    const agent = (await createStaff(db, "agent", { now: daysFrom(now, -60) })).actor;
    const specs: [FileInput, number][] = [
      [{ type: "access", categories: ["account"] }, 0],
      [{ type: "access", categories: ["orders"] }, 13],
      [{ type: "access", categories: ["account", "prescriptions"] }, 40],
      [{ type: "deletion", categories: ["prescriptions"], ground: "no_longer_necessary" }, 19],
      [{ type: "consent", consents: ["marketing"] }, 2],
      [{ type: "complaint", description: "指标测试：投诉" }, 30],
    ];
    // And one filed when its deadline now leaves it at most two working days: at risk.
    const index = await loadWorkingDayIndex(db);
    for (let daysAgo = 1; daysAgo < 40; daysAgo++) {
      const { dueDate } = await expectedDue(db, "access", daysFrom(now, -daysAgo));
      const left = index.workingDaysBetweenDayNumbers(shanghaiDayNumberOf(now), dayNumber(dueDate));
      if (left >= 1 && left <= AT_RISK_WORKING_DAYS) {
        specs.push([{ type: "access", categories: ["consultations"] }, daysAgo]);
        break;
      }
    }
    for (const [input, daysAgo] of specs) {
      const at = daysFrom(now, -daysAgo);
      await fileRequest(db, await createPatient(db, { now: at }), input, { now: at });
    }
    // Paused with a question (judged as of the pause), and a closed one that no gauge counts.
    const asked = daysFrom(now, -6);
    await requestAwaitingAnswer(db, await createPatient(db, { now: asked }), agent, {
      now: asked,
      input: { type: "consent", consents: ["personalised_recommendations"] },
      question: "请说明要撤回的同意",
    });
    const answered = daysFrom(now, -1);
    await answeredQuestion(db, await createPatient(db, { now: answered }), agent, { now: answered, description: "指标测试：问题", reply: "已答复" });

    // What the rule itself says of each open request (lib/sla/sla-state.ts).
    const rows = await db.query.requests.findMany();
    const expected = new Map<string, number>();
    for (const r of rows) {
      const { state } = slaStatus(r, now, index);
      if (state === "met" || state === "missed") continue;
      const key = `dsr_open_requests{type="${r.type}",sla_state="${state}"}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(rows).toHaveLength(9);
    expect([...expected.values()].reduce((a, b) => a + b, 0)).toBe(8);
    expect(new Set([...expected.keys()].map((k) => /sla_state="(\w+)"/.exec(k)![1])).size).toBe(3);

    const got = samples((await renderMetrics(db, now)).body);
    for (const type of REQUEST_TYPES) {
      for (const state of QUEUE_SLA_STATES) {
        const key = `dsr_open_requests{type="${type}",sla_state="${state}"}`;
        expect(got.get(key), key).toBe(expected.get(key) ?? 0);
      }
    }
    for (const source of ["requests", "jobs", "sms"]) expect(got.get(`dsr_metrics_source_up{source="${source}"}`)).toBe(1);
  });

  it("give each queue's waiting, retrying and failed jobs, and the failed text messages", async () => {
    const queue = "abandoned-uploads-purge";
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await sendJob(db, queue, { test: i }))!);
    await db.execute(sql`update pgboss.job set state = 'retry' where id = ${ids[0]}::uuid`);
    await db.execute(sql`update pgboss.job set state = 'failed', completed_on = now() where id in (${ids[1]}::uuid, ${ids[2]}::uuid)`);

    // One message finally failed (its last try refused by the provider), one still pending.
    const failing: SmsProvider = {
      name: "tencent",
      send: () => Promise.reject(new SmsProviderError("LimitExceeded", "refused")),
      report: () => Promise.resolve({ state: "pending" }),
    };
    for (const phone of ["19950000001", "19950000002"]) {
      await db.transaction((tx) =>
        outboxSmsSender.send(tx, { phone, template: "otp", params: { code: "123456", minutes: "5" }, locale: "zh-CN", at: now }),
      );
    }
    const [first] = await db
      .select({ id: outbox.id })
      .from(outbox)
      .where(sql`${outbox.recipient} = '19950000001'`);
    await expect(deliverSms(db, failing, first!.id, { retryCount: 5, retryLimit: 5 }, now)).rejects.toThrow("LimitExceeded");

    const got = samples((await renderMetrics(db, now)).body);
    expect(got.get(`dsr_job_queue_depth{queue="${queue}",state="created"}`)).toBe(1);
    expect(got.get(`dsr_job_queue_depth{queue="${queue}",state="retry"}`)).toBe(1);
    expect(got.get(`dsr_jobs_failed{queue="${queue}"}`)).toBe(2);
    // Every queue of the app has its series, empty ones at 0.
    expect(got.get(`dsr_job_queue_depth{queue="retention-purge",state="created"}`)).toBe(0);
    expect(got.get(`dsr_jobs_failed{queue="sms-deliver"}`)).toBe(0);
    expect(got.get("dsr_sms_failed")).toBe(1);
  });
});

describe("/metrics", () => {
  const saved = process.env.METRICS_TOKEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.METRICS_TOKEN;
    else process.env.METRICS_TOKEN = saved;
  });

  /** The route as a fresh process would load it, with METRICS_TOKEN as given (the environment is read once). */
  async function route(token: string | undefined) {
    if (token === undefined) delete process.env.METRICS_TOKEN;
    else process.env.METRICS_TOKEN = token;
    vi.resetModules();
    return (await import("@/app/metrics/route")).GET;
  }
  const scrape = (GET: Awaited<ReturnType<typeof route>>, authorization?: string) =>
    GET(new Request("http://localhost/metrics", { headers: authorization ? { authorization } : {} }), undefined);

  it("does not exist without METRICS_TOKEN", async () => {
    const GET = await route(undefined);
    expect((await scrape(GET)).status).toBe(404);
    expect((await scrape(GET, `Bearer ${TOKEN}`)).status).toBe(404);
  });

  it("answers 401 without the token or with a wrong one, and the metrics with it", async () => {
    const GET = await route(TOKEN);
    for (const authorization of [undefined, "Bearer wrong-token-0123456789abcdef", `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
      const res = await scrape(GET, authorization);
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await res.text()).not.toContain("dsr_");
    }
    const res = await scrape(GET, `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const got = samples(text);
    expect(got.get('dsr_open_requests{type="access",sla_state="on_track"}')).toBeTypeOf("number");
    expect(got.get("dsr_sms_failed")).toBe(1);
    expect(text).toContain("# TYPE http_request_duration_seconds histogram");
    expect(text).toContain("process_cpu_user_seconds_total");
    // The refused scrapes above were timed like any answer of a wrapped route.
    expect(got.get('http_request_duration_seconds_count{route="/metrics",method="GET",status="401"}')).toBeGreaterThanOrEqual(5);
  });

  it("METRICS_TOKEN is at least 16 characters, and a wrong one is named without its value", () => {
    expect(() => parseEnv({ METRICS_TOKEN: "short-token" })).toThrow(
      /^Invalid environment: METRICS_TOKEN must be at least 16 characters \(value hidden\)$/,
    );
    expect(parseEnv({ METRICS_TOKEN: "" }).METRICS_TOKEN).toBeUndefined();
    expect(() => parseEnv({ LOG_LEVEL: "verbose" })).toThrow(
      /^Invalid environment: LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent \(got "verbose"\)$/,
    );
    expect(parseEnv({}).LOG_LEVEL).toBe("info");
  });
});
