import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// `npm test` sets CHROMIUM_PATH to the Chromium that scripts/find-chromium.sh found (or installed from Debian).
// Run directly: Debian's /usr/bin/chromium when present, else Playwright's own. Nothing is downloaded here.
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // Whole flows (several sign-ins, server actions and axe runs) take up to two minutes on a loaded 2-core machine;
  // the timeout only stops a hung test (speed is measured in benchmarks, never here).
  timeout: 240_000,
  // Assertions that wait (a navigation, a server action's answer) get 20 s: a loaded 2-core machine needs more than 10.
  expect: { timeout: 20_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: fs.existsSync(chromium) ? chromium : undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "npm start",
    url: `${baseURL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      // Its own embedded database, never the developer's (the test script empties it first).
      PGLITE_DIR: process.env.E2E_PGLITE_DIR ?? ".data/e2e-pglite",
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef",
      DEMO_MODE: "1",
      // Each spec makes its own patients, staff and requests through the factories at /api/e2e/… (lib/testing).
      E2E_FIXTURES: "1",
      // Every browser test signs in from 127.0.0.1: the per-address SMS limit is raised for them alone.
      OTP_PER_IP_PER_HOUR: "1000",
      NEXT_TELEMETRY_DISABLED: "1",
      // Scheduled jobs act on every request in the database (reminders to whoever holds one): each spec runs the
      // ones it tests through its fixtures, at its own moment, so no spec meets another's notices by the clock.
      JOBS_SCHEDULES: "0",
    },
  },
});
