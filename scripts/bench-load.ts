/**
 * npm run bench:load [-- --requests N] [--seconds S] [--patients P] [--port PORT] [--instances I] [--staff-instance] [--seed-only]
 *
 * Filing under load with staff reading at the same time, on PostgreSQL, through the built server (`npm start`,
 * production):
 *   1. seeds (or tops up) the database to N requests (default 1,000,000);
 *   2. starts the server on PORT (default 3294; with --instances I, I servers on PORT, PORT+1, … sharing the
 *      database, as the app runs in production: the filings are spread over them, the staff read from the first;
 *      with --staff-instance the first takes no filings, as a staff console deployed apart from the patients'
 *      portal) and creates P patients (default 400) and a manager, each signed in
 *      with a session of their own (a server-side session row and the session cookie, as a sign-in makes them);
 *   3. measures the staff pages (queue views, a name and a phone search, a request's page, the dashboard) idle, then
 *      while patients file requests of mixed types at concurrency 8 and 32 for S seconds each (default 20) through
 *      POST /api/requests — the JSON route the portal's own filing definition answers (the form's server action needs
 *      a browser; the route runs the same definition, validation and transaction);
 *   4. files at concurrency 32 again, kills the server with SIGKILL in the middle, restarts it and checks that every
 *      acknowledged filing (201) of the whole run is in the database: "acknowledged N, found N".
 * Prints throughput, p50/p95 latencies and what the database's connections waited on during each load (sampled
 * pg_stat_activity), against the goals of issue 17.
 *
 * Database: DATABASE_URL when set; otherwise `dsr_bench` on BENCH_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), created when missing and kept, so a second run only tops it up.
 * `--seed-only` stops after step 1 (seeding takes minutes per million; the rest needs the app built: `npm start`
 * builds it when the sources changed).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { gunzipSync } from "node:zlib";
import path from "node:path";

const USAGE = "npm run bench:load [-- --requests N] [--seconds S] [--patients P] [--port PORT] [--instances I] [--staff-instance] [--seed-only]";

function parseArgs(argv: string[]) {
  const o = { requests: 1_000_000, seconds: 20, patients: 400, port: 3294, instances: 1, staffInstance: false, seedOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      const n = Number((v ?? "").replaceAll("_", "").replaceAll(",", ""));
      if (!Number.isSafeInteger(n) || n < 0) {
        console.error(`bench:load: ${a.split("=")[0]} needs a whole number — usage: ${USAGE}`);
        process.exit(2);
      }
      return n;
    };
    const is = (name: string) => a === name || a.startsWith(`${name}=`);
    if (is("--requests")) o.requests = value();
    else if (is("--seconds")) o.seconds = Math.max(2, value());
    else if (is("--patients")) o.patients = Math.max(40, value());
    else if (is("--port")) o.port = value();
    else if (is("--instances")) o.instances = Math.min(8, Math.max(1, value()));
    else if (a === "--staff-instance") o.staffInstance = true;
    else if (a === "--seed-only") o.seedOnly = true;
    else {
      console.error(`bench:load: unknown argument "${a}" — usage: ${USAGE}`);
      process.exit(2);
    }
  }
  if (o.staffInstance && o.instances < 2) {
    console.error(`bench:load: --staff-instance needs --instances 2 or more — usage: ${USAGE}`);
    process.exit(2);
  }
  return o;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1]! : NaN);
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : "—");
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

type Sample = { name: string; ms: number; ok: boolean };

/**
 * CPU seconds used so far by the server's processes (its process group) and by PostgreSQL's (every `postgres`
 * process), from /proc: where a filing's CPU goes on this machine. Zero where there is no /proc.
 */
function cpuSeconds(serverGroups: (number | undefined)[]): { server: number; postgres: number } {
  const tick = 100; // USER_HZ on Linux
  let server = 0,
    postgres = 0;
  try {
    for (const pid of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      } catch {
        continue;
      }
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const used = (Number(f[11]) + Number(f[12])) / tick; // utime, stime
      if (serverGroups.includes(Number(f[2]))) server += used;
      else if (name === "postgres") postgres += used;
    }
  } catch {
    /* no /proc */
  }
  return { server, postgres };
}

