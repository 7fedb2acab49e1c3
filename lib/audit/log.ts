import "server-only";
import { sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { auditLog } from "@/db/schema";
import { CURRENT_ALG, GENESIS_HASH, keyedAuditHash, microsOf } from "./chain";
import { auditKey } from "./key";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  requestId?: string | null;
  data?: Record<string, unknown>;
  now?: Date;
};

/**
 * How many chains the log is kept in. Each has its own lock, so this many transactions can append at once; with one,
 * every filing waited for the one before it to commit (issue 17: at two server instances, 13 of 20 busy connections).
 */
export const AUDIT_CHAINS = 8;

/**
 * Appends a row to the tamper-evident audit log (keyed hash chains, lib/audit/chain.ts) inside the caller's
 * transaction, so the audited change and its audit row commit together. A transaction appends to one chain, under
 * that chain's transaction-scoped lock, so no chain ever forks when two transactions audit at once.
 */
export async function appendAudit(tx: Conn, entry: AuditEntry): Promise<void> {
  // Under the chain's lock, its head's hash and the next id (the id is part of what is hashed, so it is taken before
  // the insert, in order): one round trip (dsr.audit_lock_head, migration 0025).
  const [head] = rowsOf<{ chain: number; prev_hash: string | null; next_id: number | string }>(
    await tx.execute(sql`select * from dsr.audit_lock_head(${AUDIT_CHAINS}::integer)`),
  );
  const prevHash = head?.prev_hash ?? GENESIS_HASH;
  const row = {
    occurredAt: entry.now ?? new Date(),
    actorId: entry.actorId,
    action: entry.action,
    requestId: entry.requestId ?? null,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    data: entry.data ?? {},
  };
  const id = Number(head!.next_id);
  const keyed = { ...row, id, occurredAtMicros: microsOf(row.occurredAt) };
  await tx.insert(auditLog).values({ ...row, id, chain: head!.chain, prevHash, hash: keyedAuditHash(auditKey(), prevHash, keyed), alg: CURRENT_ALG });
}
