import "server-only";
import { asc, gt, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { auditLog } from "@/db/schema";
import { GENESIS_HASH, keyedAuditHash, legacyAuditHash } from "./chain";
import type { Checkpoint } from "./checkpoint";
import { auditKey } from "./key";

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
 * Walks the whole chain in id order and names the first row whose content or link does not match; then, given the
 * newest signed checkpoint (kept outside the database), checks the log still holds that head with that hash and at
 * least that many rows — which is what exposes a cut tail or a chain recomputed from a rewritten row.
 */
export async function verifyAuditChain(
  conn: Conn,
  opts: { batchSize?: number; key?: string; checkpoint?: Checkpoint | null } = {},
): Promise<AuditVerification> {
  const key = opts.key ?? auditKey();
  const batchSize = opts.batchSize ?? 5000;
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  let keyedSeen = false;
  let atCheckpoint: { hash: string; count: number } | null = null;
  for (;;) {
    const rows = await conn
      .select({ row: auditLog, micros: sql<string>`(extract(epoch from ${auditLog.occurredAt}) * 1000000)::bigint::text` })
      .from(auditLog)
      .where(gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const { row, micros } of rows) {
      if (row.prevHash !== prevHash) return { ok: false, checked, brokenAt: row.id, problem: "chain_break" };
      if (row.alg === 1 && keyedSeen) return { ok: false, checked, brokenAt: row.id, problem: "downgraded" };
      const expected = row.alg === 1 ? legacyAuditHash(prevHash, row) : keyedAuditHash(key, prevHash, { ...row, occurredAtMicros: micros });
      if (row.alg !== 1 && row.alg !== 2) return { ok: false, checked, brokenAt: row.id, problem: "hash_mismatch" };
      if (expected !== row.hash) return { ok: false, checked, brokenAt: row.id, problem: "hash_mismatch" };
      keyedSeen ||= row.alg === 2;
      prevHash = row.hash;
      lastId = row.id;
      checked++;
      if (opts.checkpoint && row.id === opts.checkpoint.headId) atCheckpoint = { hash: row.hash, count: checked };
    }
  }
  const cp = opts.checkpoint;
  if (!cp) return { ok: true, checked, checkpoint: "none" };
  if (!atCheckpoint) return { ok: false, checked, brokenAt: cp.headId, problem: "truncated" };
  if (atCheckpoint.hash !== cp.headHash) return { ok: false, checked, brokenAt: cp.headId, problem: "rewritten" };
  if (atCheckpoint.count < cp.count) return { ok: false, checked, brokenAt: cp.headId, problem: "truncated" };
  return { ok: true, checked, checkpoint: "matched" };
}
