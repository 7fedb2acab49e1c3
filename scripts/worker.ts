/**
 * `npm run worker`: a job worker alone, for deployments that run it apart from the web instances (any number of
 * each on one PostgreSQL; pg-boss runs each job once). `npm start` runs one in its own process already, which is
 * all the embedded database can have (one process per data directory). The database must be migrated (npm start
 * or `npm run db:migrate` as the owner); the worker works as the app's restricted role.
 */
import { APP_ROLE } from "../db/app-role";
import { openDb } from "../db/client";
import { EnvError, parseEnv } from "../lib/env";
import { startWorker } from "../lib/jobs/worker";
import { mailerFromEnv } from "../lib/email/transport";
import { smsProviderFromEnv } from "../lib/sms/providers";

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

async function main() {
  let env;
  try {
    env = parseEnv();
  } catch (e) {
    if (e instanceof EnvError) fail(e.message);
    throw e;
  }
  if (!env.DATABASE_URL)
    fail("npm run worker needs DATABASE_URL (PostgreSQL): on the embedded database `npm start` runs the worker in its own process.");
  const handle = await openDb({ databaseUrl: env.DATABASE_URL, role: APP_ROLE });
  let worker;
  try {
    worker = await startWorker(handle, {
      smsProvider: smsProviderFromEnv(env),
      mailer: mailerFromEnv(env),
      siteUrl: env.NEXTAUTH_URL,
      schedules: env.JOBS_SCHEDULES === "1",
      proofRetentionDays: env.PROOF_RETENTION_DAYS,
    });
  } catch (e) {
    await handle.close();
    fail(`The job engine did not start (${e instanceof Error ? e.message : String(e)}): migrate the database first (npm run db:migrate).`);
  }
  console.log(`Job worker on ${handle.location}; SMS through ${env.SMS_PROVIDER}.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    await handle.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? `Worker failed: ${e.message}` : e);
  process.exit(1);
});
