import { openDb, setDbHandle, type DbHandle } from "../../db/client";
import { DataDirLockedError } from "../../db/lock";
import { migrateDb } from "../../db/migrate";
import { ensureReferenceData } from "../../db/reference-data";
import { EnvError, parseEnv } from "../../lib/env";

/**
 * Opens the database a command-line tool works on, as the app does: the embedded one under PGLITE_DIR or the
 * server at DATABASE_URL, migrated and with its reference data. Known failures (a wrong environment, a data
 * directory held by another process) end the process with one line and exit code 1.
 */
export async function openDbForCli(): Promise<DbHandle> {
  try {
    const env = parseEnv();
    // The command line works as the tables' owner (db/app-role.ts).
    const databaseUrl = env.DATABASE_OWNER_URL ?? env.DATABASE_URL;
    const handle = await openDb({ databaseUrl, pgliteDir: env.PGLITE_DIR });
    setDbHandle(handle);
    await migrateDb(handle, databaseUrl);
    await ensureReferenceData(handle.db);
    return handle;
  } catch (e) {
    if (e instanceof EnvError || e instanceof DataDirLockedError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

/** Bad command-line arguments: one line on stderr, exit code 2. */
export function usageError(line: string): never {
  console.error(line);
  process.exit(2);
}
