import { sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { calendarDays, calendarYears, slaPolicies } from "@/db/schema";
import type { RequestType } from "@/db/schema/enums";
import { buildWorkingDayIndex, DEFAULT_SLA_POLICIES, type SlaPolicy, type WorkingDayIndex } from "@/lib/sla";

/** Rows of `db.execute()`: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** The working calendar and deadlines as the database holds them (what the app will count with). */
export async function loadSlaContext(conn: Conn): Promise<{ index: WorkingDayIndex; policies: Record<RequestType, SlaPolicy> }> {
  const [days, years, rows] = [
    await conn.select({ date: calendarDays.day, isWorkingDay: calendarDays.isWorkingDay }).from(calendarDays),
    await conn.select({ year: calendarYears.year }).from(calendarYears),
    await conn.select().from(slaPolicies),
  ];
  const policies: Record<RequestType, SlaPolicy> = { ...DEFAULT_SLA_POLICIES };
  for (const r of rows) policies[r.type] = { targetWorkingDays: r.targetWorkingDays, dueWorkingDays: r.dueWorkingDays };
  return { index: buildWorkingDayIndex({ days, loadedYears: years.map((y) => y.year) }), policies };
}

/** `n` numbers from the request reference sequence, ascending (the app takes its numbers from it too). */
export async function nextRefNumbers(conn: Conn, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const rows = rowsOf<{ n: string | number }>(
    await conn.execute(sql`select nextval('dsr.request_ref_seq') as n from generate_series(1, ${n}::int)`),
  );
  return rows.map((r) => Number(r.n)).sort((a, b) => a - b);
}
