/**
 * The one catalog of error codes an action can answer with. Each code has a sentence in the `errors`
 * namespace of every message catalog (messages/*.json), checked by codes.test.ts. Field errors use the same
 * codes. Domain modules name their own failures from this list (a workflow refusal, a submission check).
 */
// Each group is written once; what only staff screens or only the sign-in receive is a union of groups below.

/** Any action (lib/actions/perform.ts). */
const ANY_ACTION = ["invalid_input", "not_found", "forbidden", "stale", "unexpected", "too_large"] as const;

/** The patient sign-in's SMS code and its limits (lib/auth/otp.ts); "locked" also the staff sign-in's. */
const SMS_SIGN_IN = ["code_format", "code_invalid", "cooldown", "daily_limit", "ip_limit", "too_many_attempts", "no_code", "locked"] as const;

/** Shared by the sign-in and the portal's forms or links: a phone, an e-mail address, an expired code or link. */
const SIGN_IN_AND_FORMS = ["phone_invalid", "email_invalid", "expired"] as const;

/** The staff sign-in (lib/auth/staff.ts). */
const STAFF_SIGN_IN = ["password_required", "staff_invalid"] as const;

/** Workflow refusals (lib/workflow/machine.ts WorkflowError): a patient's own actions can meet them too. */
const WORKFLOW = [
  "not_allowed",
  "wrong_status",
  "already_claimed",
  "claimed_by", // a claim lost to a colleague: {name} holds the request now
  "not_assignee",
  "assignee_not_staff",
  "reason_required",
  "message_required",
  "explanation_required",
  "fee_invalid",
  "fee_not_repeat",
  "payment_required",
  "not_paused_for_fee",
  "identity_not_verified",
  "note_required",
  "already_verified",
  "not_all_done",
  "arrangement_unchecked",
  "reply_unfinished",
] as const;

/** Staff form fields (lib/requests/staff-action-schemas.ts, lib/fulfilment/action-schemas.ts). */
const STAFF_FIELDS = ["tooLong", "invalidChoice", "invalidAmount", "decisionRequired", "confirmRequired"] as const;

/**
 * Fulfilment steps (lib/fulfilment: StepRefused codes, a failed step). Their cancellation refusal is
 * "cancellation_blocked", which filing a cancellation can answer too (in SHARED_FIELDS).
 */
const FULFILMENT = [
  "no_subject_account",
  "nothing_to_do",
  "not_prepared",
  "not_requested",
  "rejection_reason_required",
  "undecided",
  "record_gone",
  "legal_hold",
  "already_cancelled",
  "not_for_type",
  "step_wrong_status",
  "step_failed",
] as const;

/** Admin: calendar import (lib/calendar/import codes, prefixed) and deadline policies. */
const ADMIN = [
  "calendar_no_file",
  "calendar_too_large",
  "calendar_not_json",
  "calendar_malformed",
  "calendar_malformed_date",
  "calendar_duplicate_date",
  "calendar_makeup_not_weekend",
  "calendar_holiday_on_makeup",
  "calendar_empty_year",
  "calendar_date_outside_year",
  "calendar_year_out_of_range",
  "calendar_year_exists",
  "policy_range",
  "target_after_due",
  "policy_over_promise",
] as const;

/** Saved queue views (lib/requests/saved-views.ts). */
const QUEUE_VIEWS = ["view_name_taken", "view_limit", "view_query_invalid", "view_not_found"] as const;

/** Staff logging a request (lib/requests/intake.ts). */
const INTAKE = ["receipt_in_future", "not_a_patient_phone", "intake_duplicate"] as const;

/** Shared by staff and patients' forms: a required field; a cancellation that cannot go ahead yet. */
const SHARED_FIELDS = ["required", "cancellation_blocked"] as const;

/** The patient's side: the portal's forms and actions (app/(patient), POST /api/requests, POST /api/uploads). */
const PATIENT = [
  // — request form fields (lib/requests/submit-schema.ts, reply-schema.ts); "required", "phone_invalid" and
  //   "email_invalid" are in the shared groups above
  "invalid",
  "invalid_type",
  "too_long",
  "too_many",
  "choose_one",
  "choose_ground",
  "invalid_characters",
  "name_invalid",
  "id_last4_invalid",
  "date_invalid",
  "gender_invalid",
  "postal_code_invalid",
  "duplicate_field",
  "proof_required",
  "too_many_files",
  // — acting for someone, by law (lib/identity/authority.ts)
  "proof_kind_required",
  "proof_missing_relationship",
  "proof_missing_death",
  "proof_missing_authorisation",
  "proof_missing_agent_id",
  "subject_not_a_minor",
  "type_not_allowed_for_deceased",
  "minor_needs_guardian",
  "not_for_family_member",
  "category_not_for_family_member",
  // — filing a request (lib/requests/create.ts SubmitError, via lib/requests/submit-action.ts)
  "duplicate",
  "identity_required",
  "identity_mismatch",
  "identity_locked",
  "not_yours",
  "proof_invalid",
  "cancellation_not_yet", // the patient's words for what staff see as "cancellation_blocked"
  "blocker_unfinished_consultation", // one issue per CancellationBlocker (lib/categories/registry.ts)
  "blocker_undelivered_order",
  "blocker_balance",
  // — on their own request (lib/requests/patient-actions.ts)
  "files_invalid",
  "request_changed", // the patient's words for "stale": the page was reloaded
  // — uploads (lib/uploads/store.ts, app/api/uploads) and the browser itself
  "upload_too_large",
  "upload_type",
  "upload_empty",
  "upload_count",
  "upload_failed",
  "network",
] as const;

export const ERROR_CODES = [
  ...ANY_ACTION,
  ...SMS_SIGN_IN,
  ...SIGN_IN_AND_FORMS,
  ...STAFF_SIGN_IN,
  ...WORKFLOW,
  ...STAFF_FIELDS,
  ...FULFILMENT,
  ...ADMIN,
  ...QUEUE_VIEWS,
  ...INTAKE,
  ...SHARED_FIELDS,
  ...PATIENT,
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Codes only staff, manager and admin screens receive. No patient's action, filing, upload or sign-in answers with
 * one (codes.test.ts holds their result types to the rest), so the patients' pages are not sent these sentences
 * (lib/i18n/client-messages.ts: first-load size, issue 17).
 */
export const STAFF_ONLY_CODES = [...STAFF_SIGN_IN, ...STAFF_FIELDS, ...FULFILMENT, ...ADMIN, ...QUEUE_VIEWS, ...INTAKE] as const;

/** A code a patient's page can receive. */
export type PatientFacingCode = Exclude<ErrorCode, (typeof STAFF_ONLY_CODES)[number]>;

/** Codes only the sign-in pages receive (the SMS code and its limits): the portal's other pages are not sent them. */
export const SIGN_IN_ONLY_CODES = SMS_SIGN_IN;

/** A code the portal's pages other than sign-in can receive: a patient's action, filing or upload. */
export type PortalCode = Exclude<PatientFacingCode, (typeof SIGN_IN_ONLY_CODES)[number]>;
