import "server-only";
import { sql } from "drizzle-orm";
import bossVersion from "pg-boss/version.json";
import type { Conn } from "@/db/client";
import journal from "@/db/migrations/meta/_journal.json";
import { rowsOf } from "@/db/rows";
import { logUnexpected } from "@/lib/errors";
import { JOB_SCHEMA, QUEUES, SCHEDULED_QUEUES } from "@/lib/jobs/queues";

/**
 * Whether this instance can serve (/api/ready): the database answers, every migration of the journal is applied,
 * and the job engine is installed at the schema version this pg-boss expects, with every queue the app uses. Each
 * check answers "ok" or a short reason — never an error's text or stack, which go to the log under a reference id.
 */

export type CheckName = "database" | "migrations" | "jobs";
export type Readiness = { ok: boolean; checks: Record<CheckName, string> };
export type JournalEntry = { tag: string; when: number };

export const JOURNAL: readonly JournalEntry[] = journal.entries;
export const JOB_SCHEMA_VERSION: number = bossVersion.schema;
const APP_QUEUES: readonly string[] = [...Object.values(QUEUES).map((q) => q.name), ...SCHEDULED_QUEUES];

const unreadable = (e: unknown, check: CheckName) => `not readable (${logUnexpected(e, { check })})`;

async function one<T>(conn: Conn, query: ReturnType<typeof sql>): Promise<T | undefined> {
  return rowsOf<T>(await conn.execute(query))[0];
}

/** Drizzle's migrator records each applied migration by its journal timestamp (`created_at` = the entry's `when`). */
async function migrationsCheck(conn: Conn, entries: readonly JournalEntry[]): Promise<string> {
  try {
    const table = await one<{ t: string | null }>(conn, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
    if (!table?.t) return "not migrated: no migrations table";
    const rows = rowsOf<{ created_at: string | number | bigint }>(await conn.execute(sql`select created_at from drizzle.__drizzle_migrations`));
    const applied = new Set(rows.map((r) => String(r.created_at)));
    const missing = entries.filter((e) => !applied.has(String(e.when))).map((e) => e.tag);
    return missing.length === 0 ? "ok" : `not applied: ${missing.join(", ")}`;
  } catch (e) {
    return unreadable(e, "migrations");
  }
}

async function jobsCheck(conn: Conn): Promise<string> {
  const schema = sql.raw(JOB_SCHEMA);
  try {
    const table = await one<{ t: string | null }>(conn, sql`select to_regclass(${`${JOB_SCHEMA}.version`})::text as t`);
    if (!table?.t) return "not installed: no pg-boss schema";
    const row = await one<{ version: number | string }>(conn, sql`select version from ${schema}.version`);
    const version = Number(row?.version);
    if (version !== JOB_SCHEMA_VERSION) return `pg-boss schema at version ${row ? version : "none"}, expected ${JOB_SCHEMA_VERSION}`;
    const names = new Set(rowsOf<{ name: string }>(await conn.execute(sql`select name from ${schema}.queue`)).map((r) => r.name));
    const missing = APP_QUEUES.filter((q) => !names.has(q));
    return missing.length === 0 ? "ok" : `missing queues: ${missing.join(", ")}`;
  } catch (e) {
    return unreadable(e, "jobs");
  }
}

/** The three checks, in order; when the database does not answer the others are skipped. */
export async function checkReadiness(conn: Conn, opts: { journal?: readonly JournalEntry[] } = {}): Promise<Readiness> {
  let database = "ok";
  try {
    await conn.execute(sql`select 1`);
  } catch (e) {
    database = `unreachable (${logUnexpected(e, { check: "database" })})`;
  }
  const skipped = "skipped: the database does not answer";
  const checks: Record<CheckName, string> =
    database === "ok"
      ? { database, migrations: await migrationsCheck(conn, opts.journal ?? JOURNAL), jobs: await jobsCheck(conn) }
      : { database, migrations: skipped, jobs: skipped };
  return { ok: Object.values(checks).every((c) => c === "ok"), checks };
}
