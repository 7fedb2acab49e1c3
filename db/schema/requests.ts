import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, date, index, integer, jsonb, numeric, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import {
  attachmentPurpose,
  proofKind,
  dsr,
  eventKind,
  feeStatus,
  outboxChannel,
  outboxStatus,
  pauseReason,
  refusalReason,
  relationship,
  requestOutcome,
  requestStatus,
  requestType,
  requestChannel,
  verificationMethod,
  verificationResult,
  verificationStatus,
} from "./enums";
import { users } from "./users";

const OPEN = sql`status in ('submitted','in_progress','awaiting_requester')`;

/** What the patient asked for: categories, single items, fields to correct, consents to withdraw… */
export type RequestScope = {
  categories?: string[];
  items?: { category: string; id: string }[];
  corrections?: { field: string; recordId: string; current: string; requested: string }[];
  consents?: string[];
  ground?: string;
  decisionId?: string;
  relatedRequestRef?: string;
};

export const requests = dsr.table(
  "requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Shown to people: DSR-2026-000123. */
    ref: text().notNull().unique(),
    type: requestType().notNull(),
    status: requestStatus().notNull().default("submitted"),
    outcome: requestOutcome(),
    requesterId: uuid()
      .notNull()
      .references(() => users.id),
    relationship: relationship().notNull().default("self"),
    subjectName: text().notNull().default(""),
    subjectPhone: text().notNull(),
    /** platform.accounts.id of the data subject, when the platform knows them. */
    subjectAccountId: uuid(),
    /** platform.patients.id when the subject is a 就诊人 of that account (no account of their own); null: the account holder. */
    subjectPatientId: uuid(),
    /** The subject's birth date as a guardian gave it for a minor the platform does not know (a 就诊人's is on record). */
    subjectBirthDate: date({ mode: "string" }),
    /** A close relative's statement of their own lawful interest in a deceased person's information (PIPL Art. 49). */
    relativeInterest: text(),
    scope: jsonb().$type<RequestScope>().notNull().default({}),
    description: text().notNull().default(""),
    locale: text().notNull().default("zh-CN"),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    /** Shanghai calendar dates of the target and the legal due date (after pauses). */
    targetDate: date({ mode: "string" }).notNull(),
    dueDate: date({ mode: "string" }).notNull(),
    /** End of the due date in Shanghai, as an instant. */
    dueAt: timestamp({ withTimezone: true }).notNull(),
    /** Counting touched a year whose State Council notice is not loaded. */
    provisional: boolean().notNull().default(false),
    pausedAt: timestamp({ withTimezone: true }),
    pauseReason: pauseReason(),
    /** Working days added to target and due by finished pauses. */
    pausedWorkingDays: integer().notNull().default(0),
    /**
     * The deadline policy the request was received under (working days to target and due): pauses and calendar
     * imports recompute with these, never with a later policy. Null only on rows written before it was kept.
     */
    policyTargetWorkingDays: integer(),
    policyDueWorkingDays: integer(),
    assigneeId: uuid().references(() => users.id),
    isRepeat: boolean().notNull().default(false),
    identityVerifiedAt: timestamp({ withTimezone: true }),
    /** Whether we know who asks and for whom; its history is in request_verifications. */
    verificationStatus: verificationStatus().notNull().default("pending"),
    feeAmount: numeric({ precision: 10, scale: 2 }),
    feeReason: text(),
    feeStatus: feeStatus(),
    /** How to pay a quoted fee, as staff wrote it for the patient (policy §8.7). */
    feePayment: text(),
    refusalReason: refusalReason(),
    /** The written explanation a refusal always carries to the patient (PIPL Art. 50). */
    refusalExplanation: text(),
    /** Where a paused request goes back to when its clock resumes. */
    resumeStatus: requestStatus(),
    closedAt: timestamp({ withTimezone: true }),
    idempotencyKey: text(),
    /** How the request came in: `portal`, or a channel staff logged it from (lib/requests/intake.ts). */
    channel: requestChannel().notNull().default("portal"),
    /** The staff member who logged a request received by phone, letter, e-mail or at the counter. */
    loggedById: uuid().references(() => users.id),
    /** Optimistic concurrency: every change bumps it; a write with a stale version is refused. */
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("requests_open_due").on(t.dueAt).where(OPEN),
    index("requests_open_assignee_due").on(t.assigneeId, t.dueAt).where(OPEN),
    index("requests_type_status_due").on(t.type, t.status, t.dueAt),
    index("requests_status_due").on(t.status, t.dueAt),
    index("requests_received").on(t.receivedAt),
    index("requests_closed").on(t.closedAt),
    index("requests_updated").on(t.updatedAt),
    index("requests_requester_received").on(t.requesterId, t.receivedAt),
    index("requests_subject_phone").on(t.subjectPhone),
    index("requests_open_verification").on(t.verificationStatus, t.dueAt).where(OPEN),
    uniqueIndex("requests_idempotency")
      .on(t.requesterId, t.idempotencyKey)
      .where(sql`idempotency_key is not null`),
  ],
);

