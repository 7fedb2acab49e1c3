/**
 * Run by tz.test.ts in child processes with different TZ values: prints a JSON digest of the engine's
 * answers, which must not depend on the process time zone.
 */
import { buildBundledWorkingDayIndex } from "./calendar-file";
import { computeDeadline, pauseExtension } from "./deadline";
import { statutoryHolidays } from "./fallback";
import { formatShanghaiInstant, shanghaiDateOf, weekdayOf } from "./shanghai";
import { slaStatus } from "./sla-state";

const ix = buildBundledWorkingDayIndex();
const out: unknown[] = [];
const access = { targetWorkingDays: 10, dueWorkingDays: 15 };
// every 7 h 13 min from 2024-01-01 to 2027-03-01 (Shanghai), crossing every midnight at varied times
for (let ms = Date.parse("2024-01-01T00:00:00+08:00"); ms < Date.parse("2027-03-01T00:00:00+08:00"); ms += 26_000_000) {
  const at = new Date(ms);
  const d = computeDeadline(at, access, ix, ms % 3);
  out.push([shanghaiDateOf(at), weekdayOf(d.dueDate), d.targetDate, d.dueDate, formatShanghaiInstant(d.dueAt), d.provisional]);
  out.push(slaStatus({ status: "submitted", ...d, closedAt: null, pausedAt: null }, new Date(ms + 9 * 86_400_000), ix));
  out.push(pauseExtension(at, new Date(ms + 5 * 86_400_000), ix));
}
for (let y = 2024; y <= 2030; y++) out.push(statutoryHolidays(y));
process.stdout.write(JSON.stringify({ tz: process.env.TZ, offsetMinutes: new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset(), out }));
