import "server-only";
import { asc, gt, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { auditLog } from "@/db/schema";
import { GENESIS_HASH, keyedAuditHash, legacyAuditHash } from "./chain";
import type { Checkpoint } from "./checkpoint";
import { auditKey } from "./key";
import { inOneSnapshot } from "./snapshot";

export type AuditProblem =
  /** A row's content, id or time is not what its hash was computed over (rewritten, renumbered, re-timed). */
  | "hash_mismatch"
  /** A row does not follow the hash of the row before it (a row removed or inserted in the middle). */
  | "chain_break"
  /** An unkeyed (legacy) row after keyed ones: a rewrite disguised as an old row. */
  | "downgraded"
  /** The checkpoint's head row is gone, or rows before it are: the log was cut. */
  | "truncated"
  /** The checkpoint's head row is there with another hash: the log was rewritten and re-hashed up to and past it. */
  | "rewritten";

export type AuditVerification =
  { ok: true; checked: number; checkpoint: "matched" | "none" } | { ok: false; checked: number; brokenAt: number | null; problem: AuditProblem };

/**
 * Walks the whole log in id order, each row against the row before it in its own chain, and names the first row
 * whose content or link does not match; then, given the newest signed checkpoint (kept outside the database), checks
 * the log still holds each chain's head with that hash and at least that many rows before it — which is what exposes
 * a cut tail or a chain recomputed from a rewritten row. A row's chain is not hashed: moving a row to another chain
 * breaks the link of the row after it in both.
 * The walk reads one snapshot (lib/audit/snapshot.ts).
 */
export async function verifyAuditChain(
  conn: Conn,
  opts: { batchSize?: number; key?: string; checkpoint?: Checkpoint | null } = {},
): Promise<AuditVerification> {
  return inOneSnapshot(conn, (c) => walk(c, opts));
}

async function walk(conn: Conn, opts: { batchSize?: number; key?: string; checkpoint?: Checkpoint | null }): Promise<AuditVerification> {
  const key = opts.key ?? auditKey();
  const batchSize = opts.batchSize ?? 5000;
  const cp = opts.checkpoint ?? null;
  /** Per chain: the hash of its last row so far, and how many rows it has had. */
  const chains = new Map<number, { prevHash: string; count: number }>();
  let lastId = 0;
  let checked = 0;
  let keyedSeen = false;
  /** Per chain of the checkpoint: its head row's hash as found, and the chain's rows up to it. */
  const found = new Map<number, { hash: string; count: number }>();
  for (;;) {
    const rows = await conn
      .select({ row: auditLog, micros: sql<string>`(extract(epoch from ${auditLog.occurredAt}) * 1000000)::bigint::text` })
      .from(auditLog)
      .where(gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const { row, micros } of rows) {
      const chain = chains.get(row.chain) ?? { prevHash: GENESIS_HASH, count: 0 };
      if (row.prevHash !== chain.prevHash) return { ok: false, checked, brokenAt: row.id, problem: "chain_break" };
      if (row.alg === 1 && keyedSeen) return { ok: false, checked, brokenAt: row.id, problem: "downgraded" };
      const expected =
        row.alg === 1 ? legacyAuditHash(chain.prevHash, row) : keyedAuditHash(key, chain.prevHash, { ...row, occurredAtMicros: micros });
      if (row.alg !== 1 && row.alg !== 2) return { ok: false, checked, brokenAt: row.id, problem: "hash_mismatch" };
      if (expected !== row.hash) return { ok: false, checked, brokenAt: row.id, problem: "hash_mismatch" };
      keyedSeen ||= row.alg === 2;
      chains.set(row.chain, { prevHash: row.hash, count: chain.count + 1 });
      lastId = row.id;
      checked++;
      const head = cp?.heads.find((h) => h.chain === row.chain);
      if (head && row.id === head.id) found.set(row.chain, { hash: row.hash, count: chain.count + 1 });
    }
  }
  if (!cp) return { ok: true, checked, checkpoint: "none" };
  // The earliest head that is not as signed is named.
  for (const head of [...cp.heads].sort((a, b) => a.id - b.id)) {
    const at = found.get(head.chain);
    if (!at) return { ok: false, checked, brokenAt: head.id, problem: "truncated" };
    if (at.hash !== head.hash) return { ok: false, checked, brokenAt: head.id, problem: "rewritten" };
    if (at.count < head.count) return { ok: false, checked, brokenAt: head.id, problem: "truncated" };
  }
  return { ok: true, checked, checkpoint: "matched" };
}
