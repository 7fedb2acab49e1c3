import "server-only";
import type { Conn } from "@/db/client";
import type { RequestType } from "@/db/schema";
import { loadDeadlineRules } from "@/lib/calendar/deadline-rules";
import { loadSlaPolicies } from "@/lib/calendar/policies";
import { computeDeadline, weekdayOf } from "@/lib/sla";

export type ExpectedDue = { dueDate: string; weekday: number; workingDays: number; provisional: boolean };

/** When a request of `type` filed at `now` would be due: the deadline engine with the admin's policy for the type. */
export async function expectedDue(conn: Conn, type: RequestType, now: Date): Promise<ExpectedDue> {
  const { index, policies } = await loadDeadlineRules(conn);
  const policy = policies[type];
  const d = computeDeadline(now, policy, index);
  return { dueDate: d.dueDate, weekday: weekdayOf(d.dueDate), workingDays: policy.dueWorkingDays, provisional: d.provisional };
}

/** Due working days per type, for the type chooser. */
export async function dueWorkingDaysByType(conn: Conn): Promise<Record<RequestType, number>> {
  const policies = await loadSlaPolicies(conn);
  return Object.fromEntries(Object.entries(policies).map(([type, p]) => [type, p.dueWorkingDays])) as Record<RequestType, number>;
}
