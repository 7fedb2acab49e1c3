import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/ready/route";
import { asAppRole } from "@/db/app-role";
import { currentDbHandle, setDbHandle, type Db, type DbHandle } from "@/db/client";
import { createTestDb, type TestDb } from "@/test/db";
import { createLogger, setLogger } from "./logger";
import { checkReadiness, JOB_SCHEMA_VERSION, JOURNAL, type Readiness } from "./ready";

let t: TestDb;
let app: DbHandle | undefined;
let previous: DbHandle | undefined;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  t = await createTestDb();
  previous = currentDbHandle();
  setLogger(createLogger({ level: "debug", stream: { write: (line: string) => void lines.push(JSON.parse(line)) } }));
}, 120_000);
afterAll(async () => {
  setLogger(undefined);
  setDbHandle(previous);
  if (app && app !== t.handle) await app.close();
  await t.cleanup();
});

const healthy: Readiness = { ok: true, checks: { database: "ok", migrations: "ok", jobs: "ok" } };

/** Runs `change` and the checks in a transaction that is rolled back: the database is left as it was. */
async function readinessAfter(db: Db, change: string): Promise<Readiness> {
  let seen: Readiness | undefined;
  await expect(
    db.transaction(async (tx) => {
      await tx.execute(sql.raw(change));
      seen = await checkReadiness(tx);
      tx.rollback();
    }),
  ).rejects.toThrow(/rollback/i);
  return seen!;
}

describe("readiness checks (as the tables' owner)", () => {
  it("a migrated database is ready", async () => {
    expect(await checkReadiness(t.handle.db)).toEqual(healthy);
  });

  it("names a migration of the journal that is not applied", async () => {
    const last = JOURNAL.at(-1)!;
    const r = await readinessAfter(t.handle.db, `delete from drizzle.__drizzle_migrations where created_at = ${last.when}`);
    expect(r).toEqual({ ok: false, checks: { database: "ok", migrations: `not applied: ${last.tag}`, jobs: "ok" } });
    // A migration committed after this build's journal was read counts too.
    const later = await checkReadiness(t.handle.db, { journal: [...JOURNAL, { tag: "9999_later", when: last.when + 1 }] });
    expect(later.checks.migrations).toBe("not applied: 9999_later");
    expect(await checkReadiness(t.handle.db)).toEqual(healthy);
  });

  it("names a job engine at another schema version, or without one of the app's queues", async () => {
    const old = await readinessAfter(t.handle.db, `update pgboss.version set version = ${JOB_SCHEMA_VERSION - 1}`);
    expect(old).toEqual({
      ok: false,
      checks: { database: "ok", migrations: "ok", jobs: `pg-boss schema at version ${JOB_SCHEMA_VERSION - 1}, expected ${JOB_SCHEMA_VERSION}` },
    });
    const noQueue = await readinessAfter(t.handle.db, `delete from pgboss.queue where name = 'sms-deliver'`);
    expect(noQueue.checks.jobs).toBe("missing queues: sms-deliver");
    const none = await readinessAfter(t.handle.db, `alter schema pgboss rename to pgboss_gone`);
    expect(none.checks.jobs).toBe("not installed: no pg-boss schema");
  });
});

describe("/api/ready (as the app's role)", () => {
  it("answers 200 with every check ok, as the restricted role the app works as", async () => {
    // On PostgreSQL a new pool working as the role; the owner's closes.
    app = await asAppRole(t.handle, t.databaseUrl);
    expect(await checkReadiness(app.db)).toEqual(healthy);
    setDbHandle(app);
    const res = await GET(new Request("http://localhost/api/ready"), undefined);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual(healthy);
  });

  it("answers 503 naming the failing check, with a reference id and no error text; the log line has both ids", async () => {
    const error = new Error("connect ECONNREFUSED 10.0.0.7:5432");
    const down = { kind: "postgres", location: "x", db: { execute: () => Promise.reject(error) }, close: async () => {} } as unknown as DbHandle;
    setDbHandle(down);
    const requestId = "lb-7f3a9c21-0001";
    const res = await GET(new Request("http://localhost/api/ready", { headers: { "x-request-id": requestId } }), undefined);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).not.toMatch(/ECONNREFUSED|10\.0\.0\.7|\bat /);
    const body = JSON.parse(text) as Readiness;
    expect(body.ok).toBe(false);
    expect(body.checks.database).toMatch(/^unreachable \(ERR-[0-9A-F]{8}\)$/);
    expect(body.checks.migrations).toMatch(/^skipped/);
    const ref = /ERR-[0-9A-F]{8}/.exec(body.checks.database)![0];
    const line = lines.find((l) => l.ref === ref);
    expect(line).toMatchObject({ level: "error", ref, requestId, check: "database", err: { message: error.message } });
    expect(lines.find((l) => l.msg === "request" && l.route === "/api/ready" && l.status === 503)).toMatchObject({ requestId });
  });
});
