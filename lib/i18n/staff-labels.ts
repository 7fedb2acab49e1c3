/**
 * How staff screens name a coded value: each family of values (their closed list) and the catalog key of a value's
 * staff label. Staff screens never print a raw key: they go through `staffValue`, and `staff-labels.test.ts` checks
 * that every value of every family has its label in both catalogs. Pure: no database, no server-only.
 */
import {
  ATTACHMENT_PURPOSES,
  AUTOMATED_DECISION_KINDS,
  CONSENT_KEYS,
  EVENT_KINDS,
  PAUSE_REASONS,
  REFUSAL_REASONS,
  RELATIONSHIPS,
  REQUEST_OUTCOMES,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  VERIFICATION_METHODS,
  VERIFICATION_RESULTS,
  VERIFICATION_STATUSES,
} from "@/lib/domain";
import { CORRECTABLE_FIELDS, DATA_CATEGORIES, DELETION_GROUNDS } from "@/lib/requests/categories";
import type { WorkflowAction } from "@/lib/workflow/machine";

/** Every kind of workflow transition, each audited as `request.<kind>` (lib/requests/transitions.ts); the compiler keeps it complete. */
const TRANSITION_KINDS = Object.keys({
  claim: 1,
  assign: 1,
  start: 1,
  pause: 1,
  resume: 1,
  quote_fee: 1,
  answer_fee: 1,
  complete: 1,
  refuse: 1,
  withdraw: 1,
  reopen: 1,
  verify: 1,
} satisfies Record<WorkflowAction["kind"], 1>);

/** The fulfilment steps (lib/fulfilment/progress.ts, which is server-only; the test compares the two), audited as `fulfilment.<step>`. */
export const FULFILMENT_STEP_NAMES = [
  "access.prepare",
  "access.release",
  "correction.apply",
  "deletion.apply",
  "consent.apply",
  "cancellation.apply",
] as const;

/** What a request's audit trail can record (lib/requests/audit-trail.ts: the rows that name the request). */
const AUDIT_ACTIONS = [
  ...TRANSITION_KINDS.map((k) => `request.${k}`),
  "request.view",
  "request.submit",
  "request.intake",
  "request.intake_backdated",
  "request.note",
  "request.message",
  "attachment.view",
  "attachment.download",
  "attachment.upload",
  "recipient.confirm",
  "result.download",
  "proof.purge",
  "package.queue",
  "package.purge",
  ...FULFILMENT_STEP_NAMES.map((s) => `fulfilment.${s}`),
];

const family = (values: readonly string[], key: (v: string) => string) => ({ values, key });

export const STAFF_VALUE_FAMILIES = {
  type: family(REQUEST_TYPES, (v) => `types.${v}`),
  status: family(REQUEST_STATUSES, (v) => `staff.status.${v}`),
  outcome: family(REQUEST_OUTCOMES, (v) => `outcomes.${v}`),
  refusalReason: family(REFUSAL_REASONS, (v) => `refusalReasons.${v}`),
  pauseReason: family(PAUSE_REASONS, (v) => `pauseReasons.${v}`),
  relationship: family(RELATIONSHIPS, (v) => `relationships.${v}`),
  eventKind: family(EVENT_KINDS, (v) => `events.${v}`),
  sla: family(["on_track", "at_risk", "overdue", "met", "missed"], (v) => `sla.${v}`),
  verificationStatus: family(VERIFICATION_STATUSES, (v) => `staff.verification.status_${v}`),
  verificationMethod: family(VERIFICATION_METHODS, (v) => `staff.verification.method_${v}`),
  verificationResult: family(VERIFICATION_RESULTS, (v) => `staff.verification.result_${v}`),
  attachmentPurpose: family(ATTACHMENT_PURPOSES, (v) => `staff.request.purpose_${v}`),
  // The record categories staff see: the data categories and automated decisions (lib/requests/platform-records.ts).
  category: family([...DATA_CATEGORIES, "automated_decisions"], (v) => `staff.platform.category_${v}`),
  ground: family(DELETION_GROUNDS, (v) => `staff.values.ground.${v}`),
  consent: family(CONSENT_KEYS, (v) => `staff.values.consent.${v}`),
  field: family(CORRECTABLE_FIELDS, (v) => `staff.values.field.${v}`),
  decisionKind: family(AUTOMATED_DECISION_KINDS, (v) => `staff.values.decisionKind.${v}`),
  /** `platform.accounts.gender`, the one correctable field whose values are codes. */
  gender: family(["male", "female"], (v) => `staff.values.gender.${v}`),
  auditAction: family(AUDIT_ACTIONS, (v) => `staff.audit.actions.${v}`),
} as const;
export type StaffValueFamily = keyof typeof STAFF_VALUE_FAMILIES;

/** The catalog key of a value's staff label, or null for a value outside its family's list. */
export function staffValueKey(f: StaffValueFamily, value: string): string | null {
  const { values, key } = STAFF_VALUE_FAMILIES[f];
  return values.includes(value) ? key(value) : null;
}

/** A root translator (next-intl's `getTranslations()` / `useTranslations()`), as far as this module needs it. */
type Translate = { (key: never): string; has(key: never): boolean };

/**
 * A coded value in staff words. A value outside its family's list (a hospital system's new code, not yet in the
 * catalogs) is shown as "unrecognised" with the code, so it is noticed rather than passed off as a label.
 */
export function staffValue(t: Translate, f: StaffValueFamily, value: string): string {
  const key = staffValueKey(f, value);
  const tr = t as unknown as { (key: string, values?: Record<string, string>): string; has(key: string): boolean };
  return key && tr.has(key) ? tr(key) : tr("staff.values.unknown", { value });
}

/** A value of a correctable field as staff read it: a gender in words, anything else as written. */
export function staffFieldValue(t: Translate, field: string, value: string): string {
  return field === "account.gender" && staffValueKey("gender", value) ? staffValue(t, "gender", value) : value;
}
