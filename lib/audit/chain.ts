import { createHash, createHmac } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);
/** The hash new rows carry: HMAC-SHA-256 with the audit key (audit_log.alg = 2). */
export const CURRENT_ALG = 2;

export type AuditFields = {
  occurredAt: Date;
  actorId: string | null;
  action: string;
  requestId: string | null;
  entity: string;
  entityId: string | null;
  data: Record<string, unknown>;
};

/** A row as the keyed hash sees it: every column, the id and the time to the microsecond (as PostgreSQL keeps it). */
export type KeyedAuditFields = AuditFields & { id: number; occurredAtMicros: string };

/** JSON with object keys sorted at every level, so a row hashes the same after a round trip through jsonb. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** Microseconds since the epoch, as text: how a JS moment is stored in a timestamptz column. */
export const microsOf = (d: Date) => (BigInt(d.getTime()) * 1000n).toString();

/**
 * The hash of a row (alg 2): an HMAC with a key kept outside the database, over the hash of the row before it and
 * every column of this one. Without the key nobody can recompute a chain after rewriting a row, and moving a row's
 * id or its time by a microsecond changes its hash.
 */
export function keyedAuditHash(key: string, prevHash: string, row: KeyedAuditFields): string {
  return createHmac("sha256", key)
    .update(prevHash)
    .update("\n")
    .update(
      canonicalJson({
        id: String(row.id),
        occurredAt: row.occurredAtMicros,
        actorId: row.actorId,
        action: row.action,
        requestId: row.requestId,
        entity: row.entity,
        entityId: row.entityId,
        data: row.data,
      }),
    )
    .digest("hex");
}

/** The hash of rows written before keyed hashing (alg 1): plain SHA-256 of the content. Verified, never written. */
export function legacyAuditHash(prevHash: string, row: AuditFields): string {
  return createHash("sha256")
    .update(prevHash)
    .update("\n")
    .update(
      canonicalJson({
        occurredAt: row.occurredAt.toISOString(),
        actorId: row.actorId,
        action: row.action,
        requestId: row.requestId,
        entity: row.entity,
        entityId: row.entityId,
        data: row.data,
      }),
    )
    .digest("hex");
}
