import { asc, gt } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { auditLog } from "@/db/schema";
import { auditHash, GENESIS_HASH } from "./chain";

export type AuditVerification =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAt: number; problem: "hash_mismatch" | "chain_break" };

/** Walks the whole chain in id order and names the first row whose content or link does not match. */
export async function verifyAuditChain(conn: Conn, batchSize = 5000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await conn.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prevHash !== prevHash) return { ok: false, checked, brokenAt: row.id, problem: "chain_break" };
      if (auditHash(prevHash, row) !== row.hash) return { ok: false, checked, brokenAt: row.id, problem: "hash_mismatch" };
      prevHash = row.hash;
      lastId = row.id;
      checked++;
    }
  }
}
