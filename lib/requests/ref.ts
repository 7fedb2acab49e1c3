import "server-only";
import { sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { formatRef } from "@/lib/domain/ref";

/** The next reference shown to people: DSR-<year of receipt in Shanghai>-<number from one sequence> (lib/domain/ref.ts). */
export async function nextRequestRef(conn: Conn, receivedAt: Date): Promise<string> {
  const [row] = rowsOf<{ n: string | number }>(await conn.execute(sql`select nextval('dsr.request_ref_seq') as n`));
  return formatRef(receivedAt, BigInt(row!.n));
}
