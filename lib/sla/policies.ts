import { REQUEST_TYPES, type RequestType } from "@/lib/domain";
import type { SlaPolicy } from "./deadline";

const policy = (targetWorkingDays: number, dueWorkingDays: number): SlaPolicy => Object.freeze({ targetWorkingDays, dueWorkingDays });

/**
 * Default reply deadlines in working days (DESIGN.md; privacy policy §8.1, §8.7, §12). The live values are
 * admin-editable rows in the database, seeded from these. Frozen: copy before changing.
 */
export const DEFAULT_SLA_POLICIES: Record<RequestType, SlaPolicy> = Object.freeze({
  access: policy(10, 15),
  portability: policy(10, 15),
  correction: policy(5, 7),
  deletion: policy(5, 7),
  consent: policy(5, 7),
  cancellation: policy(5, 7),
  automated_decision: policy(5, 7),
  complaint: policy(10, 15),
});

/**
 * The longest deadline the published privacy policy promises for any request: 15 working days (§8.1, §12). An admin
 * may set a longer one only with an explicit, audited override (lib/calendar/policy-schema.ts, lib/calendar/admin.ts).
 */
export const PUBLISHED_PROMISE_WORKING_DAYS = 15;

/**
 * The deadline policy a request was received under (its snapshot), else — for a row written before requests kept
 * one — the policy `current` gives for its type.
 */
export function requestPolicy(r: { policyTargetWorkingDays: number | null; policyDueWorkingDays: number | null }, current: SlaPolicy): SlaPolicy {
  if (r.policyTargetWorkingDays === null || r.policyDueWorkingDays === null) return current;
  return { targetWorkingDays: r.policyTargetWorkingDays, dueWorkingDays: r.policyDueWorkingDays };
}

/** The default policy of a request type given as an untrusted string, or undefined for an unknown type. */
export function defaultSlaPolicy(type: string): SlaPolicy | undefined {
  return (REQUEST_TYPES as readonly string[]).includes(type) ? DEFAULT_SLA_POLICIES[type as RequestType] : undefined;
}
