import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Conn, DbHandle } from "@/db/client";

/** What pg-boss needs of a database: `executeSql(text, values)` answering `{ rows }`. */
export type JobDb = { executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };

export type PgliteClient = {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  exec(text: string): Promise<unknown>;
};
export type PostgresClient = { unsafe(text: string, values?: unknown[]): Promise<Record<string, unknown>[]> };

/** JSON objects go as text (pg-boss casts them, `$3::jsonb`); arrays (of ids, `$2::uuid[]`) as arrays; dates as ISO instants. */
function param(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === "object" && !Array.isArray(v)) return JSON.stringify(v);
  return v;
}

/** pg-boss on a PGlite client: statements without parameters (its installation, migrations) through `exec`. */
export function jobDbOnPglite(client: PgliteClient): JobDb {
  return {
    async executeSql(text, values) {
      if (!values || values.length === 0) {
        const results = (await client.exec(text)) as { rows: Record<string, unknown>[] }[];
        return { rows: results.at(-1)?.rows ?? [] };
      }
      return { rows: (await client.query(text, values.map(param))).rows };
    },
  };
}

/** pg-boss on a postgres.js client: statements without parameters as simple queries (several statements at once). */
export function jobDbOnPostgres(client: PostgresClient): JobDb {
  return {
    async executeSql(text, values) {
      const rows = values && values.length > 0 ? await client.unsafe(text, values.map(param) as never[]) : await client.unsafe(text);
      return { rows: Array.isArray(rows) ? [...rows] : [] };
    },
  };
}

/**
 * pg-boss on a database handle's own connection: the embedded database has only one; on PostgreSQL the handle's
 * pool (the app's, working as its role).
 */
export function jobDbFor(handle: DbHandle): JobDb {
  const client = (handle.db as unknown as { $client: unknown }).$client;
  return handle.kind === "pglite" ? jobDbOnPglite(client as PgliteClient) : jobDbOnPostgres(client as PostgresClient);
}

/**
 * pg-boss inside a Drizzle transaction (or on a Drizzle connection): a job sent with `{ db: jobDbIn(tx) }` exists if
 * and only if the transaction commits. Parameterised statements only (`$n` placeholders become Drizzle parameters).
 */
export function jobDbIn(conn: Conn): JobDb {
  return {
    async executeSql(text, values = []) {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = [];
      for (let i = 0; i < parts.length; i++) {
        if (i % 2 === 0) chunks.push(sql.raw(parts[i]!));
        else chunks.push(sql.param(param(values[Number(parts[i]) - 1])) as unknown as SQL);
      }
      const result = (await conn.execute(sql.join(chunks))) as unknown;
      const rows = Array.isArray(result) ? result : ((result as { rows?: Record<string, unknown>[] }).rows ?? []);
      return { rows: [...rows] as Record<string, unknown>[] };
    },
  };
}
