import "server-only";
import { sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { calendarDays, calendarYears } from "@/db/schema";
import { buildWorkingDayIndex, type WorkingDayIndex } from "@/lib/sla";

let cached: { stamp: string; index: WorkingDayIndex } | undefined;

/**
 * The working-day index built from the calendar in the database. The index is derived data: it is rebuilt
 * whenever the calendar's stamp (years loaded, last import, the days' content) differs from the one it was built from, so every
 * instance sees an import at once.
 */
export async function loadWorkingDayIndex(conn: Conn): Promise<WorkingDayIndex> {
  // The stamp covers the days themselves, so a correction is seen whatever its import time says.
  const [row] = await conn
    .select({
      stamp: sql<string>`count(*)::text || ':' || coalesce(max(${calendarYears.importedAt})::text, '') || ':' ||
        coalesce((select md5(string_agg(${calendarDays.day}::text || ${calendarDays.isWorkingDay}::text, ',' order by ${calendarDays.day})) from ${calendarDays}), '')`,
    })
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
