import { expect, test } from "@playwright/test";

/**
 * The operations endpoints on the running app (README "Operations"): liveness, readiness and the token-protected
 * metrics, reached without a session, each answer carrying the request id. METRICS_TOKEN set for the server (and
 * this run): /metrics answers with it only; unset: /metrics does not exist.
 */

test("health and readiness answer without a session, with the request id sent", async ({ request }) => {
  const health = await request.get("/api/health", { headers: { "x-request-id": "e2e-health-0001" }, maxRedirects: 0 });
  expect(health.status()).toBe(200);
  expect(health.headers()["x-request-id"]).toBe("e2e-health-0001");
  expect(await health.json()).toEqual({ ok: true });

  const ready = await request.get("/api/ready", { maxRedirects: 0 });
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ ok: true, checks: { database: "ok", migrations: "ok", jobs: "ok" } });
  expect(ready.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("metrics need the bearer token, and do not exist without one configured", async ({ request }) => {
  const token = process.env.METRICS_TOKEN;
  const anonymous = await request.get("/metrics", { maxRedirects: 0 });
  if (!token) {
    expect(anonymous.status()).toBe(404);
    return;
  }
  expect(anonymous.status()).toBe(401);
  expect((await request.get("/metrics", { headers: { authorization: `Bearer ${token}-wrong` } })).status()).toBe(401);
  const scraped = await request.get("/metrics", { headers: { authorization: `Bearer ${token}` } });
  expect(scraped.status()).toBe(200);
  const text = await scraped.text();
  expect(text).toMatch(/^dsr_open_requests\{type="access",sla_state="on_track"\} \d+$/m);
  expect(text).toMatch(/^dsr_job_queue_depth\{queue="sms-deliver",state="created"\} \d+$/m);
  expect(text).toMatch(/^dsr_sms_failed \d+$/m);
  expect(text).toMatch(/^dsr_metrics_source_up\{source="requests"\} 1$/m);
  expect(text).toMatch(/^http_request_duration_seconds_count\{route="\/metrics",method="GET",status="401"\} \d+$/m);
});
