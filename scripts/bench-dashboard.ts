/**
 * npm run bench:dashboard [-- --requests N] [--runs R] [--keep]
 *
 * The manager dashboard's server response with N requests (default 1,000,000) on PostgreSQL: what the page does —
 * load the working-day index, load the figures (lib/dashboard/queries.ts) and render the view to HTML — timed over
 * R runs (after a warm-up) for a 30-day and a year-long period, all types and one type; the median and the 95th
 * percentile are printed, and the run fails (exit code 1) when either is 1 second or more. The CSV export of 30
 * days is timed too, for information.
 *
 * Database: DATABASE_URL when set (seeded with the demo data and topped up to N requests when it holds fewer; kept);
 * otherwise a scratch database created on BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * seeded, measured and dropped (--keep keeps it and prints its URL).
 */
import { register } from "node:module";
import { randomBytes } from "node:crypto";

// The data-access modules say `import "server-only"` (they must never reach a browser bundle). This script is a
// server too: resolve that marker to an empty module, as Next does on the server.
register(
  "data:text/javascript," +
    encodeURIComponent(
      `export async function resolve(s, c, n) { return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : n(s, c); }`,
    ),
);

const USAGE = "npm run bench:dashboard [-- --requests N] [--runs R] [--keep]";
const LIMIT_MS = 1000;

function parseArgs(argv: string[]) {
  let requests = 1_000_000;
  let runs = 9;
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      const n = Number((v ?? "").replaceAll("_", "").replaceAll(",", ""));
      if (!Number.isSafeInteger(n) || n < 0) {
        console.error(`bench:dashboard: ${a.split("=")[0]} needs a whole number — usage: ${USAGE}`);
        process.exit(2);
      }
      return n;
    };
    if (a === "--requests" || a.startsWith("--requests=")) requests = value();
    else if (a === "--runs" || a.startsWith("--runs=")) runs = Math.max(1, value());
    else if (a === "--keep") keep = true;
    else {
      console.error(`bench:dashboard: unknown argument "${a}" — usage: ${USAGE}`);
      process.exit(2);
    }
  }
  return { requests, runs, keep };
}

function percentile(sorted: number[], p: number): number {
  // Nearest rank, as usual for latency percentiles.
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const { default: postgres } = await import("postgres");
  const { openDb } = await import("../db/client");
  const { migrateDb } = await import("../db/migrate");
  const { rowsOf } = await import("../db/rows");
  const { requestCount, seedOrTopUp } = await import("./lib/bench-seed");
  const { sql } = await import("drizzle-orm");
  const { createElement } = await import("react");
  const { renderToStaticMarkup } = await import("react-dom/server");
  const { NextIntlClientProvider } = await import("next-intl");
  const { catalogs } = await import("../messages");
  const { loadWorkingDayIndex } = await import("../lib/calendar/queries");
  const { loadDashboard } = await import("../lib/dashboard/queries");
  const { exportBatches } = await import("../lib/dashboard/export");
  const { DashboardView } = await import("../components/dashboard/dashboard-view");
  const { addCalendarDays, shanghaiDateOf } = await import("../lib/sla");

  let url = process.env.DATABASE_URL?.trim();
  let drop: (() => Promise<void>) | undefined;
  if (!url) {
    const server = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const name = `dsr_bench_${randomBytes(4).toString("hex")}`;
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${name}"`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    const u = new URL(server);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const a = postgres(server, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end({ timeout: 5 });
      }
    };
    console.log(`Scratch database ${name} on ${new URL(server).host}`);
  }

  const handle = await openDb({ databaseUrl: url });
  let failed = false;
  try {
    await migrateDb(handle, url);
    const db = handle.db;
    const seeded = await seedOrTopUp(db, args.requests);
    if (seeded > 5) console.log(`Seeded in ${seeded.toFixed(0)} s.`);
    await db.execute(sql`analyze`);
    const total = await requestCount(db);
    const [manager] = rowsOf<{ id: string; display_name: string; email: string }>(
      await db.execute(sql`select id, display_name, email from dsr.users where role = 'manager' and disabled_at is null order by email limit 1`),
    );
    if (!manager) throw new Error("no manager in the database");
    const actor = { id: manager.id, role: "manager" as const, displayName: manager.display_name, phone: null, email: manager.email };

    const now = new Date();
    const today = shanghaiDateOf(now);
    const scenarios = [
      { name: "30 days, all types", from: addCalendarDays(today, -29), type: null },
      { name: "30 days, one type", from: addCalendarDays(today, -29), type: "access" as const },
      { name: "a year, all types", from: addCalendarDays(today, -364), type: null },
      { name: "a year, one type", from: addCalendarDays(today, -364), type: "deletion" as const },
    ];
    console.log(
      `\ndashboard: ${total.toLocaleString("en")} requests; server response = working-day index + figures + HTML, ${args.runs} runs after a warm-up`,
    );
    for (const s of scenarios) {
      const query = { from: s.from, to: today, type: s.type };
      const once = async () => {
        const t0 = performance.now();
        const index = await loadWorkingDayIndex(db);
        const data = await loadDashboard(db, actor, query, new Date(), index);
        const html = renderToStaticMarkup(
          createElement(NextIntlClientProvider, {
            locale: "zh-CN",
            messages: catalogs["zh-CN"],
            timeZone: "Asia/Shanghai",
            children: createElement(DashboardView, { data }),
          }),
        );
        return { ms: performance.now() - t0, bytes: html.length, received: data.totals.received };
      };
      const warm = await once();
      const times: number[] = [];
      for (let i = 0; i < args.runs; i++) times.push((await once()).ms);
      times.sort((a, b) => a - b);
      const median = percentile(times, 0.5);
      const p95 = percentile(times, 0.95);
      const ok = median < LIMIT_MS && p95 < LIMIT_MS;
      if (!ok) failed = true;
      console.log(
        `  ${s.name.padEnd(20)} ${String(warm.received).padStart(9)} received  median ${median.toFixed(0).padStart(5)} ms  p95 ${p95
          .toFixed(0)
          .padStart(5)} ms  (< ${LIMIT_MS} ms: ${ok ? "ok" : "FAIL"})`,
      );
    }

    const t0 = performance.now();
    let rows = 0;
    for await (const batch of exportBatches(db, actor, { from: addCalendarDays(today, -29), to: today, type: null })) rows += batch.length;
    const ms = performance.now() - t0;
    console.log(
      `  CSV export, 30 days: ${rows.toLocaleString("en")} rows in ${(ms / 1000).toFixed(2)} s (${Math.round(rows / (ms / 1000)).toLocaleString("en")} rows/s)`,
    );
    if (args.keep && drop) {
      console.log(`Kept: ${url}`);
      drop = undefined;
    }
  } finally {
    await handle.close();
    await drop?.();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`bench:dashboard: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 300)}`);
    process.exitCode = 1;
  },
);
