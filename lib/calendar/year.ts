import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { calendarDays, calendarYears } from "@/db/schema";
import { statutoryHolidays } from "@/lib/sla";

export type CalendarYearView = {
  year: number;
  /** `notice`: the State Council notice is loaded; `fallback`: statutory holidays only, deadlines provisional. */
  source: "notice" | "fallback";
  notice: string | null;
  days: { date: string; kind: "holiday" | "makeup_workday"; isWorkingDay: boolean; name: string }[];
};

/** A year's non-standard days as the deadline engine counts them. */
export async function listCalendarYear(conn: Conn, year: number): Promise<CalendarYearView> {
  const [loaded] = await conn.select().from(calendarYears).where(eq(calendarYears.year, year));
  if (!loaded) {
    return {
      year,
      source: "fallback",
      notice: null,
      days: statutoryHolidays(year).map((h) => ({ date: h.date, kind: "holiday", isWorkingDay: false, name: h.name })),
    };
  }
  const days = await conn.select().from(calendarDays).where(eq(calendarDays.year, year)).orderBy(asc(calendarDays.day));
  return {
    year,
    source: "notice",
    notice: loaded.notice,
    days: days.map((d) => ({ date: d.day, kind: d.kind, isWorkingDay: d.isWorkingDay, name: d.name })),
  };
}
