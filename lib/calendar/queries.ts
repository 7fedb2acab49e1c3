import "server-only";
import type { Conn } from "@/db/client";
import { calendarDays, calendarYears } from "@/db/schema";
import { keptWithReferenceStamp } from "./reference";
import { buildWorkingDayIndex, type WorkingDayIndex } from "@/lib/sla";

/**
 * The working-day index built from the calendar in the database. The index is derived data, kept per instance with
 * the reference stamp it was built under (lib/calendar/reference.ts) and rebuilt when an import or a correction moves
 * it, so every instance sees a change with its next request.
 */
export const loadWorkingDayIndex: (conn: Conn) => Promise<WorkingDayIndex> = keptWithReferenceStamp(readWorkingDayIndex);

/** The working-day index read from the database now. */
export async function readWorkingDayIndex(conn: Conn): Promise<WorkingDayIndex> {
  const [days, years] = await Promise.all([
    conn.select({ date: calendarDays.day, isWorkingDay: calendarDays.isWorkingDay }).from(calendarDays),
    conn.select({ year: calendarYears.year }).from(calendarYears),
  ]);
  return buildWorkingDayIndex({ days, loadedYears: years.map((y) => y.year) });
}
