/**
 * npm run db:seed [-- --requests N]
 *
 * Migrates, then seeds the demo data set if the database has no users yet. With --requests N it also adds N
 * benchmark requests over the last 365 days (on an already seeded database: only those). Reads DATABASE_URL /
 * PGLITE_DIR like the app. Exit codes: 0 done (or already seeded), 1 failure, 2 bad arguments.
 */
import { openDb, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { addBenchmarkRequests, DEMO_ACCOUNTS, isSeeded, seedDatabase, type SeedSummary } from "@/db/seed";
import { parseEnv } from "@/lib/env";

const USAGE = "npm run db:seed [-- --requests N]";
const HELP = `usage: ${USAGE}
  Migrates the database (DATABASE_URL, or the embedded one in PGLITE_DIR) and seeds the demo data if it has no users.
  --requests N   also add N benchmark requests over the last 365 days (on a seeded database: only those)`;
const MAX_REQUESTS = 50_000_000;

class UsageError extends Error {}

export function parseSeedArgs(argv: readonly string[]): { requests: number | undefined; help: boolean } {
  let requests: number | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h" || arg === "--help") {
      help = true;
      continue;
    }
    let value: string | undefined;
    if (arg === "--requests") {
      value = argv[++i];
      if (value === undefined) throw new UsageError("--requests needs a number, e.g. --requests 1000000");
    } else if (arg.startsWith("--requests=")) {
      value = arg.slice("--requests=".length);
    } else {
      throw new UsageError(`unknown argument "${arg}"`);
    }
    if (requests !== undefined) throw new UsageError("--requests given twice");
    const digits = value.replaceAll("_", "").replaceAll(",", "");
    if (!/^\d+$/.test(digits)) throw new UsageError(`--requests must be a whole number ≥ 0, got "${value}"`);
    const n = Number(digits);
    if (n > MAX_REQUESTS) throw new UsageError(`--requests must be at most ${MAX_REQUESTS.toLocaleString("en")}, got ${value}`);
    requests = n;
  }
  return { requests, help };
}

function printAccounts() {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out("Demo accounts:");
  out("  Staff (email / password):");
  for (const s of DEMO_ACCOUNTS.staff) out(`    ${s.role.padEnd(8)} ${s.email.padEnd(24)} ${s.password.padEnd(18)} ${s.name}`);
  out("  Patients (phone number + SMS code; in the demo the code is shown at /dev/outbox):");
  for (const p of DEMO_ACCOUNTS.patients) out(`    ${p.phone}  ${p.name}`);
}

function printSummary(s: SeedSummary) {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const p = s.platform;
  out(`  calendar: ${s.calendarYears} years, ${s.calendarDays} days; SLA policies: ${s.slaPolicies}`);
  out(`  users: ${s.staff} staff, ${s.patients} patients`);
  out(
    `  platform: ${p.accounts} accounts, ${p.realNames} real-name records, ${p.consultations} consultations (${p.photos} photos), ` +
      `${p.appointments} appointments, ${p.prescriptions} prescriptions, ${p.orders} orders, ${p.addresses} addresses, ` +
      `${p.bankCards} bank cards, ${p.consents} consents, ${p.decisions} automated decisions, ${p.browsingLogs} browsing logs`,
  );
  out(`  requests: ${s.requests} (${s.events} events, ${s.messages} messages, ${s.attachments} attachments)`);
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseSeedArgs>;
  try {
    args = parseSeedArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`db:seed: ${e.message} — usage: ${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }

  const env = parseEnv();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  let handle: DbHandle | undefined;
  try {
    handle = await openDb({ databaseUrl: env.DATABASE_URL, pgliteDir: env.DATABASE_URL ? undefined : env.PGLITE_DIR });
    await migrateDb(handle, env.DATABASE_URL);
    const started = Date.now();
    if (!(await isSeeded(handle.db))) {
      log(`Seeding ${handle.location}…`);
      const summary = await seedDatabase(handle.db, { requests: args.requests, log });
      if (summary.alreadySeeded) log("Another process seeded the database meanwhile.");
      else printSummary(summary);
      log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      printAccounts();
    } else if (args.requests) {
      log(`${handle.location} is already seeded; adding ${args.requests.toLocaleString("en")} benchmark requests…`);
      const b = await addBenchmarkRequests(handle.db, args.requests, { log });
      log(`Added ${b.requests.toLocaleString("en")} requests and ${b.events.toLocaleString("en")} events in ${(b.ms / 1000).toFixed(1)} s.`);
    } else {
      log(`${handle.location} is already seeded; nothing to do.`);
    }
    return 0;
  } finally {
    await handle?.close();
  }
}

// `npm run db:seed | head`: a closed pipe is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // One line, no stack: a locked data directory, a bad environment, a database that cannot be reached.
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`db:seed: ${message.split("\n")[0]}\n`);
    process.exitCode = 1;
  },
);
