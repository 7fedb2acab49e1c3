import { REQUEST_TYPES, type RequestType } from "@/db/schema/enums";
import type { SlaPolicy } from "./deadline";

const policy = (targetWorkingDays: number, dueWorkingDays: number): SlaPolicy =>
  Object.freeze({ targetWorkingDays, dueWorkingDays });

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

/** The default policy of a request type given as an untrusted string, or undefined for an unknown type. */
export function defaultSlaPolicy(type: string): SlaPolicy | undefined {
  return (REQUEST_TYPES as readonly string[]).includes(type) ? DEFAULT_SLA_POLICIES[type as RequestType] : undefined;
}
