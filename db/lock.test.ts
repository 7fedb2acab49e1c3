import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError, lockPathFor } from "./lock";

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  children.splice(0).forEach((c) => c.kill("SIGKILL"));
  dirs.splice(0).forEach((d) => fs.rmSync(path.dirname(d), { recursive: true, force: true }));
});

function tempDataDir() {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dsr-lock-")), "pglite");
  dirs.push(dir);
  return dir;
}

/** Another process that takes the lock and keeps it until killed. */
async function holdInChild(dir: string): Promise<ChildProcess> {
  const script = `
    import { acquireDataDirLock } from ${JSON.stringify(path.resolve("db/lock.ts"))};
    acquireDataDirLock(${JSON.stringify(dir)}, "npm start (test)");
    console.log("locked");
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (b: Buffer) => b.toString().includes("locked") && resolve());
    child.on("exit", (code) => reject(new Error(`child exited ${code}`)));
  });
  return child;
}

describe("the embedded data directory lock", () => {
  it("refuses a second process at once, naming the directory and the process holding it", async () => {
    const dir = tempDataDir();
    const child = await holdInChild(dir);
    const started = Date.now();
    let error: unknown;
    try {
      acquireDataDirLock(dir);
    } catch (e) {
      error = e;
    }
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(path.resolve(dir));
    expect((error as Error).message).toContain(`process ${child.pid}`);
    expect((error as Error).message).toContain("npm start (test)");
  });

  it("takes over a stale lock left by a killed process", async () => {
    const dir = tempDataDir();
    const child = await holdInChild(dir);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(fs.existsSync(lockPathFor(dir))).toBe(true);
    const release = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(lockPathFor(dir), "utf8")).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(lockPathFor(dir))).toBe(false);
  });

  it("takes over a lock whose pid now belongs to another process", () => {
    const dir = tempDataDir();
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    // Our own pid, but a start time that is not ours: the process that wrote it is gone and its pid was reused.
    fs.writeFileSync(lockPathFor(dir), JSON.stringify({ pid: process.pid, host: os.hostname(), procStart: "1", command: "old", since: "" }));
    const release = acquireDataDirLock(dir);
    release();
  });

  it("refuses a second open inside the same process too", () => {
    const dir = tempDataDir();
    const release = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    release();
    acquireDataDirLock(dir)();
  });
});