// The load's client: node:http on kept-alive connections, as a browser keeps them, asking for gzip as a browser does.
// (fetch cost about 1.4 ms of CPU per request on this machine, taken from the same two cores as the server's.)
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", agent, headers: { "accept-encoding": "gzip", ...init.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}
/** A JSON answer's body, gzipped or not. */
async function jsonOf(r: { body: Buffer }): Promise<unknown> {
  const raw = r.body[0] === 0x1f && r.body[1] === 0x8b ? gunzipSync(r.body) : r.body;
  return JSON.parse(raw.toString("utf8"));
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
  const { encode } = await import("next-auth/jwt");
  const { startSession } = await import("../lib/auth/sessions");
  const { createPatient, createStaff } = await import("../lib/testing/factories");
  const { needsRealNameCheck } = await import("../lib/requests/identity-rule");

  let url = process.env.DATABASE_URL?.trim();
  if (!url) {
    const server = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    try {
      const [exists] = await admin`select 1 from pg_database where datname = 'dsr_bench'`;
      if (!exists) await admin.unsafe(`create database "dsr_bench"`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    const u = new URL(server);
    u.pathname = "/dsr_bench";
    url = u.toString();
  }
  const dbName = new URL(url).pathname.slice(1);
  console.log(`Database ${dbName} on ${new URL(url).host}`);

  const handle = await openDb({ databaseUrl: url });
  const db = handle.db;
  const count = () => requestCount(db);
  let servers: ChildProcess[] = [];
  try {
    await migrateDb(handle, url);
    const seeded = await seedOrTopUp(db, args.requests);
    if (seeded > 5) {
      console.log(`Seeded in ${seeded.toFixed(0)} s; vacuum analyze…`);
      await db.execute(sql`vacuum analyze`);
    }
    const total0 = await count();
    console.log(`${total0.toLocaleString("en")} requests.`);
    if (args.seedOnly) return 0;

    // People and their sessions, as a sign-in makes them (lib/auth/options.ts: the JWT carries sub, role, sv, sid).
    const secret = process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("hex");
    const now = new Date();
    const cookieOf = async (id: string, role: "patient" | "manager", sv: number) => {
      const sid = await startSession(db, id, now);
      const token = await encode({ secret, token: { sub: id, role, sv, sid, name: id } });
      return `next-auth.session-token=${token}`;
    };
    console.log(`Creating ${args.patients} patients and a manager…`);
    const patients: { cookie: string; name: string; last4: string; n: number }[] = [];
    for (let i = 0; i < args.patients; i++) {
      const p = await createPatient(db, { now });
      patients.push({ cookie: await cookieOf(p.actor.id, "patient", 0), name: p.name, last4: p.last4, n: 0 });
    }
    const manager = await createStaff(db, "manager", { now });
    const managerCookie = await cookieOf(manager.actor.id, "manager", 0);
    const [open] = rowsOf<{ ref: string; name: string; phone: string }>(
      await db.execute(
        sql`select ref, subject_name as name, subject_phone as phone from dsr.requests where status = 'submitted' order by due_at limit 1`,
      ),
    );
    if (!open) throw new Error("no open request to read");
    const nameFragment = open.name.slice(0, 1);
    const phoneFragment = open.phone.slice(3, 8);

    const ports = Array.from({ length: args.instances }, (_, i) => args.port + i);
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    const base = bases[0]!;
    // Where the patients file: every instance, or all but the staff's own.
    const filingBases = args.staffInstance ? bases.slice(1) : bases;
    const envOf = (port: number) => ({
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: `http://localhost:${port}`,
      JOBS_WORKER: "0",
      NODE_ENV: "production" as const,
    });
    const startOne = async (port: number) => {
      const base = `http://127.0.0.1:${port}`;
      const env = envOf(port);
      const child = spawn("npm", ["start", "--silent"], {
        cwd: path.resolve(import.meta.dirname, ".."),
        env,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout!.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
      child.stderr!.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
      const t0 = Date.now();
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the server stopped: ${out}`);
        try {
          const r = await call(`${base}/api/health`);
          if (r.status === 200) break;
        } catch {
          /* not up yet */
        }
        if (Date.now() - t0 > 15 * 60_000) throw new Error(`the server did not start: ${out}`);
        await sleep(250);
      }
      return { child, seconds: (Date.now() - t0) / 1000 };
    };
    // One after another: the first builds when the sources changed, the others find the build made.
    const start = async () => {
      const t0 = Date.now();
      const children: ChildProcess[] = [];
      for (const port of ports) children.push((await startOne(port)).child);
      return { children, seconds: (Date.now() - t0) / 1000 };
    };
    const kill9 = (child: ChildProcess) => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    };
    console.log(
      `Starting ${args.instances === 1 ? "the server" : `${args.instances} servers`} (npm start; it builds the app first when the sources changed)${args.staffInstance ? "; the first serves the staff only" : ""}…`,
    );
    const started = await start();
    servers = started.children;
    console.log(`Up in ${started.seconds.toFixed(1)} s.`);

    // The staff pages, in turn.
    const pages = [
      { name: "queue (default)", path: "/queue" },
      { name: "queue (type, assignee)", path: "/queue?type=access&assignee=unassigned" },
      { name: "queue (attention)", path: "/queue?sla=at_risk" },
      { name: `queue (name "${nameFragment}")`, path: `/queue?q=${encodeURIComponent(nameFragment)}` },
      { name: `queue (phone "${phoneFragment}")`, path: `/queue?q=${phoneFragment}` },
      { name: "request page", path: `/queue/${open.ref}` },
      { name: "dashboard (30 days)", path: "/dashboard" },
    ];
    const staffGet = async (p: (typeof pages)[number]): Promise<Sample> => {
      const t0 = performance.now();
      try {
        const r = await call(`${base}${p.path}`, { headers: { cookie: managerCookie } });
        return { name: p.name, ms: performance.now() - t0, ok: r.status === 200 };
      } catch {
        return { name: p.name, ms: performance.now() - t0, ok: false };
      }
    };
    for (const p of pages) {
      const s = await staffGet(p);
      if (!s.ok) throw new Error(`${p.path} does not answer 200 for the manager`);
    }
    /** Staff pages one after another (one staff member) until `until`. */
    const staffLoop = async (until: () => boolean, out: Sample[]) => {
      for (let i = 0; !until(); i++) out.push(await staffGet(pages[i % pages.length]!));
    };

    // Filing.
    const CATS = ["account", "orders", "consultations", "prescriptions", "addresses", "browsing_logs"];
    const subset = () => {
      const c = CATS.filter(() => Math.random() < 0.5);
      return c.length ? c : [CATS[Math.floor(Math.random() * CATS.length)]!];
    };
    const bodyFor = (p: (typeof patients)[number]) => {
      const k = Math.random();
      const idempotencyKey = randomUUID();
      // As the portal's form does, the real-name fields go with the requests the server checks against them.
      const withIdentity = (body: { type: string; categories: string[] }) =>
        needsRealNameCheck(body as Parameters<typeof needsRealNameCheck>[0])
          ? { idempotencyKey, ...body, identityName: p.name, identityLast4: p.last4 }
          : { idempotencyKey, ...body };
      if (k < 0.4) return { idempotencyKey, type: "complaint", description: `负载测试 ${randomUUID()}` };
      if (k < 0.6) return withIdentity({ type: "access", categories: subset() });
      if (k < 0.75) return withIdentity({ type: "portability", categories: subset() });
      if (k < 0.9) return { idempotencyKey, type: "consent", consents: ["marketing"], description: `${randomUUID()}` };
      return {
        idempotencyKey,
        type: "deletion",
        categories: subset(),
        ground: "no_consent",
        identityName: p.name,
        identityLast4: p.last4,
      };
    };
    const acknowledged: string[] = [];
    type Load = { ok: number[]; refused: number; failed: number; statuses: Map<number, number>; seconds: number };
    const load = async (concurrency: number, seconds: number, onStart?: () => void): Promise<Load> => {
      const result: Load = { ok: [], refused: 0, failed: 0, statuses: new Map(), seconds };
      const end = Date.now() + seconds * 1000;
      let next = 0;
      const worker = async (w: number) => {
        const to = filingBases[w % filingBases.length]!;
        while (Date.now() < end) {
          const p = patients[next++ % patients.length]!;
          const t0 = performance.now();
          try {
            const r = await call(`${to}/api/requests`, {
              method: "POST",
              headers: { cookie: p.cookie, "content-type": "application/json" },
              body: JSON.stringify(bodyFor(p)),
            });
            const body = (await jsonOf(r).catch(() => ({}))) as { ref?: string };
            result.statuses.set(r.status, (result.statuses.get(r.status) ?? 0) + 1);
            if (r.status === 201 && body.ref) {
              acknowledged.push(body.ref);
              result.ok.push(performance.now() - t0);
            } else if (r.status >= 500) result.failed++;
            else result.refused++;
          } catch {
            result.failed++;
            await sleep(50);
          }
        }
      };
      onStart?.();
      await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
      return result;
    };
    // What the database's busy connections wait on, sampled every 100 ms.
    const waits = async (until: () => boolean) => {
      const tally = new Map<string, number>();
      let samples = 0;
      while (!until()) {
        const rows = rowsOf<{ w: string; n: number }>(
          await db.execute(sql`select coalesce(wait_event_type || ':' || wait_event, 'CPU') as w, count(*)::int as n
            from pg_stat_activity where datname = ${dbName} and state = 'active' and pid <> pg_backend_pid() group by 1`),
        );
        samples++;
        for (const r of rows) tally.set(r.w, (tally.get(r.w) ?? 0) + r.n);
        await sleep(100);
      }
      return [...tally.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([w, n]) => `${w} ${(n / Math.max(1, samples)).toFixed(1)}`)
        .join(", ");
    };
    const summarise = (label: string, samples: Sample[]) => {
      const byPage = new Map<string, number[]>();
      for (const s of samples) byPage.set(s.name, [...(byPage.get(s.name) ?? []), s.ms]);
      const all = samples.map((s) => s.ms).sort((a, b) => a - b);
      const bad = samples.filter((s) => !s.ok).length;
      console.log(
        `  staff pages ${label}: ${samples.length} loads${bad ? ` (${bad} not 200)` : ""}, p50 ${ms(pct(all, 0.5))}, p95 ${ms(pct(all, 0.95))}`,
      );
      for (const [name, t] of byPage) {
        t.sort((a, b) => a - b);
        console.log(`    ${name.padEnd(26)} p50 ${ms(pct(t, 0.5)).padStart(7)}  p95 ${ms(pct(t, 0.95)).padStart(7)}  (${t.length})`);
      }
      return { all, byPage };
    };

    console.log(`\nStaff pages idle (${args.seconds} s):`);
    const idleSamples: Sample[] = [];
    const idleEnd = Date.now() + args.seconds * 1000;
    await staffLoop(() => Date.now() > idleEnd, idleSamples);
    const idle = summarise("idle", idleSamples);

    const results: { c: number; load: Load; staff: ReturnType<typeof summarise>; waits: string }[] = [];
    for (const c of [8, 32]) {
      console.log(`\nFiling at concurrency ${c} for ${args.seconds} s, staff reading meanwhile:`);
      let done = false;
      const staffSamples: Sample[] = [];
      const groups = servers.map((s) => s.pid);
      const cpu0 = cpuSeconds(groups),
        own0 = process.cpuUsage(),
        t0 = Date.now();
      const [l, , w] = await Promise.all([
        load(c, args.seconds).finally(() => (done = true)),
        staffLoop(() => done, staffSamples),
        waits(() => done),
      ]);
      const t = l.ok.sort((a, b) => a - b);
      console.log(
        `  filed ${t.length} (${(t.length / args.seconds).toFixed(0)}/s), p50 ${ms(pct(t, 0.5))}, p95 ${ms(pct(t, 0.95))}; refused ${l.refused}, failed ${l.failed}; statuses ${[...l.statuses].map(([s, n]) => `${s}×${n}`).join(" ")}`,
      );
      console.log(`  busy connections waiting on (average per sample): ${w}`);
      const cpu1 = cpuSeconds(groups),
        own = process.cpuUsage(own0),
        wall = (Date.now() - t0) / 1000;
      const answered = [...l.statuses.values()].reduce((a, b) => a + b, 0) + staffSamples.length;
      const share = (sec: number) => `${(sec / wall).toFixed(2)} cores (${((1000 * sec) / Math.max(1, answered)).toFixed(1)} ms a request)`;
      console.log(
        `  CPU over ${answered} answered requests (filings and staff pages): server ${share(cpu1.server - cpu0.server)}, PostgreSQL ${share(cpu1.postgres - cpu0.postgres)}, this client ${share((own.user + own.system) / 1e6)}`,
      );
      results.push({ c, load: l, staff: summarise(`during c=${c}`, staffSamples), waits: w });
    }

    console.log(`\nSIGKILL in the middle of filing at concurrency 32:`);
    const crashSeconds = Math.max(4, Math.round(args.seconds / 2));
    const crash = load(32, crashSeconds, () => setTimeout(() => servers.forEach(kill9), (crashSeconds * 1000) / 2));
    const crashed = await crash;
    console.log(`  acknowledged before/around the kill: ${crashed.ok.length}; failed (connection lost) ${crashed.failed}`);
    console.log("  restarting…");
    const again = await start();
    servers = again.children;
    console.log(`  up again in ${again.seconds.toFixed(1)} s`);
    const found = new Set<string>();
    for (let i = 0; i < acknowledged.length; i += 5000) {
      const batch = acknowledged.slice(i, i + 5000);
      for (const r of rowsOf<{ ref: string }>(await db.execute(sql`select ref from dsr.requests where ref in ${batch}`))) found.add(r.ref);
    }
    const lost = acknowledged.filter((r) => !found.has(r));
    console.log(`  acknowledged ${acknowledged.length}, found ${found.size}${lost.length ? ` — LOST: ${lost.slice(0, 5).join(", ")}` : ""}`);
    const after = await staffGet(pages[0]!);
    console.log(`  queue after the restart: ${after.ok ? "200" : "NOT 200"} in ${ms(after.ms)}`);

    // Against the goals of issue 17.
    const c32 = results.find((r) => r.c === 32)!;
    const t32 = c32.load.ok;
    const rate = t32.length / c32.load.seconds;
    const idleP95 = pct(idle.all, 0.95);
    const loadP95 = pct(c32.staff.all, 0.95);
    const queueP95 = (m: Map<string, number[]>) =>
      Math.max(
        ...[...m.entries()]
          .filter(([n]) => n.startsWith("queue"))
          .map(([, t]) =>
            pct(
              [...t].sort((a, b) => a - b),
              0.95,
            ),
          ),
      );
    const dashP95 = (m: Map<string, number[]>) =>
      pct(
        [...(m.get("dashboard (30 days)") ?? [])].sort((a, b) => a - b),
        0.95,
      );
    const goal = (ok: boolean, text: string) => console.log(`  ${ok ? "met    " : "NOT MET"}  ${text}`);
    console.log(`\nGoals (issue 17), ${total0.toLocaleString("en")} requests at the start:`);
    goal(rate >= 300 && pct(t32, 0.95) <= 200, `≥ 300 filings/s at c=32 with p95 ≤ 200 ms: ${rate.toFixed(0)}/s, p95 ${ms(pct(t32, 0.95))}`);
    goal(loadP95 <= 2 * idleP95, `staff p95 during load ≤ 2× idle: ${ms(loadP95)} vs ${ms(idleP95)} idle`);
    goal(queueP95(idle.byPage) <= 100, `queue p95 ≤ 100 ms on every view (idle, worst view): ${ms(queueP95(idle.byPage))}`);
    goal(dashP95(idle.byPage) <= 150, `dashboard p95 ≤ 150 ms (idle): ${ms(dashP95(idle.byPage))}`);
    goal(lost.length === 0, `0 acknowledged filings lost under SIGKILL: acknowledged ${acknowledged.length}, found ${found.size}`);
    return lost.length === 0 ? 0 : 1;
  } finally {
    for (const server of servers) {
      try {
        if (server.pid) process.kill(-server.pid, "SIGTERM");
      } catch {
        /* gone */
      }
    }
    await handle.close();
  }
}

main().then(
  (code) => {
    process.exit(code);
  },
  (e: unknown) => {
    console.error(`bench:load: ${(e instanceof Error ? e.message : String(e)).slice(0, 2000)}`);
    process.exit(1);
  },
);
