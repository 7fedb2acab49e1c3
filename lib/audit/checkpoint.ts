import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { canonicalJson } from "./chain";
import { inOneSnapshot } from "./snapshot";

/** Where one chain of the audit log stood: its head row, that row's hash and how many rows the chain had. */
export type ChainHead = { chain: number; id: number; hash: string; count: number };

/**
 * A signed statement of where the audit log stood: each chain's head (lib/audit/log.ts AUDIT_CHAINS) and how many
 * rows there were in all. Kept outside the database (a file the operator ships elsewhere: README "Audit
 * checkpoints"), it lets `dsr audit verify` tell a log that was cut or re-hashed from one that only grew.
 */
export type Checkpoint = { heads: ChainHead[]; count: number; at: string; sig: string };

/** A checkpoint's signature: over its body, or (written while the log was one chain) `{ headId, headHash, count, at }`. */
const sign = (key: string, body: object) => createHmac("sha256", key).update(canonicalJson(body)).digest("hex");

/** The newest row a checkpoint covers (the highest of its chains' heads). */
export const newestHeadId = (c: Checkpoint) => Math.max(...c.heads.map((h) => h.id));

export async function makeCheckpoint(conn: Conn, key: string, now: Date): Promise<Checkpoint | null> {
  // Each chain's head and size from one snapshot, through audit_log_chain (chain, id).
  const rows = await inOneSnapshot(conn, async (tx) =>
    rowsOf<{ chain: number; id: number | string; hash: string; n: number }>(
      await tx.execute(sql`select c.chain, h.id, h.hash, (select count(*) from dsr.audit_log a where a.chain = c.chain)::int as n
        from generate_series(0, (select coalesce(max(chain), 0) from dsr.audit_log)) as c(chain)
        cross join lateral (select id, hash from dsr.audit_log a where a.chain = c.chain order by a.id desc limit 1) as h`),
    ),
  );
  if (rows.length === 0) return null;
  const heads = rows.map((r) => ({ chain: Number(r.chain), id: Number(r.id), hash: r.hash, count: r.n }));
  const body = { heads, count: heads.reduce((n, h) => n + h.count, 0), at: now.toISOString() };
  return { ...body, sig: sign(key, body) };
}

const sameSig = (given: unknown, expectedHex: string) => {
  if (typeof given !== "string") return false;
  const expected = Buffer.from(expectedHex, "hex");
  const buf = Buffer.from(given, "hex");
  return buf.length === expected.length && timingSafeEqual(buf, expected);
};

const isHead = (h: unknown): h is ChainHead => {
  const v = h as Partial<ChainHead> | null;
  return Number.isInteger(v?.chain) && Number.isInteger(v?.id) && typeof v?.hash === "string" && Number.isInteger(v?.count);
};

/** The checkpoint, if its signature is the audit key's; a forged or edited checkpoint is refused. */
export function parseCheckpoint(line: string, key: string): Checkpoint | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const c = value as Record<string, unknown> | null;
  if (!c || typeof c !== "object" || typeof c.count !== "number" || typeof c.at !== "string") return null;
  if (Array.isArray(c.heads)) {
    if (c.heads.length === 0 || !c.heads.every(isHead)) return null;
    const body = { heads: c.heads.map((h) => ({ chain: h.chain, id: h.id, hash: h.hash, count: h.count })), count: c.count, at: c.at };
    return sameSig(c.sig, sign(key, body)) ? { ...body, sig: c.sig as string } : null;
  }
  if (typeof c.headId !== "number" || typeof c.headHash !== "string") return null;
  const single = { headId: c.headId, headHash: c.headHash, count: c.count, at: c.at };
  if (!sameSig(c.sig, sign(key, single))) return null;
  return {
    heads: [{ chain: 0, id: single.headId, hash: single.headHash, count: single.count }],
    count: single.count,
    at: single.at,
    sig: c.sig as string,
  };
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
