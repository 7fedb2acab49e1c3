/**
 * `npm start`: one command from a fresh clone to a running portal. Takes the database (refusing at once if
 * another process holds the embedded one), builds when the sources changed, migrates, seeds an empty embedded
 * database, prints the demo accounts and serves Next.js in this same process, which keeps the one connection.
 */
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import path from "node:path";
import { parse } from "node:url";
import { asAppRole } from "../db/app-role";
import { currentDbHandle, openDb, setDbHandle } from "../db/client";
import { DataDirLockedError } from "../db/lock";
import { migrateDb } from "../db/migrate";
import { ensureReferenceData } from "../db/reference-data";
import { isSeeded, seedDatabase } from "../db/seed";
import { EnvError, parseEnv } from "../lib/env";
import { startWorker, type Worker } from "../lib/jobs/worker";
import { mailerFromEnv } from "../lib/email/transport";
import { smsProviderFromEnv } from "../lib/sms/providers";
import { printDemoAccounts } from "./lib/demo-accounts";
import { ensureSecret } from "./lib/secret";
import { sourcesHash, readBuiltHash, writeBuiltHash } from "./lib/build-hash";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  // The embedded demo shows its SMS outbox; a deployment on PostgreSQL does not unless asked.
  if (!process.env.DATABASE_URL) process.env.DEMO_MODE ??= "1";
  let env;
  try {
    env = parseEnv();
  } catch (e) {
    if (e instanceof EnvError) fail(e.message);
    throw e;
  }
  (process.env as Record<string, string>).NODE_ENV = "production";
  process.env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;
  if (!process.env.NEXTAUTH_SECRET) {
    process.env.NEXTAUTH_SECRET = ensureSecret(path.join(root, ".data", "nextauth-secret"));
    if (env.DATABASE_URL) console.warn("NEXTAUTH_SECRET is not set: using a secret kept in .data/. Set it when running several instances.");
  }

  let handle;
  try {
    // Migrations, the seed and the reference data as the tables' owner; then the app's restricted role.
    handle = await openDb({ databaseUrl: env.DATABASE_OWNER_URL ?? env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
  } catch (e) {
    if (e instanceof DataDirLockedError) fail(e.message);
    throw e;
  }
  setDbHandle(handle);
  console.log(`Database: ${handle.kind === "pglite" ? `embedded PostgreSQL (PGlite) at ${handle.location}` : handle.location}`);

  const hash = sourcesHash(root);
  if (readBuiltHash(root) !== hash || process.argv.includes("--rebuild")) {
    console.log("Building the app (next build)…");
    const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build", "--webpack"], {
      stdio: "inherit",
      env: { ...process.env },
    });
    if (build.status !== 0) fail("The build failed; see the output above.");
    writeBuiltHash(root, hash);
  }

  await migrateDb(handle, env.DATABASE_OWNER_URL ?? env.DATABASE_URL);
  if (!(await isSeeded(handle.db))) {
    if (handle.kind === "pglite") {
      console.log("Empty embedded database: seeding demo data…");
      await seedDatabase(handle.db, { log: (line) => console.log(`  ${line}`) });
    } else {
      console.log("The database has no users yet: run `npm run db:seed` to load the demo data.");
    }
  }
  // After the seed (which writes its own): the calendar and deadlines every database needs, demo or not.
  await ensureReferenceData(handle.db);
  // From here on the app works as a role that may only read and append to the audit log (db/app-role.ts).
  handle = await asAppRole(handle, env.DATABASE_URL);
  setDbHandle(handle);
  // The job worker (SMS delivery…) in this process, on the same connection and role (lib/jobs/worker.ts). On
  // PostgreSQL, JOBS_WORKER=0 leaves the jobs to separate `npm run worker` processes.
  let worker: Worker | undefined;
  if (env.JOBS_WORKER === "1" || handle.kind === "pglite") {
    worker = await startWorker(handle, {
      smsProvider: smsProviderFromEnv(env),
      mailer: mailerFromEnv(env),
      siteUrl: env.NEXTAUTH_URL,
      schedules: env.JOBS_SCHEDULES === "1",
      proofRetentionDays: env.PROOF_RETENTION_DAYS,
    });
    console.log(
      `Jobs: a worker runs in this process${env.JOBS_SCHEDULES === "1" ? ", with the schedules" : ", schedules off"}; SMS through ${env.SMS_PROVIDER}; staff e-mail ${env.SMTP_URL ? "over SMTP" : "kept in the outbox"}.`,
    );
  }

  const { default: next } = await import("next");
  const hostname = process.env.HOSTNAME ?? "0.0.0.0";
  const app = next({ dev: false, dir: root, hostname, port: env.PORT });
  const handleRequest = app.getRequestHandler();
  await app.prepare();
  const trustProxy = process.env.TRUST_PROXY === "1";
  const server = createServer((req, res) => {
    // The client address the rate limits count by: the socket's, or the proxy's X-Forwarded-For when trusted.
    // Whatever a client sent under this name is overwritten.
    const forwarded = String(req.headers["x-forwarded-for"] ?? "")
      .split(",")[0]
      ?.trim();
    req.headers["x-dsr-client-ip"] = (trustProxy && forwarded) || req.socket.remoteAddress || "unknown";
    return handleRequest(req, res, parse(req.url ?? "/", true));
  });
  // Idle keep-alive connections stay open longer than clients' and load balancers' (often 60 s): a client that
  // reuses a connection just as the server closes it (Node's default is 5 s) gets a reset instead of an answer.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(env.PORT, hostname, async () => {
    console.log(`\n小鹿中医 personal-information rights portal: http://localhost:${env.PORT}`);
    if (process.env.DEMO_MODE === "1") console.log(`SMS codes (demo): http://localhost:${env.PORT}/dev/outbox`);
    if (await isSeeded(handle.db)) printDemoAccounts();
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    await worker?.stop().catch(() => {});
    await currentDbHandle()?.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? `Start failed: ${e.message}` : e);
  process.exit(1);
});
