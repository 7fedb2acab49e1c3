/**
 * npm run bench:js [-- --url http://localhost:3000] [--dump DIR]
 *
 * The JavaScript a patient's browser loads on first visit to each patient page, gzipped: the script files (Next's
 * runtime, React, the page's chunks) and the inline scripts (the server-rendered React payload, which carries the
 * message catalogs the page's client components receive). Measured in Chromium (playwright-core), a fresh cache per
 * page, each body gzipped at level 9 here (what a compressing proxy sends). Goal: ≤ 150 KB per page (issue 17).
 *
 * Without --url it serves the current build itself (`npm start`: builds first when the sources changed — run it
 * under the build lock when others build too) on BENCH_JS_PORT (default 3290) with a scratch embedded database in
 * .data/bench-js, and makes a patient and a request of theirs through the test fixtures (E2E_FIXTURES). With --url,
 * that server must have E2E_FIXTURES=1 and DEMO_MODE=1. `--dump DIR` writes each page's inline scripts there (to see
 * what its payload carries). Exits 1 when a page is over the goal.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type BrowserContext } from "playwright-core";

const GOAL_KB = 150;
const root = path.resolve(import.meta.dirname, "..");

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const gz = (s: string | Buffer) => gzipSync(s, { level: 9 }).length;
const kb = (n: number) => (n / 1024).toFixed(1);

async function waitHealthy(url: string, server: ChildProcess | null) {
  for (let i = 0; i < 600; i++) {
    if (server && server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not become healthy`);
}

function startServer(port: number): ChildProcess {
  const dir = path.join(root, ".data", "bench-js");
  rmSync(dir, { recursive: true, force: true });
  const url = `http://localhost:${port}`;
  return spawn("npm", ["start"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      PGLITE_DIR: dir,
      DATABASE_URL: "",
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: "bench-js-secret-0123456789abcdef0123456789abcdef",
      DEMO_MODE: "1",
      E2E_FIXTURES: "1",
      OTP_PER_IP_PER_HOUR: "1000",
      JOBS_SCHEDULES: "0",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
}

async function post<T>(url: string, name: string, data: unknown): Promise<T> {
  const res = await fetch(`${url}/api/e2e/${name}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(data) });
  if (res.status !== 201) throw new Error(`POST /api/e2e/${name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Signs the patient with `phone` in on `context`: a code asked for as the form does, read from the demo outbox. */
async function signIn(context: BrowserContext, url: string, phone: string) {
  const page = await context.newPage();
  await page.goto(`${url}/signin`);
  await page.getByLabel(/手机号|Phone number/).fill(phone);
  await page.getByRole("button", { name: /获取验证码|Send code/ }).click();
  await page
    .getByRole("status")
    .filter({ hasText: /验证码已发送|Code sent/ })
    .waitFor();
  let code: string | undefined;
  for (let i = 0; i < 30 && !code; i++) {
    code = (await (await context.request.get(`${url}/dev/outbox?phone=${phone}`)).text()).match(/(?:验证码是|sign-in code is) (\d{6})/)?.[1];
    if (!code) await new Promise((r) => setTimeout(r, 500));
  }
  if (!code) throw new Error("no sign-in code in the outbox");
  const { csrfToken } = (await (await context.request.get(`${url}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await context.request.post(`${url}/api/auth/callback/patient-otp`, { form: { csrfToken, phone, code, json: "true" } });
  if (!res.ok()) throw new Error(`sign-in: ${res.status()}`);
  await page.close();
}

type Measure = { path: string; files: number; filesGz: number; inlineGz: number; largest: { name: string; gz: number }[] };

/** One page in a fresh cache: every script file's body and the page's inline scripts, each gzipped. */
async function measure(context: BrowserContext, url: string, pagePath: string): Promise<Measure> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const bodies: Promise<{ name: string; gz: number }>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script") return;
    bodies.push(res.body().then((b) => ({ name: new URL(res.url()).pathname.split("/").pop()!, gz: gz(b) })));
  });
  const res = await page.goto(`${url}${pagePath}`, { waitUntil: "networkidle" });
  if (!res?.ok() || new URL(page.url()).pathname !== pagePath.split("?")[0]) throw new Error(`${pagePath}: ${res?.status()} at ${page.url()}`);
  const inline = await page.evaluate(() => [...document.querySelectorAll("script:not([src])")].map((s) => s.textContent ?? "").join("\n"));
  const dump = arg("dump");
  if (dump) writeFileSync(path.join(dump, `${pagePath.replace(/[^\w]+/g, "_")}.inline.txt`), inline);
  const files = await Promise.all(bodies);
  await page.close();
  return {
    path: pagePath,
    files: files.length,
    filesGz: files.reduce((a, f) => a + f.gz, 0),
    inlineGz: gz(inline),
    largest: files.sort((a, b) => b.gz - a.gz).slice(0, 5),
  };
}

async function main() {
  const given = arg("url");
  const port = Number(process.env.BENCH_JS_PORT ?? 3290);
  const url = given ?? `http://localhost:${port}`;
  const server = given ? null : startServer(port);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    await waitHealthy(url, server);
    const patient = await post<{ phone: string }>(url, "patient", {});
    const ref = (await post<{ ref: string }>(url, "request-answered", { phone: patient.phone, description: "bench-js", reply: "bench-js" })).ref;
    const anonymous = await browser.newContext();
    const signedIn = await browser.newContext();
    await signIn(signedIn, url, patient.phone);
    const results = [await measure(anonymous, url, "/signin")];
    for (const p of ["/requests", "/requests/new", "/requests/new/deletion", `/requests/${ref}`]) results.push(await measure(signedIn, url, p));

    console.log(`Patient first-load JavaScript, gzipped (goal ≤ ${GOAL_KB} KB: script files + inline payload)\n`);
    console.log(["page".padEnd(28), "files", "files KB", "inline KB", "total KB", "goal"].join("  "));
    let failed = false;
    for (const r of results) {
      const total = r.filesGz + r.inlineGz;
      const ok = total <= GOAL_KB * 1024;
      failed ||= !ok;
      const label = r.path.startsWith("/requests/DSR-") ? "/requests/[ref]" : r.path;
      console.log(
        [
          label.padEnd(28),
          String(r.files).padStart(5),
          kb(r.filesGz).padStart(8),
          kb(r.inlineGz).padStart(9),
          kb(total).padStart(8),
          ok ? "pass" : "FAIL",
        ].join("  "),
      );
    }
    console.log("\nLargest script files (gzipped KB):");
    for (const r of results)
      console.log(
        `  ${r.path.startsWith("/requests/DSR-") ? "/requests/[ref]" : r.path}: ${r.largest.map((f) => `${f.name} ${kb(f.gz)}`).join(", ")}`,
      );
    process.exitCode = failed ? 1 : 0;
  } finally {
    await browser.close();
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
