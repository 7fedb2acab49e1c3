import "server-only";
import { sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { rowsOf } from "@/db/rows";
import type { RequestType } from "@/lib/domain";
import { loadSlaPolicies } from "@/lib/calendar/policies";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import type { SlaPolicy, WorkingDayIndex } from "@/lib/sla";

export { rowsOf };

/** The working calendar and deadlines as the database holds them (what the app will count with). */
export async function loadSlaContext(conn: Conn): Promise<{ index: WorkingDayIndex; policies: Record<RequestType, SlaPolicy> }> {
  return { index: await loadWorkingDayIndex(conn), policies: await loadSlaPolicies(conn) };
}

/** `n` numbers from the request reference sequence, ascending (the app takes its numbers from it too). */
export async function nextRefNumbers(conn: Conn, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const rows = rowsOf<{ n: string | number }>(await conn.execute(sql`select nextval('dsr.request_ref_seq') as n from generate_series(1, ${n}::int)`));
  return rows.map((r) => Number(r.n)).sort((a, b) => a - b);
}
