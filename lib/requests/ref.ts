import { sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { shanghaiDateOf } from "@/lib/sla";

/** The next reference shown to people: DSR-<year of receipt in Shanghai>-<number from one sequence>. */
export async function nextRequestRef(conn: Conn, receivedAt: Date): Promise<string> {
  const [row] = rowsOf<{ n: string | number }>(await conn.execute(sql`select nextval('dsr.request_ref_seq') as n`));
  return `DSR-${shanghaiDateOf(receivedAt).slice(0, 4)}-${String(Number(row!.n)).padStart(6, "0")}`;
}