/**
 * The verification record of a request (DESIGN.md "Identity and acting for others"): each check done — by the
 * system at submission (SMS possession, real-name match) or by staff reviewing proofs — with its evidence, result,
 * who and when. Append-only, like the events.
 */
export const requestVerifications = dsr.table(
  "request_verifications",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    requestId: uuid()
      .notNull()
      .references(() => requests.id),
    method: verificationMethod().notNull(),
    result: verificationResult().notNull(),
    /** What the check looked at: proof attachment ids, the real-name fields compared. Never the values themselves. */
    evidence: jsonb().$type<{ attachmentIds?: string[]; checked?: string[] }>().notNull().default({}),
    note: text(),
    /** The staff member who decided; null for the system's checks at submission. */
    decidedById: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("request_verifications_request").on(t.requestId, t.decidedAt)],
);

/** Append-only history of a request; the database refuses updates and deletes. */
export const requestEvents = dsr.table(
  "request_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    requestId: uuid()
      .notNull()
      .references(() => requests.id),
    kind: eventKind().notNull(),
    fromStatus: requestStatus(),
    toStatus: requestStatus(),
    actorId: uuid().references(() => users.id),
    reason: text(),
    /** Shown on the patient's timeline. */
    public: boolean().notNull().default(true),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("request_events_request_time").on(t.requestId, t.occurredAt)],
);

export const messages = dsr.table(
  "messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => requests.id),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    /** Internal notes are never shown to the patient. */
    internal: boolean().notNull().default(false),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("messages_request_time").on(t.requestId, t.createdAt)],
);

export const attachments = dsr.table(
  "attachments",
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid().references(() => requests.id),
    messageId: uuid().references(() => messages.id),
    uploaderId: uuid()
      .notNull()
      .references(() => users.id),
    purpose: attachmentPurpose().notNull(),
    /** What a proof document is, as the requester labelled it (lib/identity/authority.ts REQUIRED_PROOFS). */
    proofKind: proofKind(),
    filename: text().notNull(),
    contentType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    content: bytea(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("attachments_request").on(t.requestId), index("attachments_uploader").on(t.uploaderId)],
);

/** Everything that leaves the portal (SMS, portal notices, deletion notices to recipients) goes through here. */
export const outbox = dsr.table(
  "outbox",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    channel: outboxChannel().notNull(),
    recipient: text().notNull(),
    template: text().notNull(),
    body: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    requestId: uuid().references(() => requests.id),
    status: outboxStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    /** SMS: who delivered it (`outbox`: the demo page, `aliyun`, `tencent`) and the provider's id for the message. */
    provider: text(),
    providerMessageId: text(),
    /** The provider's code and message of the last failed try; with status `failed`, of the final one. */
    lastError: text(),
    /** The provider's delivery report: `delivered` or `undelivered` (with the reason in lastError); null until known. */
    delivery: text(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("outbox_pending")
      .on(t.createdAt)
      .where(sql`status = 'pending'`),
    // Failed text messages, counted on every /metrics scrape (dsr_sms_failed): few, so a small partial index.
    index("outbox_failed")
      .on(t.channel)
      .where(sql`status = 'failed'`),
    index("outbox_created").on(t.createdAt),
    index("outbox_recipient").on(t.recipient, t.createdAt),
    index("outbox_recipient_notices")
      .on(t.requestId)
      .where(sql`channel = 'recipient_notice'`),
  ],
);

/** Real-name checks (name + last four of the ID number); five mismatches in a day lock the check. */
export const identityChecks = dsr.table(
  "identity_checks",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    matched: boolean().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("identity_checks_user_time").on(t.userId, t.occurredAt)],
);

/** Replies to patients, editable per request type and language. */
export const replyTemplates = dsr.table(
  "reply_templates",
  {
    id: uuid().primaryKey().defaultRandom(),
    type: requestType().notNull(),
    locale: text().notNull(),
    key: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id),
  },
  (t) => [uniqueIndex("reply_templates_type_locale_key").on(t.type, t.locale, t.key)],
);

export type Request = typeof requests.$inferSelect;
export type NewRequest = typeof requests.$inferInsert;
export type RequestEvent = typeof requestEvents.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;

/**
 * A recipient's confirmation that it deleted what a deletion notice (an outbox row on the recipient_notice
 * channel) asked of it, recorded by staff when the partner answers. A notice without one is still awaited.
 */
export const recipientConfirmations = dsr.table(
  "recipient_confirmations",
  {
    noticeId: bigint({ mode: "number" })
      .primaryKey()
      .references(() => outbox.id),
    requestId: uuid()
      .notNull()
      .references(() => requests.id),
    confirmedBy: uuid()
      .notNull()
      .references(() => users.id),
    confirmedAt: timestamp({ withTimezone: true }).notNull(),
    note: text().notNull().default(""),
  },
  (t) => [index("recipient_confirmations_request").on(t.requestId)],
);
export type RecipientConfirmation = typeof recipientConfirmations.$inferSelect;
