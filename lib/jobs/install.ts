import "server-only";
import { createRequire } from "node:module";
import PgBoss from "pg-boss";
import type { JobDb } from "./adapter";
import { JOB_SCHEMA, QUEUES, SCHEDULED_QUEUE_OPTIONS, SCHEDULED_QUEUES } from "./queues";

/**
 * Installs or upgrades pg-boss's schema, creates the queues and lets the app's restricted role use them. Runs as the
 * tables' owner with the migrations (db/migrate.ts), before the app switches to `appRole` (db/app-role.ts): the app
 * then only reads and writes pg-boss's rows and runs its functions.
 */
export async function installJobEngine(db: JobDb, appRole: string): Promise<void> {
  const boss = new PgBoss({ db, schema: JOB_SCHEMA, supervise: false, schedule: false, migrate: false });
  if (!(await boss.isInstalled())) {
    await db.executeSql(PgBoss.getConstructionPlans(JOB_SCHEMA));
  } else {
    const version = Number(await boss.schemaVersion());
    const current = (createRequire(import.meta.url)("pg-boss/version.json") as { schema: number }).schema;
    if (version < current) await db.executeSql(PgBoss.getMigrationPlans(JOB_SCHEMA, String(version) as never));
  }
  for (const q of Object.values(QUEUES)) await boss.createQueue(q.name, { name: q.name, ...q.options });
  for (const name of SCHEDULED_QUEUES) await boss.createQueue(name, { name, ...SCHEDULED_QUEUE_OPTIONS });
  await db.executeSql(
    [
      `grant usage on schema ${JOB_SCHEMA} to ${appRole}`,
      `grant select, insert, update, delete on all tables in schema ${JOB_SCHEMA} to ${appRole}`,
      `grant execute on all functions in schema ${JOB_SCHEMA} to ${appRole}`,
      `alter default privileges in schema ${JOB_SCHEMA} grant select, insert, update, delete on tables to ${appRole}`,
    ].join(";\n"),
  );
}
