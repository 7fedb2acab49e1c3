import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { acquireDataDirLock } from "@/db/lock";
import { rowsOf } from "@/db/rows";
import { parseInstant, parseSeedArgs } from "@/scripts/db-seed";

/** `npm run db:seed` as a user runs it, on an embedded data directory of its own. */
const root = path.resolve(__dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dsr-seed-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function seed(args: string[], dir = path.join(tmp, "pglite")) {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dir };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/db-seed.ts", ...args], {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("db:seed arguments", () => {
  it.each([
    ["2027-02-05T10:00:00+08:00", "2027-02-05T02:00:00.000Z"],
    ["2027-02-05T10:00+08:00", "2027-02-05T02:00:00.000Z"],
    ["2026-12-31T23:30:00+08:00", "2026-12-31T15:30:00.000Z"],
    ["2026-02-16T02:00:00Z", "2026-02-16T02:00:00.000Z"],
    ["2026-02-28T09:15:30.25-05:00", "2026-02-28T14:15:30.250Z"],
    ["2028-02-29T00:00:00+14:00", "2028-02-28T10:00:00.000Z"],
  ])("reads the instant %s", (value, iso) => {
    expect(parseInstant(value)?.toISOString()).toBe(iso);
    expect(parseSeedArgs(["--now", value]).now?.toISOString()).toBe(iso);
    expect(parseSeedArgs([`--now=${value}`]).now?.toISOString()).toBe(iso);
  });

  it.each([
    "nonsense",
    "today",
    "",
    "2027-02-05",
    "2027-02-05T10:00:00", // no offset: it would mean the machine's time zone
    "2027-02-05 10:00:00+08:00",
    "2027-02-30T10:00:00+08:00",
    "2027-02-29T10:00:00+08:00",
    "2027-13-01T10:00:00+08:00",
    "2027-02-05T24:00:00+08:00",
    "2027-02-05T10:60:00+08:00",
    "2027-02-05T10:00:00+15:00",
    "2027-02-05T10:00:00+0800",
    "1802822400000",
  ])("refuses the instant %j", (value) => {
    expect(parseInstant(value)).toBeNull();
    expect(() => parseSeedArgs(["--now", value])).toThrow(
      `--now must be an ISO instant with its offset, e.g. 2027-02-05T10:00:00+08:00, got "${value}"`,
    );
  });

  it("refuses a missing, repeated or out-of-calendar --now, and takes it with --requests", () => {
    expect(() => parseSeedArgs(["--now"])).toThrow("--now needs an instant");
    expect(() => parseSeedArgs(["--now", "2027-02-05T10:00:00+08:00", "--now=2027-02-06T10:00:00+08:00"])).toThrow("--now given twice");
    expect(() => parseSeedArgs(["--now", "1999-12-31T10:00:00+08:00"])).toThrow(/--now must lie between 2001-01-01 and 2060-06-30/);
    expect(() => parseSeedArgs(["--now", "2060-12-01T10:00:00+08:00"])).toThrow(/--now must lie between/);
    expect(parseSeedArgs(["--requests", "10", "--now", "2026-02-28T10:00:00+08:00"])).toEqual({
      requests: 10,
      now: new Date("2026-02-28T02:00:00Z"),
      help: false,
    });
    expect(parseSeedArgs([])).toEqual({ requests: undefined, now: undefined, help: false });
  });
});

describe("db:seed command", () => {
  it.each([
    [["--requests", "abc"], /--requests must be a whole number ≥ 0, got "abc"/],
    [["--requests", "-5"], /--requests must be a whole number ≥ 0, got "-5"/],
    [["--requests"], /--requests needs a number/],
    [["--requests=1.5"], /got "1.5"/],
    [["--rows", "5"], /unknown argument "--rows"/],
    [["--now", "nonsense"], /--now must be an ISO instant with its offset, e\.g\. 2027-02-05T10:00:00\+08:00, got "nonsense"/],
    [["--now=2027-02-05T10:00:00"], /--now must be an ISO instant with its offset.*got "2027-02-05T10:00:00"/],
    [["--now"], /--now needs an instant/],
  ])("refuses %j with one line and exit code 2", (args, message) => {
    const r = seed(args, path.join(tmp, "never-created"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(fs.existsSync(path.join(tmp, "never-created"))).toBe(false);
  });

  it("refuses a data directory another process holds: its message on one line, exit code 1", () => {
    const dir = path.join(tmp, "locked");
    const release = acquireDataDirLock(dir, "vitest (holding the lock)");
    try {
      const r = seed([], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`is in use by process ${process.pid}`);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      release();
    }
  });

  it("seeds once as of --now, then says so; --requests on a seeded database adds only those, as of --now too", async () => {
    const dir = path.join(tmp, "pglite");
    const now = "2027-02-05T10:00:00+08:00"; // the Spring Festival eve of 2027, a year with no notice loaded
    const first = seed(["--now", now], dir);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("as of 2027-02-05T10:00:00.000+08:00");
    expect(first.stdout).toContain("requests: 300");
    expect(first.stdout).toContain("admin@xiaolu.example");
    expect(first.stdout).toContain("Demo-Admin-2026");
    expect(first.stdout).toContain("19900000020");

    const again = seed([], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already seeded");

    const more = seed(["--requests", "300", "--now", now], dir);
    expect(more.code).toBe(0);
    expect(more.stdout).toMatch(/Added 300 requests/);

    // Every request was received in the 365 days up to --now (the demo's in its last 120), none after it.
    const handle = await openDb({ pgliteDir: dir });
    try {
      const [row] = rowsOf<{ n: number; first: number; last: number; provisional: number }>(
        await handle.db.execute(sql`select count(*)::int as n, (extract(epoch from min(received_at)) * 1000)::float8 as first,
          (extract(epoch from max(received_at)) * 1000)::float8 as last, (count(*) filter (where provisional))::int as provisional
          from dsr.requests`),
      );
      const at = Date.parse(now);
      expect(row!.n).toBe(600);
      expect(Number(row!.last)).toBeLessThanOrEqual(at);
      expect(Number(row!.last)).toBeGreaterThan(at - 2 * 86_400_000);
      expect(Number(row!.first)).toBeGreaterThan(at - 366 * 86_400_000);
      // Deadlines counted into 2027, whose notice is not loaded, are provisional.
      expect(row!.provisional).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  }, 240_000);
});
