/**
 * npm run db:seed [-- --requests N] [--now <ISO instant with offset>]
 *
 * Migrates, then seeds the demo data set if the database has no users yet. With --requests N it also adds N
 * benchmark requests over the last 365 days (on an already seeded database: only those). With --now the data is
 * seeded as of that moment instead of the real one (every time in the demo is relative to it), e.g.
 * `--now 2027-02-05T10:00:00+08:00`. Reads DATABASE_URL / PGLITE_DIR like the app. Exit codes: 0 done (or already
 * seeded), 1 failure, 2 bad arguments.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openDb, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { addBenchmarkRequests, DEMO_ACCOUNTS, isSeeded, seedDatabase, type SeedSummary } from "@/db/seed";
import { parseEnv } from "@/lib/env";
import { DEFAULT_INDEX_FROM_YEAR, DEFAULT_INDEX_TO_YEAR, formatShanghaiInstant } from "@/lib/sla";

const USAGE = "npm run db:seed [-- --requests N] [--now 2027-02-05T10:00:00+08:00]";
const HELP = `usage: ${USAGE}
  Migrates the database (DATABASE_URL, or the embedded one in PGLITE_DIR) and seeds the demo data if it has no users.
  --requests N   also add N benchmark requests over the last 365 days (on a seeded database: only those)
  --now INSTANT  seed as of this moment instead of now: an ISO 8601 instant with its offset (Z or ±hh:mm),
                 e.g. 2027-02-05T10:00:00+08:00; every date in the demo data is relative to it`;
const MAX_REQUESTS = 50_000_000;
/** The working-day calendar spans DEFAULT_INDEX_FROM_YEAR…TO_YEAR: a year of history before, deadlines after. */
const EARLIEST_NOW = Date.parse(`${DEFAULT_INDEX_FROM_YEAR + 1}-01-01T00:00:00+08:00`);
const LATEST_NOW = Date.parse(`${DEFAULT_INDEX_TO_YEAR}-06-30T23:59:59.999+08:00`);

class UsageError extends Error {}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 instant with its offset ("2027-02-05T10:00:00+08:00", "2027-02-05T02:00Z"), strictly: a real
 * calendar date and time of day, an offset within ±14:00. A time without an offset is refused — it would mean
 * the machine's zone.
 */
export function parseInstant(value: string): Date | null {
  const m = ISO_INSTANT.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number) as [number, number, number, number, number, number];
  const ms = Number(((m[7] ?? "") + "000").slice(0, 3));
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  let offsetMinutes = 0;
  if (m[8] !== "Z") {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (om > 59 || oh * 60 + om > 14 * 60) return null;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(y, mo - 1, d);
  utc.setUTCHours(h, mi, s, ms);
  return new Date(utc.getTime() - offsetMinutes * 60_000);
}

export type SeedArgs = { requests: number | undefined; now: Date | undefined; help: boolean };

export function parseSeedArgs(argv: readonly string[]): SeedArgs {
  let requests: number | undefined;
  let now: Date | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h" || arg === "--help") {
      help = true;
      continue;
    }
    let value: string | undefined;
    if (arg === "--now" || arg.startsWith("--now=")) {
      value = arg === "--now" ? argv[++i] : arg.slice("--now=".length);
      if (value === undefined) throw new UsageError("--now needs an instant, e.g. --now 2027-02-05T10:00:00+08:00");
      if (now !== undefined) throw new UsageError("--now given twice");
      const parsed = parseInstant(value);
      if (!parsed) throw new UsageError(`--now must be an ISO instant with its offset, e.g. 2027-02-05T10:00:00+08:00, got "${value}"`);
      if (parsed.getTime() < EARLIEST_NOW || parsed.getTime() > LATEST_NOW) {
        throw new UsageError(
          `--now must lie between ${DEFAULT_INDEX_FROM_YEAR + 1}-01-01 and ${DEFAULT_INDEX_TO_YEAR}-06-30 (the working-day calendar), got "${value}"`,
        );
      }
      now = parsed;
      continue;
    }
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
  return { requests, now, help };
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
    const asOf = args.now ? ` as of ${formatShanghaiInstant(args.now)}` : "";
    if (!(await isSeeded(handle.db))) {
      log(`Seeding ${handle.location}${asOf}…`);
      const summary = await seedDatabase(handle.db, { requests: args.requests, now: args.now, log });
      if (summary.alreadySeeded) log("Another process seeded the database meanwhile.");
      else printSummary(summary);
      log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      printAccounts();
    } else if (args.requests) {
      log(`${handle.location} is already seeded; adding ${args.requests.toLocaleString("en")} benchmark requests${asOf}…`);
      const b = await addBenchmarkRequests(handle.db, args.requests, { now: args.now, log });
      log(`Added ${b.requests.toLocaleString("en")} requests and ${b.events.toLocaleString("en")} events in ${(b.ms / 1000).toFixed(1)} s.`);
    } else {
      log(`${handle.location} is already seeded; nothing to do.`);
    }
    return 0;
  } finally {
    await handle?.close();
  }
}

/** Run as a command (not imported, as the tests import parseSeedArgs). */
function invokedDirectly(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
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
}
