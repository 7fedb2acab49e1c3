import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireDataDirLock } from "@/db/lock";

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

describe("db:seed command", () => {
  it.each([
    [["--requests", "abc"], /--requests must be a whole number ≥ 0, got "abc"/],
    [["--requests", "-5"], /--requests must be a whole number ≥ 0, got "-5"/],
    [["--requests"], /--requests needs a number/],
    [["--requests=1.5"], /got "1.5"/],
    [["--rows", "5"], /unknown argument "--rows"/],
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

  it("seeds once, then says so; --requests on a seeded database adds only those", () => {
    const first = seed([]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("requests: 300");
    expect(first.stdout).toContain("admin@xiaolu.example");
    expect(first.stdout).toContain("Demo-Admin-2026");
    expect(first.stdout).toContain("19900000020");

    const again = seed([]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already seeded");

    const more = seed(["--requests", "300"]);
    expect(more.code).toBe(0);
    expect(more.stdout).toMatch(/Added 300 requests/);
  }, 240_000);
});
