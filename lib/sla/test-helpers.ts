/** Shared fixtures for the lib/sla tests. */
import { buildBundledWorkingDayIndex } from "./calendar-file";
import type { WorkingDayIndex } from "./working-days";

let cached: WorkingDayIndex | undefined;

/** The index over the bundled 2024–2026 notices (built once per test file). */
export function bundledIndex(): WorkingDayIndex {
  cached ??= buildBundledWorkingDayIndex();
  return cached;
}

/** An instant from a Shanghai wall-clock time "YYYY-MM-DDTHH:mm[:ss]". */
export function sh(local: string): Date {
  return new Date(`${local}+08:00`);
}
