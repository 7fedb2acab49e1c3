import "server-only";
import type { Conn } from "./client";
import { calendarDays, calendarYears, slaPolicies, REQUEST_TYPES } from "./schema";
import { DEFAULT_SLA_POLICIES, loadBundledCalendarYears } from "../lib/sla";

/**
 * Reference data every database needs, demo or not: the bundled State Council calendars (2024–2026) for years
 * not loaded yet, and the default response deadlines for types without a policy. Never overwrites an admin's
 * edits; safe to run on every start.
 */
export async function ensureReferenceData(conn: Conn): Promise<void> {
  const loaded = new Set((await conn.select({ year: calendarYears.year }).from(calendarYears)).map((r) => r.year));
  for (const file of loadBundledCalendarYears()) {
    if (loaded.has(file.year)) continue;
    await conn.insert(calendarYears).values({ year: file.year, notice: file.notice }).onConflictDoNothing();
    await conn
      .insert(calendarDays)
      .values(
        file.days.map((d) => ({
          day: d.date,
          year: file.year,
          isWorkingDay: d.kind === "makeup_workday",
          kind: d.kind,
          name: d.name,
          notice: file.notice,
        })),
      )
      .onConflictDoNothing();
  }
  await conn
    .insert(slaPolicies)
    .values(REQUEST_TYPES.map((type) => ({ type, ...DEFAULT_SLA_POLICIES[type] })))
    .onConflictDoNothing();
}
