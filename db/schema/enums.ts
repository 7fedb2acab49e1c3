import { pgSchema } from "drizzle-orm/pg-core";

/** The portal's own tables. The hospital's records live in the `platform` schema (./platform.ts). */
export const dsr = pgSchema("dsr");

export const ROLES = ["patient", "agent", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const role = dsr.enum("role", ROLES);

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
export const requestType = dsr.enum("request_type", REQUEST_TYPES);

export const OPEN_STATUSES = ["submitted", "in_progress", "awaiting_requester"] as const;
export const CLOSED_STATUSES = ["completed", "refused", "withdrawn"] as const;
export const REQUEST_STATUSES = [...OPEN_STATUSES, ...CLOSED_STATUSES] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const requestStatus = dsr.enum("request_status", REQUEST_STATUSES);

export const REQUEST_OUTCOMES = ["fulfilled", "partially_fulfilled"] as const;
export const requestOutcome = dsr.enum("request_outcome", REQUEST_OUTCOMES);

/** Who the requester is to the data subject (DESIGN.md "Identity and acting for others"). */
export const RELATIONSHIPS = ["self", "guardian", "close_relative", "authorised_agent"] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export const relationship = dsr.enum("relationship", RELATIONSHIPS);

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
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export const refusalReason = dsr.enum("refusal_reason", REFUSAL_REASONS);

export const FEE_STATUSES = ["quoted", "accepted", "declined"] as const;
export type FeeStatus = (typeof FEE_STATUSES)[number];
export const feeStatus = dsr.enum("fee_status", FEE_STATUSES);

export const PAUSE_REASONS = ["identity", "clarification", "fee"] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export const pauseReason = dsr.enum("pause_reason", PAUSE_REASONS);

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
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const eventKind = dsr.enum("event_kind", EVENT_KINDS);

export const CALENDAR_DAY_KINDS = ["holiday", "makeup_workday"] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];
export const calendarDayKind = dsr.enum("calendar_day_kind", CALENDAR_DAY_KINDS);

export const OUTBOX_CHANNELS = ["sms", "portal", "recipient_notice"] as const;
export const outboxChannel = dsr.enum("outbox_channel", OUTBOX_CHANNELS);
export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;
export const outboxStatus = dsr.enum("outbox_status", OUTBOX_STATUSES);

export const ATTACHMENT_PURPOSES = ["proof", "evidence", "message", "result"] as const;
export const attachmentPurpose = dsr.enum("attachment_purpose", ATTACHMENT_PURPOSES);
