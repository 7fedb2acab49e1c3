import { randomBytes } from "node:crypto";
import { openDb, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";

export type TestDb = {
  handle: DbHandle;
  /** The fresh database's URL on PostgreSQL; undefined on in-memory PGlite. */
  databaseUrl?: string;
  /** Closes the handle and, on PostgreSQL, drops the database. Safe to call twice. */
  cleanup(): Promise<void>;
};

/**
 * A fresh, migrated database for one test file. With DATABASE_URL unset: an in-memory PGlite. With
 * DATABASE_URL set: a new database with a random name on that server (created and dropped through a
 * separate connection on DATABASE_URL), so test files never see each other's rows.
 */
export async function createTestDb(): Promise<TestDb> {
  const serverUrl = process.env.DATABASE_URL?.trim();
  if (!serverUrl) {
    const handle = await openDb({});
    await migrateDb(handle);
    let closed = false;
    return {
      handle,
      cleanup: async () => {
        if (closed) return;
        closed = true;
        await handle.close();
      },
    };
  }

  const { default: postgres } = await import("postgres");
  const name = `dsr_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = () => postgres(serverUrl, { max: 1, onnotice: () => {} });
  const creator = admin();
  try {
    await creator.unsafe(`create database "${name}"`);
  } finally {
    await creator.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();

  const drop = async () => {
    const dropper = admin();
    try {
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await dropper.end({ timeout: 5 });
    }
  };

  let handle: DbHandle;
  try {
    handle = await openDb({ databaseUrl });
    await migrateDb(handle, databaseUrl);
  } catch (e) {
    await drop().catch(() => {});
    throw e;
  }
  let cleaned = false;
  return {
    handle,
    databaseUrl,
    cleanup: async () => {
      if (cleaned) return;
      cleaned = true;
      try {
        await handle.close();
      } finally {
        await drop();
      }
    },
  };
}
