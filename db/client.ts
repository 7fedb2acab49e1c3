import "server-only";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { acquireDataDirLock } from "./lock";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A database or a transaction: data-access functions accept either. */
export type Conn = Db | Tx;

export type DbHandle = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Where the data lives, for messages: a directory, `memory`, or the server URL without its password. */
  location: string;
  close(): Promise<void>;
  /**
   * The pool staff and manager pages read through (getReadDb): on PostgreSQL a pool of its own, opened on first use
   * on DATABASE_READ_URL (a replica) or else the same database, so reads never wait behind writers for a
   * connection; unset (PGlite, one connection): `db`.
   */
  readDb?(): Promise<Db>;
};

/** `role`: the role every statement runs as (SET ROLE for the connection's whole life), e.g. db/app-role.ts's. */
export type OpenOptions = { databaseUrl?: string; pgliteDir?: string; role?: string };

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// Shared through globalThis so the start script and the code Next bundles use one connection per process.
const KEY = Symbol.for("xiaolu.dsr.db");
type Holder = { [KEY]?: DbHandle };
const holder = globalThis as Holder;

export async function openDb(opts: OpenOptions): Promise<DbHandle> {
  if (opts.role !== undefined && !ROLE_NAME.test(opts.role)) throw new Error(`openDb: not a role name: ${opts.role}`);
  if (opts.databaseUrl) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    // A startup parameter: every pooled connection is the role from its first statement, and RESET ROLE returns to it.
    const client = preparedByDefault(
      postgres(opts.databaseUrl, { max: 10, onnotice: () => {}, ...(opts.role ? { connection: { role: opts.role } } : {}) }),
    );
    const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Db;
    let reader: Promise<DbHandle> | undefined;
    const readUrl = process.env.DATABASE_READ_URL?.trim() || opts.databaseUrl;
    return {
      db,
      kind: "postgres",
      location: redact(opts.databaseUrl),
      readDb: async () => (await (reader ??= openDb({ databaseUrl: readUrl, role: opts.role }))).db,
      close: async () => {
        if (reader) await (await reader.catch(() => undefined))?.close();
        await client.end({ timeout: 5 });
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  // Trigram indexes for the queue's search (migration 0021): PGlite loads the module in its constructor.
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = opts.pgliteDir ?? "memory://";
  const inMemory = dir.startsWith("memory://");
  const release = inMemory ? () => {} : acquireDataDirLock(dir);
  try {
    const extensions = { pg_trgm };
    const client = inMemory ? new PGlite({ extensions }) : new PGlite(path.resolve(dir), { extensions });
    await client.waitReady;
    if (opts.role) await client.exec(`set role ${opts.role}`);
    const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      location: inMemory ? "memory" : path.resolve(dir),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** Makes `handle` the process's database (the app, a CLI command, a test). */
export function setDbHandle(handle: DbHandle | undefined) {
  holder[KEY] = handle;
}

export function currentDbHandle(): DbHandle | undefined {
  return holder[KEY];
}

let opening: Promise<DbHandle> | undefined;

/** The process's database, opened on first use from the environment. */
export async function getDbHandle(): Promise<DbHandle> {
  const existing = holder[KEY];
  if (existing) return existing;
  opening ??= (async () => {
    const { env } = await import("../lib/env");
    const e = env();
    const handle = await openDb({ databaseUrl: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR });
    holder[KEY] ??= handle;
    return holder[KEY]!;
  })();
  return opening;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/**
 * The process's database for pages that only read (the queue, a request's page, the dashboard): its read pool
 * (DbHandle.readDb), so staff pages keep their speed while patients file. On a replica (DATABASE_READ_URL) what was
 * just written may show a moment later; anything that writes, or reads to decide a write, uses getDb().
 */
export async function getReadDb(): Promise<Db> {
  const handle = await getDbHandle();
  return handle.readDb ? handle.readDb() : handle.db;
}

type PgClient = import("postgres").Sql;

/**
 * Drizzle sends every statement unnamed (parsed and planned anew each time); on a connection that runs the same few
 * dozen statements all day, naming them lets PostgreSQL parse once per connection and postgres.js skip describing the
 * result (measured: about a quarter more filings a second, lib/requests/create.ts). Scripts of several statements
 * without parameters (migrations, pg-boss's installation) cannot be prepared and go as simple queries, as before.
 * Transactions and savepoints hand their own connection to the callback, so it is wrapped too.
 */
function preparedByDefault(client: PgClient): PgClient {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === "unsafe") {
        return (text: string, params?: unknown[], options?: { prepare?: boolean }) =>
          target.unsafe(text, params as never, { ...options, prepare: Boolean(params?.length) || !text.includes(";") });
      }
      if (prop === "begin" || prop === "savepoint") {
        return (...args: unknown[]) => {
          const fn = args.pop() as (sql: PgClient) => unknown;
          const method = Reflect.get(target, prop, target) as (...a: unknown[]) => unknown;
          return method.apply(target, [...args, (sql: PgClient) => fn(preparedByDefault(sql))]);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function redact(url: string) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres";
  }
}
