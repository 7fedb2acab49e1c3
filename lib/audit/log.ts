import { desc, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { auditLog } from "@/db/schema";
import { auditHash, GENESIS_HASH } from "./chain";

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
 * Appends a row to the tamper-evident audit log inside the caller's transaction, so the audited change and
 * its audit row commit together. Appends are serialised (a transaction-scoped advisory lock) so the chain
 * never forks when two transactions audit at once.
 */
export async function appendAudit(tx: Conn, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7312002)`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    occurredAt: entry.now ?? new Date(),
    actorId: entry.actorId,
    action: entry.action,
    requestId: entry.requestId ?? null,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    data: entry.data ?? {},
  };
  await tx.insert(auditLog).values({ ...row, prevHash, hash: auditHash(prevHash, row) });
}
