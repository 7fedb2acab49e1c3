/**
 * The tamper script: someone with the database owner's rights (triggers off) edits the audit log in each way an
 * attacker would, and `verifyAuditChain` with the newest signed checkpoint names what happened.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, Tx } from "@/db/client";
import { auditLog } from "@/db/schema";
import { testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { inRolledBackTransaction } from "@/test/rolled-back";
import { keyedAuditHash, legacyAuditHash, microsOf } from "./chain";
import { makeCheckpoint, newestCheckpoint, parseCheckpoint, type Checkpoint } from "./checkpoint";
import { auditKey } from "./key";
import { appendAudit } from "./log";
import { verifyAuditChain } from "./verify";

const T0 = testNow();
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const key = auditKey();
let db: Db;
let cleanup: () => Promise<void>;
let checkpoint: Checkpoint;

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  // One chain here (lib/audit/chains.test.ts has several), so each attack's first broken row is known.
  for (let i = 0; i < 6; i++) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('dsr.audit_chain', '0', true)`);
      await appendAudit(tx, { actorId: null, action: "request.view", entity: "request", entityId: `DSR-2026-00000${i}`, data: { i }, now: at(i) });
    });
  }
  checkpoint = (await makeCheckpoint(db, key, at(10)))!;
});
afterAll(() => cleanup());

/** Each attack runs in a transaction rolled back afterwards, so every test starts from the same untouched log. */
async function attack(fn: (tx: Tx, asOwner: (statement: ReturnType<typeof sql>) => Promise<void>) => Promise<void>) {
  await inRolledBackTransaction(db, async (tx) => {
    // As the tables' owner would, with the append-only triggers off.
    const asOwner = async (statement: ReturnType<typeof sql>) => {
      await tx.execute(sql`alter table dsr.audit_log disable trigger user`);
      await tx.execute(statement);
      await tx.execute(sql`alter table dsr.audit_log enable trigger user`);
    };
    await fn(tx, asOwner);
  });
}

const ids = async (conn: Db | Tx = db) => (await conn.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id)).map((r) => r.id);

describe("tampering with the audit log is detected", () => {
  it("an untouched log verifies against its checkpoint", async () => {
    expect(await verifyAuditChain(db, { checkpoint })).toEqual({ ok: true, checked: 6, checkpoint: "matched" });
  });

  it("cutting the last rows: the chain alone looks intact, the checkpoint says truncated", async () => {
    await attack(async (tx, asOwner) => {
      const [, , , , fifth, sixth] = await ids(tx);
      await asOwner(sql`delete from dsr.audit_log where id in (${fifth}, ${sixth})`);
      expect((await verifyAuditChain(tx)).ok).toBe(true);
      expect(await verifyAuditChain(tx, { checkpoint })).toMatchObject({ ok: false, problem: "truncated", brokenAt: sixth });
    });
  });

  it("editing a row and recomputing every later hash with the public algorithm, or a guessed key: detected", async () => {
    const all = await db
      .select({ row: auditLog, micros: sql<string>`(extract(epoch from ${auditLog.occurredAt}) * 1000000)::bigint::text` })
      .from(auditLog)
      .orderBy(auditLog.id);
    for (const recompute of ["legacy", "wrong-key"] as const) {
      await attack(async (tx, asOwner) => {
        let prev = all[1]!.row.hash;
        for (const { row, micros } of all.slice(2)) {
          const data = row.id === all[2]!.row.id ? { i: 99 } : row.data;
          const hash =
            recompute === "legacy"
              ? legacyAuditHash(prev, { ...row, data })
              : keyedAuditHash("guessed-key-guessed-key-guessed-key!", prev, { ...row, data, occurredAtMicros: micros });
          await asOwner(
            sql`update dsr.audit_log set data = ${JSON.stringify(data)}::jsonb, prev_hash = ${prev}, hash = ${hash}, alg = ${recompute === "legacy" ? 1 : 2} where id = ${row.id}`,
          );
          prev = hash;
        }
        const result = await verifyAuditChain(tx, { checkpoint });
        expect(result.ok, recompute).toBe(false);
        expect(result).toMatchObject({ brokenAt: all[2]!.row.id });
        expect(["hash_mismatch", "downgraded"]).toContain((result as { problem: string }).problem);
      });
    }
  });

  it("moving a row's time by one microsecond: detected", async () => {
    await attack(async (tx, asOwner) => {
      const [, second] = await ids(tx);
      await asOwner(sql`update dsr.audit_log set occurred_at = occurred_at + interval '1 microsecond' where id = ${second}`);
      expect(await verifyAuditChain(tx)).toMatchObject({ ok: false, problem: "hash_mismatch", brokenAt: second });
    });
  });

  it("renumbering a row: detected", async () => {
    await attack(async (tx, asOwner) => {
      const last = (await ids(tx)).at(-1)!;
      await asOwner(sql`update dsr.audit_log set id = ${last + 100} where id = ${last}`);
      expect(await verifyAuditChain(tx)).toMatchObject({ ok: false, problem: "hash_mismatch", brokenAt: last + 100 });
    });
  });

  it("a checkpoint edited or signed with another key is not believed", async () => {
    const forged = JSON.stringify({ ...checkpoint, count: 2 });
    expect(parseCheckpoint(forged, key)).toBeNull();
    expect(parseCheckpoint(JSON.stringify(checkpoint), "another-key-another-key-another-key")).toBeNull();
    const file = [JSON.stringify(checkpoint), forged, "not json"].join("\n");
    expect(newestCheckpoint(file, key)).toEqual(checkpoint);
  });

  it("a new row keeps the microsecond and id it was hashed with", async () => {
    const [row] = await db
      .select({ micros: sql<string>`(extract(epoch from ${auditLog.occurredAt}) * 1000000)::bigint::text` })
      .from(auditLog)
      .orderBy(auditLog.id)
      .limit(1);
    expect(row!.micros).toBe(microsOf(at(0)));
  });
});
