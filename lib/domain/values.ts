/**
 * The closed value lists of the portal and their types: one place for each. Pure data — no database, no
 * drizzle — so client components, zod schemas and rules import them from here; the database enums in
 * db/schema/enums.ts are built from these lists (the SQL type names and values live there and must not drift).
 */

export const ROLES = ["patient", "agent", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const REQUEST_TYPES = [
  "access",
  "portability",
  "correction",
  "deletion",
  "consent",
  "cancellation",
  "automated_decision",
  "complaint",
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const OPEN_STATUSES = ["submitted", "in_progress", "awaiting_requester"] as const;
export const CLOSED_STATUSES = ["completed", "refused", "withdrawn"] as const;
export const REQUEST_STATUSES = [...OPEN_STATUSES, ...CLOSED_STATUSES] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];
export type ClosedStatus = (typeof CLOSED_STATUSES)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_OUTCOMES = ["fulfilled", "partially_fulfilled"] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

/** Who the requester is to the data subject (DESIGN.md "Identity and acting for others"). */
export const RELATIONSHIPS = ["self", "guardian", "close_relative", "authorised_agent"] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** Refusal codes: §8.7 discretionary, §8.7 items 1–6 statutory, identity and retention. */
export const REFUSAL_REASONS = [
  "unreasonably_repeated",
  "excessive_technical_means",
  "risks_others_rights",
  "impractical",
  "national_security",
  "public_safety_health",
  "criminal_investigation",
  "malice_or_abuse",
  "serious_harm",
  "trade_secret",
  "identity_not_verified",
  "legal_retention",
  /** The patient declined the cost fee quoted on a repeated request (§8.7). */
  "repeat_fee_declined",
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/**
 * Where a request stands on "do we know who asks, and for whom" (DESIGN.md "Identity and acting for others"):
 * no fulfilment step, release or closing as fulfilled happens unless it is `verified`.
 */
export const VERIFICATION_STATUSES = ["pending", "verified", "rejected"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
/** How a verification was done: the SMS code (possession of the account), the real-name record, staff reviewing proofs. */
export const VERIFICATION_METHODS = ["sms_possession", "real_name_match", "document_review", "staff_check"] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];
/**
 * How a request came in: the portal's own pages, or staff logging one received by phone, letter, e-mail or at the
 * counter (lib/requests/intake.ts), its deadline counted from the original time of receipt.
 */
export const REQUEST_CHANNELS = ["portal", "phone", "letter", "email", "counter"] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export const INTAKE_CHANNELS = ["phone", "letter", "email", "counter"] as const satisfies readonly RequestChannel[];
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
/** The identity check staff performed when logging a request (recorded as a `staff_check` verification). */
export const INTAKE_IDENTITY_CHECKS = ["security_questions", "id_card_seen", "id_copy_enclosed", "not_verified"] as const;
export type IntakeIdentityCheck = (typeof INTAKE_IDENTITY_CHECKS)[number];
/** What one verification found: passed, more proof asked for (the clock pauses), or refused. */
export const VERIFICATION_RESULTS = ["passed", "more_needed", "rejected"] as const;
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];

/** Who a 就诊人 (a family member an account consults for, policy §3.3) is to the account holder (`platform.patients.relationship`). */
/** What each proof document is, as the requester labels it and staff check it (lib/identity/authority.ts). */
export const PROOF_KINDS = [
  "id_card",
  "household_register",
  "birth_certificate",
  "guardianship_certificate",
  "death_certificate",
  "kinship_certificate",
  "authorisation",
] as const;
export type ProofKind = (typeof PROOF_KINDS)[number];

export const PATIENT_RELATIONSHIPS = ["child", "parent", "spouse", "other"] as const;
export type PatientRelationship = (typeof PATIENT_RELATIONSHIPS)[number];

export const FEE_STATUSES = ["quoted", "accepted", "declined"] as const;
export type FeeStatus = (typeof FEE_STATUSES)[number];

export const PAUSE_REASONS = ["identity", "clarification", "fee"] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const EVENT_KINDS = [
  "submitted",
  "status_changed",
  "assigned",
  "paused",
  "resumed",
  "message",
  "note",
  "fee_quoted",
  "fee_answered",
  "deadline_recomputed",
  "reopened",
  "fulfilment_step",
  "verification",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const CALENDAR_DAY_KINDS = ["holiday", "makeup_workday"] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export const OUTBOX_CHANNELS = ["sms", "portal", "recipient_notice", "email"] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** How a scheduled job's run began: on its schedule, or by an admin's "run now". */
export const JOB_RUN_TRIGGERS = ["schedule", "manual"] as const;
export type JobRunTrigger = (typeof JOB_RUN_TRIGGERS)[number];
export const JOB_RUN_OUTCOMES = ["running", "succeeded", "failed"] as const;
export type JobRunOutcome = (typeof JOB_RUN_OUTCOMES)[number];

/**
 * Reminders and escalations (lib/reminders): the assignee when a request becomes at risk, managers when it becomes
 * overdue and in the daily digest, the patient when a question has waited 5 and 10 working days.
 */
export const NOTICE_KINDS = ["at_risk", "overdue", "digest", "waiting_on_patient"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const ATTACHMENT_PURPOSES = ["proof", "evidence", "message", "result"] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

/** The consent switches of the hospital platform a patient can change with a consent request (`platform.consents.key`). */
export const CONSENT_KEYS = [
  "device_location",
  "device_contacts",
  "device_camera",
  "device_notifications",
  "device_microphone",
  "device_storage",
  "personalised_recommendations",
  "marketing",
  "share_partner_pharmacies",
] as const;
export type ConsentKey = (typeof CONSENT_KEYS)[number];

/** The kinds of automated decision the hospital platform records (`platform.automated_decisions.kind`, policy §8.6). */
export const AUTOMATED_DECISION_KINDS = ["risk_control", "doctor_matching", "coupon_eligibility"] as const;
export type AutomatedDecisionKind = (typeof AUTOMATED_DECISION_KINDS)[number];
