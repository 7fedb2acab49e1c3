import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { desc, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { auditLog } from "@/db/schema";
import { canonicalJson } from "./chain";

/**
 * A signed statement of where the audit log stood: its head row, that row's hash and how many rows there were.
 * Kept outside the database (a file the operator ships elsewhere: README "Audit checkpoints"), it lets
 * `dsr audit verify` tell a log that was cut or re-hashed from one that only grew.
 */
export type Checkpoint = { headId: number; headHash: string; count: number; at: string; sig: string };

const sign = (key: string, c: Omit<Checkpoint, "sig">) => createHmac("sha256", key).update(canonicalJson(c)).digest("hex");

export async function makeCheckpoint(conn: Conn, key: string, now: Date): Promise<Checkpoint | null> {
  const [head] = await conn.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  if (!head) return null;
  const [{ n } = { n: 0 }] = await conn.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  const body = { headId: head.id, headHash: head.hash, count: n, at: now.toISOString() };
  return { ...body, sig: sign(key, body) };
}

/** The checkpoint, if its signature is the audit key's; a forged or edited checkpoint is refused. */
export function parseCheckpoint(line: string, key: string): Checkpoint | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const c = value as Partial<Checkpoint>;
  if (
    typeof c?.headId !== "number" ||
    typeof c.headHash !== "string" ||
    typeof c.count !== "number" ||
    typeof c.at !== "string" ||
    typeof c.sig !== "string"
  )
    return null;
  const expected = Buffer.from(sign(key, { headId: c.headId, headHash: c.headHash, count: c.count, at: c.at }), "hex");
  const given = Buffer.from(c.sig, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? (c as Checkpoint) : null;
}

/** The newest valid checkpoint of a JSON-lines file's text (one checkpoint per line, appended). */
export function newestCheckpoint(text: string, key: string): Checkpoint | null {
  const lines = text.split("\n").filter((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const c = parseCheckpoint(lines[i]!, key);
    if (c) return c;
  }
  return null;
}
