/**
 * The read pool (db/client.ts DbHandle.readDb, getReadDb): on PostgreSQL a pool of its own on the same database (or
 * DATABASE_READ_URL), that answers while every connection of the write pool is held by a blocked writer; on PGlite
 * the one connection.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { createTestDb } from "@/test/db";

let handle: DbHandle;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDb();
  handle = t.handle;
  cleanup = t.cleanup;
});
afterAll(() => cleanup());

describe("the read pool", () => {
  it("reads what the write side committed", async () => {
    await handle.db.execute(sql`insert into dsr.statutory_holidays (day, name) values ('2099-01-01', '读池测试') on conflict do nothing`);
    const reader = handle.readDb ? await handle.readDb() : handle.db;
    const rows = rowsOf<{ name: string }>(await reader.execute(sql`select name from dsr.statutory_holidays where day = '2099-01-01'`));
    expect(rows).toEqual([{ name: "读池测试" }]);
    if (handle.kind === "pglite") expect(handle.readDb).toBeUndefined();
  });

  it.runIf(process.env.DATABASE_URL)("answers while every write connection waits on a lock", async () => {
    const reader = await handle.readDb!();
    // Hold a row lock in one transaction, and queue the rest of the write pool (10 connections) behind it.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = handle.db.transaction(async (tx) => {
      await tx.execute(sql`select * from dsr.dashboard_state where id = 1 for update`);
      locked();
      await held;
    });
    await isLocked;
    const waiters = Array.from({ length: 12 }, () =>
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`select * from dsr.dashboard_state where id = 1 for update`);
      }),
    );
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    const rows = rowsOf<{ n: number }>(await reader.execute(sql`select 1 as n`));
    expect(rows).toEqual([{ n: 1 }]);
    expect(Date.now() - t0).toBeLessThan(2000);
    release();
    await Promise.all([holder, ...waiters]);
  });
});
