/** Working-day deadline engine (pure: no database, clock or process time zone). */
export {
  type ShanghaiDate,
  shanghaiDateOf,
  shanghaiDayNumberOf,
  endOfShanghaiDay,
  endOfShanghaiDayNumber,
  startOfShanghaiDay,
  dayNumber,
  fromDayNumber,
  weekdayOf,
  addCalendarDays,
  formatShanghaiInstant,
  isShanghaiDate,
  yearOf,
} from "./shanghai";
export {
  CalendarYearFile,
  type CalendarYearFileT,
  type CalendarDay,
  type CalendarDayKind,
  CALENDAR_DAY_KINDS,
  type CalendarImportError,
  type CalendarImportErrorCode,
  CALENDAR_IMPORT_ERROR_CODES,
  type CalendarValidationResult,
  validateCalendarYear,
  loadBundledCalendarYears,
  indexInputFromCalendarYears,
  buildBundledWorkingDayIndex,
} from "./calendar-file";
export { statutoryHolidays, type StatutoryHoliday } from "./fallback";
export { WorkingDayIndex, buildWorkingDayIndex, type WorkingDayIndexInput, DEFAULT_INDEX_FROM_YEAR, DEFAULT_INDEX_TO_YEAR } from "./working-days";
export {
  type SlaPolicy,
  type Deadline,
  type DeadlineDays,
  computeDeadline,
  computeDeadlineDays,
  pauseExtension,
  totalPauseExtension,
} from "./deadline";
export { DEFAULT_SLA_POLICIES, defaultSlaPolicy, PUBLISHED_PROMISE_WORKING_DAYS, requestPolicy } from "./policies";
export { type SlaState, type SlaSubject, slaStatus, dueDateIfResumedNow, SLA_CLOSED_STATUSES, AT_RISK_WORKING_DAYS } from "./sla-state";
