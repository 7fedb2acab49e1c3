import { pgSchema } from "drizzle-orm/pg-core";
import {
  ATTACHMENT_PURPOSES,
  CALENDAR_DAY_KINDS,
  EVENT_KINDS,
  FEE_STATUSES,
  JOB_RUN_OUTCOMES,
  JOB_RUN_TRIGGERS,
  NOTICE_KINDS,
  OUTBOX_CHANNELS,
  OUTBOX_STATUSES,
  PAUSE_REASONS,
  PROOF_KINDS,
  REFUSAL_REASONS,
  RELATIONSHIPS,
  REQUEST_OUTCOMES,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  ROLES,
  VERIFICATION_METHODS,
  REQUEST_CHANNELS,
  VERIFICATION_RESULTS,
  VERIFICATION_STATUSES,
} from "@/lib/domain/values";

/**
 * The database enums, built from the value lists of lib/domain/values.ts (the lists and their types are
 * re-exported here for the modules that import them from the schema). The SQL names are part of the migrations.
 */
export {
  ATTACHMENT_PURPOSES,
  CALENDAR_DAY_KINDS,
  CLOSED_STATUSES,
  EVENT_KINDS,
  FEE_STATUSES,
  OPEN_STATUSES,
  OUTBOX_CHANNELS,
  OUTBOX_STATUSES,
  PAUSE_REASONS,
  REFUSAL_REASONS,
  RELATIONSHIPS,
  REQUEST_OUTCOMES,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  ROLES,
  type CalendarDayKind,
  type EventKind,
  type FeeStatus,
  type PauseReason,
  type RefusalReason,
  type Relationship,
  type RequestStatus,
  type RequestType,
  type Role,
} from "@/lib/domain/values";

/** The portal's own tables. The hospital's records live in the `platform` schema (./platform.ts). */
export const dsr = pgSchema("dsr");

export const role = dsr.enum("role", ROLES);
export const requestType = dsr.enum("request_type", REQUEST_TYPES);
export const requestStatus = dsr.enum("request_status", REQUEST_STATUSES);
export const requestOutcome = dsr.enum("request_outcome", REQUEST_OUTCOMES);
/** Who the requester is to the data subject (DESIGN.md "Identity and acting for others"). */
export const relationship = dsr.enum("relationship", RELATIONSHIPS);
/** Refusal codes: §8.7 discretionary, §8.7 items 1–6 statutory, identity and retention. */
export const refusalReason = dsr.enum("refusal_reason", REFUSAL_REASONS);
export const feeStatus = dsr.enum("fee_status", FEE_STATUSES);
export const pauseReason = dsr.enum("pause_reason", PAUSE_REASONS);
export const eventKind = dsr.enum("event_kind", EVENT_KINDS);
export const calendarDayKind = dsr.enum("calendar_day_kind", CALENDAR_DAY_KINDS);
export const outboxChannel = dsr.enum("outbox_channel", OUTBOX_CHANNELS);
export const outboxStatus = dsr.enum("outbox_status", OUTBOX_STATUSES);
export const attachmentPurpose = dsr.enum("attachment_purpose", ATTACHMENT_PURPOSES);
export const proofKind = dsr.enum("proof_kind", PROOF_KINDS);
export const verificationStatus = dsr.enum("verification_status", VERIFICATION_STATUSES);
export const requestChannel = dsr.enum("request_channel", REQUEST_CHANNELS);
export const verificationMethod = dsr.enum("verification_method", VERIFICATION_METHODS);
export const verificationResult = dsr.enum("verification_result", VERIFICATION_RESULTS);
export const jobRunTrigger = dsr.enum("job_run_trigger", JOB_RUN_TRIGGERS);
export const jobRunOutcome = dsr.enum("job_run_outcome", JOB_RUN_OUTCOMES);
export const noticeKind = dsr.enum("notice_kind", NOTICE_KINDS);
