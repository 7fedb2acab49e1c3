import { sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { calendarDays, calendarYears } from "@/db/schema";
import { buildWorkingDayIndex, type WorkingDayIndex } from "@/lib/sla";

let cached: { stamp: string; index: WorkingDayIndex } | undefined;

/**
 * The working-day index built from the calendar in the database. The index is derived data: it is rebuilt
 * whenever the calendar's stamp (years loaded, last import) differs from the one it was built from, so every
 * instance sees an import at once.
 */
export async function loadWorkingDayIndex(conn: Conn): Promise<WorkingDayIndex> {
  const [row] = await conn
    .select({ stamp: sql<string>`count(*)::text || ':' || coalesce(max(${calendarYears.importedAt})::text, '')` })
    .from(calendarYears);
  const stamp = row?.stamp ?? "";
  if (cached?.stamp === stamp) return cached.index;
  const [days, years] = await Promise.all([
    conn.select({ date: calendarDays.day, isWorkingDay: calendarDays.isWorkingDay }).from(calendarDays),
    conn.select({ year: calendarYears.year }).from(calendarYears),
  ]);
  const index = buildWorkingDayIndex({ days, loadedYears: years.map((y) => y.year) });
  cached = { stamp, index };
  return index;
}
