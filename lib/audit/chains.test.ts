/**
 * The audit log as several chains (lib/audit/log.ts AUDIT_CHAINS): transactions append to chains of their own, each
 * chain links its rows in id order, and verification and checkpoints cover every chain.
 */
import { createHmac } from "node:crypto";
import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, Tx } from "@/db/client";
import { auditLog } from "@/db/schema";
import { testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { inRolledBackTransaction } from "@/test/rolled-back";
import { canonicalJson, GENESIS_HASH } from "./chain";
import { makeCheckpoint, newestHeadId, parseCheckpoint } from "./checkpoint";
import { auditKey } from "./key";
import { appendAudit, AUDIT_CHAINS } from "./log";
import { verifyAuditChain } from "./verify";

const T0 = testNow();
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const key = auditKey();
let db: Db;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
});
afterAll(() => cleanup());

/** A transaction that appends `n` rows, in the chain given (the transaction-local setting the first append makes). */
async function appendIn(chain: number | null, n: number, tag: string) {
  await db.transaction(async (tx) => {
    if (chain !== null) await tx.execute(sql`select set_config('dsr.audit_chain', ${String(chain)}, true)`);
    for (let i = 0; i < n; i++) {
      await appendAudit(tx, { actorId: null, action: "request.view", entity: "request", entityId: `${tag}-${i}`, data: { i }, now: at(i) });
    }
  });
}

const rows = (conn: Db | Tx = db) =>
  conn
    .select({ id: auditLog.id, chain: auditLog.chain, prevHash: auditLog.prevHash, hash: auditLog.hash, entityId: auditLog.entityId })
    .from(auditLog)
    .orderBy(asc(auditLog.id));

/** As the tables' owner would (the append-only triggers off), rolled back afterwards. */
const asOwnerThenUndo = (fn: (tx: Tx) => Promise<void>) =>
  inRolledBackTransaction(db, async (tx) => {
    await tx.execute(sql`alter table dsr.audit_log disable trigger user`);
    await fn(tx);
  });

describe("the audit log in several chains", () => {
  it("links each chain's rows in id order, from its own genesis; the whole log verifies", async () => {
    for (const [i, chain] of [0, 1, 2, 1, 0, 2, 2].entries()) await appendIn(chain, 1, `pinned-${i}`);
    const all = await rows();
    const last = new Map<number, string>();
    for (const r of all) {
      expect(r.prevHash).toBe(last.get(r.chain) ?? GENESIS_HASH);
      last.set(r.chain, r.hash);
    }
    expect(new Set(all.map((r) => r.chain))).toEqual(new Set([0, 1, 2]));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 7, checkpoint: "none" });
  });

  it("keeps one transaction's appends in one chain, and spreads transactions over the chains", async () => {
    await appendIn(null, 3, "one-tx");
    const mine = (await rows()).filter((r) => r.entityId?.startsWith("one-tx-"));
    expect(mine).toHaveLength(3);
    expect(new Set(mine.map((r) => r.chain)).size).toBe(1);

    // 24 transactions at once, each choosing its chain: more than one chain is used (all in one: 8^-23), and no
    // chain forks.
    await Promise.all(Array.from({ length: 24 }, (_, i) => appendIn(null, 2, `spread-${i}`)));
    const spread = (await rows()).filter((r) => r.entityId?.startsWith("spread-"));
    expect(spread).toHaveLength(48);
    expect(new Set(spread.map((r) => r.chain)).size).toBeGreaterThan(1);
    expect(spread.every((r) => r.chain >= 0 && r.chain < AUDIT_CHAINS)).toBe(true);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("moving a row into another chain breaks the link after it", async () => {
    // Chain 5 has a row before the one moved into it, whatever the transactions above chose.
    await appendIn(5, 1, "move-target");
    await appendIn(4, 2, "move");
    const [first] = (await rows()).filter((r) => r.entityId === "move-0");
    await asOwnerThenUndo(async (tx) => {
      await tx.execute(sql`update dsr.audit_log set chain = 5 where id = ${first!.id}`);
      expect(await verifyAuditChain(tx)).toMatchObject({ ok: false, problem: "chain_break", brokenAt: first!.id });
    });
  });

  it("a checkpoint signs every chain's head: cutting one chain's last row is named, the untouched log matches", async () => {
    const checkpoint = (await makeCheckpoint(db, key, at(100)))!;
    const all = await rows();
    expect(checkpoint.count).toBe(all.length);
    expect(newestHeadId(checkpoint)).toBe(all.at(-1)!.id);
    expect(checkpoint.heads.map((h) => h.chain).sort()).toEqual([...new Set(all.map((r) => r.chain))].sort());
    expect(parseCheckpoint(JSON.stringify(checkpoint), key)).toEqual(checkpoint);
    expect(await verifyAuditChain(db, { checkpoint })).toMatchObject({ ok: true, checkpoint: "matched" });

    const chain1Head = all.filter((r) => r.chain === 1).at(-1)!;
    await asOwnerThenUndo(async (tx) => {
      await tx.execute(sql`delete from dsr.audit_log where id = ${chain1Head.id}`);
      expect((await verifyAuditChain(tx)).ok).toBe(true);
      expect(await verifyAuditChain(tx, { checkpoint })).toMatchObject({ ok: false, problem: "truncated", brokenAt: chain1Head.id });
    });
    // A head edited in the file (another chain's hash) breaks its signature.
    const edited = { ...checkpoint, heads: checkpoint.heads.map((h, i) => (i === 0 ? { ...h, count: h.count + 1 } : h)) };
    expect(parseCheckpoint(JSON.stringify(edited), key)).toBeNull();
  });

  it("a checkpoint written while the log was one chain is still read, as chain 0's head", async () => {
    const chain0 = (await rows()).filter((r) => r.chain === 0);
    const body = { headId: chain0.at(-1)!.id, headHash: chain0.at(-1)!.hash, count: chain0.length, at: at(50).toISOString() };
    const line = JSON.stringify({ ...body, sig: createHmac("sha256", key).update(canonicalJson(body)).digest("hex") });
    const old = parseCheckpoint(line, key);
    expect(old).toMatchObject({ heads: [{ chain: 0, id: body.headId, hash: body.headHash, count: body.count }], count: body.count });
    expect(await verifyAuditChain(db, { checkpoint: old })).toMatchObject({ ok: true, checkpoint: "matched" });
    const edited = line.replace(/"count":(\d+)/, (_, n: string) => `"count":${Number(n) + 1}`);
    expect(edited).not.toBe(line);
    expect(parseCheckpoint(edited, key)).toBeNull();
  });
});
