/**
 * Filings count into per-connection slots of dsr.dashboard_received_daily (migration 0021) instead of one row per
 * (day, type): concurrent filings give the right count, and folding the slots into slot 0 is idempotent.
 * PGlite, or PostgreSQL (a real pool, so the filings run concurrently) when DATABASE_URL is set.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { submitRequest } from "@/lib/requests/create";
import { SubmitInput } from "@/lib/requests/submit-schema";
import { shanghaiDateOf } from "@/lib/sla";
import { createPatient, type TestPatient } from "@/lib/testing/factories";
import { testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";

let db: Db;
let cleanup: () => Promise<void>;
const now = testNow();
const day = shanghaiDateOf(now);
const nextDay = new Date(now.getTime() + 86_400_000);
const patients: TestPatient[] = [];
const TYPES = ["access", "portability", "consent"] as const;

const inputFor = (i: number) =>
  SubmitInput.parse(
    TYPES[i % 3] === "consent"
      ? { idempotencyKey: randomUUID(), type: "consent", consents: ["marketing"], description: "" }
      : { idempotencyKey: randomUUID(), type: TYPES[i % 3], categories: ["account"] },
  );

async function rows<T>(text: string) {
  return rowsOf<T>(await db.execute(sql.raw(text)));
}
/** Received per type on `day`, summed over the slots. */
async function receivedByType() {
  const r = await rows<{ type: string; received: number; repeats: number }>(
    `select type::text, sum(received)::int as received, sum(repeats)::int as repeats from dsr.dashboard_received_daily
      where day = '${day}' group by type order by type`,
  );
  return Object.fromEntries(r.map((x) => [x.type, { received: x.received, repeats: x.repeats }]));
}
async function filedByType() {
  const r = await rows<{ type: string; received: number; repeats: number }>(
    `select type::text, count(*)::int as received, (count(*) filter (where is_repeat))::int as repeats from dsr.requests
      where dsr.shanghai_day(received_at) = '${day}' group by type order by type`,
  );
  return Object.fromEntries(r.map((x) => [x.type, { received: x.received, repeats: x.repeats }]));
}

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  for (let i = 0; i < 12; i++) patients.push(await createPatient(db, { now }));
});
afterAll(() => cleanup());

describe("received counters in slots", () => {
  it("count every one of many concurrent filings", async () => {
    // 36 filings at once, three per patient (each a different type).
    const results = await Promise.all(
      patients.flatMap((p, i) => [0, 1, 2].map((k) => submitRequest(db, p.actor, inputFor(i + k), { now, locale: "zh-CN" }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(36);
    expect(await receivedByType()).toEqual(await filedByType());
    expect(Object.values(await receivedByType()).reduce((n, x) => n + x.received, 0)).toBe(36);
  });

  it("fold into slot 0 idempotently, past days only, without changing a count", async () => {
    const before = await receivedByType();
    // Today's slots are left alone (filings still land there).
    await db.execute(sql`select dsr.dashboard_fold_received(${day}::date)`);
    expect(await receivedByType()).toEqual(before);
    const [first] = await rows<{ n: number }>(`select dsr.dashboard_fold_received('${shanghaiDateOf(nextDay)}'::date) as n`);
    expect(first!.n).toBeGreaterThan(0);
    const [second] = await rows<{ n: number }>(`select dsr.dashboard_fold_received('${shanghaiDateOf(nextDay)}'::date) as n`);
    expect(second!.n).toBe(0);
    expect(await receivedByType()).toEqual(before);
    const slots = await rows<{ slot: number }>(`select distinct slot from dsr.dashboard_received_daily where day = '${day}'`);
    expect(slots).toEqual([{ slot: 0 }]);
    // A filing after the fold adds to a slot again; a rebuild from scratch gives the same figures.
    const late = await createPatient(db, { now });
    const r = await submitRequest(db, late.actor, inputFor(1), { now, locale: "zh-CN" });
    expect(r.ok).toBe(true);
    expect(await receivedByType()).toEqual(await filedByType());
    await db.execute(sql`select dsr.dashboard_rebuild(null, true)`);
    expect(await receivedByType()).toEqual(await filedByType());
  });
});
