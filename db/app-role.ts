import "server-only";
import { sql } from "drizzle-orm";
import { openDb, type DbHandle } from "./client";

/**
 * The role the app works as once the database is migrated (db/migrations/0016_app_role.sql): every table to read
 * and write, except the audit log, which it may only read and append to. Not the tables' owner, it cannot disable
 * the audit log's append-only triggers either. Migrations, the seed and the `dsr` command line run as the owner.
 */
export const APP_ROLE = "dsr_app";

/**
 * `handle` working as APP_ROLE from now on: the embedded database switches its one connection; on PostgreSQL a new
 * pool opens on `databaseUrl` (the app's DATABASE_URL: the owner's, or a login role granted APP_ROLE, SECURITY.md)
 * with the role as a startup parameter, and the owner's closes.
 */
export async function asAppRole(handle: DbHandle, databaseUrl?: string): Promise<DbHandle> {
  if (handle.kind === "pglite") {
    await handle.db.execute(sql.raw(`set role ${APP_ROLE}`));
    return handle;
  }
  if (!databaseUrl) throw new Error("asAppRole: the PostgreSQL URL is required");
  const restricted = await openDb({ databaseUrl, role: APP_ROLE });
  await handle.close();
  return restricted;
}
