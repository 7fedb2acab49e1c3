import "server-only";
import path from "node:path";
import { sql } from "drizzle-orm";
import { jobDbFor, jobDbOnPostgres } from "../lib/jobs/adapter";
import { installJobEngine } from "../lib/jobs/install";
import { APP_ROLE } from "./app-role";
import type { DbHandle } from "./client";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** The app's role may read which migrations are applied (/api/ready, lib/observability/ready.ts), nothing more. */
const MIGRATIONS_READABLE = [`grant usage on schema drizzle to ${APP_ROLE}`, `grant select on drizzle.__drizzle_migrations to ${APP_ROLE}`];

/**
 * Applies the committed migrations. On PostgreSQL several app instances may start together, so the
 * migration runs on its own connection under an advisory lock; PGlite is single-process already. The job engine's
 * schema and queues (lib/jobs/install.ts) come with them, as the owner.
 */
export async function migrateDb(handle: DbHandle, databaseUrl?: string): Promise<void> {
  if (handle.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    for (const statement of MIGRATIONS_READABLE) await handle.db.execute(sql.raw(statement));
    await installJobEngine(jobDbFor(handle), APP_ROLE);
    return;
  }
  if (!databaseUrl) throw new Error("migrateDb: the PostgreSQL URL is required");
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(7312001)`;
    try {
      await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
      for (const statement of MIGRATIONS_READABLE) await client.unsafe(statement);
      await installJobEngine(jobDbOnPostgres(client), APP_ROLE);
    } finally {
      await client`select pg_advisory_unlock(7312001)`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}
