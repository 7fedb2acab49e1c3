import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { canonicalJson } from "./chain";
import { appendAudit } from "./log";
import { verifyAuditChain } from "./verify";

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
});
afterAll(() => cleanup());

/** Rows are stamped from TEST_NOW on, a second apart: the hash covers the instant, wherever it falls. */
const T0 = testNow();
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe("audit log", () => {
  it("canonical JSON ignores key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, "x"], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, "x"] }, b: 1 }));
  });

  it("chains rows, and the chain verifies", async () => {
    for (let i = 0; i < 5; i++) {
      await db.transaction((tx) =>
        appendAudit(tx, {
          actorId: null,
          action: "policy.update",
          entity: "sla_policy",
          entityId: "access",
          data: { i, 名字: "查阅", nested: { z: 1, a: 2 } },
          now: at(i),
        }),
      );
    }
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 5, checkpoint: "none" });
    const rows = await db.select({ occurredAt: auditLog.occurredAt }).from(auditLog).orderBy(auditLog.id);
    expect(rows.map((r) => r.occurredAt.getTime())).toEqual([0, 1, 2, 3, 4].map((i) => at(i).getTime()));
  });

  it("keeps the chain straight when transactions append at the same time", async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.transaction((tx) => appendAudit(tx, { actorId: null, action: "view", entity: "request", entityId: String(i), now: at(10) })),
      ),
    );
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("is refused updates and deletes by the database itself", async () => {
    await expect(db.execute(sql`update dsr.audit_log set action = 'edited'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from dsr.audit_log`)).rejects.toThrow();
    await expect(db.execute(sql`truncate dsr.audit_log`)).rejects.toThrow();
  });

  it("names the first row whose content was edited behind the database's back", async () => {
    const rows = await db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id);
    const victim = rows[3]!.id;
    await db.execute(sql`alter table dsr.audit_log disable trigger audit_log_append_only`);
    await db.execute(sql`update dsr.audit_log set data = '{"i": 99}' where id = ${victim}`);
    await db.execute(sql`alter table dsr.audit_log enable trigger audit_log_append_only`);
    expect(await verifyAuditChain(db, { batchSize: 2 })).toEqual({ ok: false, checked: 3, brokenAt: victim, problem: "hash_mismatch" });
  });
});
