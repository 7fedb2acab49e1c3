import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export type AuditFields = {
  occurredAt: Date;
  actorId: string | null;
  action: string;
  requestId: string | null;
  entity: string;
  entityId: string | null;
  data: Record<string, unknown>;
};

/** JSON with object keys sorted at every level, so a row hashes the same after a round trip through jsonb. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The hash of a row: its content chained to the hash of the row before it. */
export function auditHash(prevHash: string, row: AuditFields): string {
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
