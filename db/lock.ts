import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * PGlite has no lock of its own: two processes on one data directory silently lose each other's writes.
 * We hold a lock file beside the directory, naming the process that owns it. A lock whose process is gone
 * (killed, crashed) is stale and taken over.
 */
type LockInfo = { pid: number; host: string; procStart: string | null; command: string; since: string };

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The embedded database at ${dir} is in use by process ${holder.pid} (${holder.command}, since ${holder.since}). ` +
        `Stop that process first, or set DATABASE_URL to use a PostgreSQL server.`,
    );
    this.name = "DataDirLockedError";
  }
}

const held = new Set<string>();

function procStartOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22 (start time) comes after the command name, which may itself contain spaces and parentheses.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(info: LockInfo): boolean {
  if (info.host !== os.hostname()) return true; // cannot check another machine: assume it is alive
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  // A recycled pid belongs to a process that started at another time.
  const start = procStartOf(info.pid);
  return !(info.procStart && start && info.procStart !== start);
}

export function lockPathFor(dir: string) {
  return `${path.resolve(dir)}.lock`;
}

/**
 * Takes the lock for `dir` or throws DataDirLockedError. Not re-entrant: a second PGlite on the same directory
 * inside one process would lose writes just the same, so it is refused too.
 */
export function acquireDataDirLock(dir: string, command = process.argv.slice(1).join(" ")): () => void {
  const abs = path.resolve(dir);
  const lockPath = lockPathFor(abs);
  if (held.has(abs)) {
    throw new DataDirLockedError(abs, readLock(lockPath) ?? { pid: process.pid, host: os.hostname(), procStart: null, command, since: "" });
  }
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const mine: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    procStart: procStartOf(process.pid),
    command: command || "node",
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // Written aside, then linked into place: the lock appears atomically and always complete.
      const tmp = `${lockPath}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(mine));
      try {
        fs.linkSync(tmp, lockPath);
      } finally {
        fs.rmSync(tmp, { force: true });
      }
      held.add(abs);
      process.once("exit", () => removeIfMine(lockPath));
      return () => release(abs, lockPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const holder = readLock(lockPath);
    if (holder && isAlive(holder)) throw new DataDirLockedError(abs, holder);
    fs.rmSync(lockPath, { force: true }); // stale: its process is gone
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

function readLock(lockPath: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockInfo;
  } catch {
    return null; // unreadable: treated as stale
  }
}

function release(abs: string, lockPath: string) {
  held.delete(abs);
  removeIfMine(lockPath);
}

function removeIfMine(lockPath: string) {
  const holder = readLock(lockPath);
  if (holder && holder.pid === process.pid) fs.rmSync(lockPath, { force: true });
}
