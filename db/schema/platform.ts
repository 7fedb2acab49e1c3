import { bigserial, boolean, date, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { bytea } from "./bytea";
import { CONSENT_KEYS, PATIENT_RELATIONSHIPS, type ConsentKey, type PatientRelationship } from "@/lib/domain/values";

/**
 * A model of the hospital's records that requests are fulfilled against. In production this is the hospital's
 * database (or a replica); the demo seeds it. Records a legal retention period holds after a deletion request are
 * `restricted`: kept, excluded from every other use, deletable from `deletableAfter`.
 */
export const platform = pgSchema("platform");

export const accountStatus = platform.enum("account_status", ["active", "cancelled"]);
/** Who a 就诊人 is to the account holder who consults for them (lib/domain/values.ts). */
export const patientRelationship = platform.enum("patient_relationship", PATIENT_RELATIONSHIPS);
export { PATIENT_RELATIONSHIPS, type PatientRelationship };

const restriction = {
  restrictedAt: timestamp({ withTimezone: true }),
  deletableAfter: date({ mode: "string" }),
};

export const accounts = platform.table(
  "accounts",
  {
    id: uuid().primaryKey().defaultRandom(),
    phone: text(),
    nickname: text().notNull(),
    gender: text(),
    birthDate: date({ mode: "string" }),
    email: text(),
    balanceCents: integer().notNull().default(0),
    status: accountStatus().notNull().default("active"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("accounts_phone")
      .on(t.phone)
      .where(sql`${t.phone} is not null`),
  ],
);

export const realNameVerifications = platform.table(
  "real_name_verifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id),
    realName: text().notNull(),
    idType: text().notNull().default("resident_id"),
    idNumber: text().notNull(),
    verifiedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("real_name_account").on(t.accountId)],
);

/**
 * 就诊人 (policy §3.3): family members an account consults for — people with records of their own and no account
 * of their own. Their consultations and prescriptions carry `patientId`; a record whose `patientId` is null is the
 * account holder's own.
 */
export const patients = platform.table(
  "patients",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The account that consults for them. */
    accountId: uuid()
      .notNull()
      .references(() => accounts.id),
    name: text().notNull(),
    relationship: patientRelationship().notNull(),
    gender: text(),
    birthDate: date({ mode: "string" }).notNull(),
    idNumber: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("patients_account").on(t.accountId)],
);

export const consultations = platform.table(
  "consultations",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().references(() => accounts.id),
    /** The 就诊人 consulted for; null: the account holder themself. */
    patientId: uuid().references(() => patients.id),
    doctorName: text().notNull(),
    department: text().notNull(),
    status: text().notNull(),
    chiefComplaint: text().notNull(),
    diagnosis: text(),
    transcript: text(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    ...restriction,
  },
  (t) => [index("consultations_account").on(t.accountId, t.startedAt), index("consultations_patient").on(t.patientId)],
);

export const consultationPhotos = platform.table(
  "consultation_photos",
  {
    id: uuid().primaryKey().defaultRandom(),
    consultationId: uuid()
      .notNull()
      .references(() => consultations.id),
    kind: text().notNull(),
    contentType: text().notNull(),
    content: bytea().notNull(),
    takenAt: timestamp({ withTimezone: true }).notNull(),
    ...restriction,
  },
  (t) => [index("consultation_photos_consultation").on(t.consultationId)],
);

export const appointments = platform.table(
  "appointments",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().references(() => accounts.id),
    doctorName: text().notNull(),
    department: text().notNull(),
    scheduledAt: timestamp({ withTimezone: true }).notNull(),
    status: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ...restriction,
  },
  (t) => [index("appointments_account").on(t.accountId, t.scheduledAt)],
);

export const prescriptions = platform.table(
  "prescriptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().references(() => accounts.id),
    /** The 就诊人 prescribed for; null: the account holder themself. */
    patientId: uuid().references(() => patients.id),
    consultationId: uuid().references(() => consultations.id),
    doctorName: text().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    herbs: jsonb().$type<{ name: string; grams: number }[]>().notNull(),
    doses: integer().notNull(),
    instructions: text().notNull(),
    ...restriction,
  },
  (t) => [index("prescriptions_account").on(t.accountId, t.issuedAt), index("prescriptions_patient").on(t.patientId)],
);

export const addresses = platform.table(
  "addresses",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id),
    recipientName: text().notNull(),
    phone: text().notNull(),
    province: text().notNull(),
    city: text().notNull(),
    district: text().notNull(),
    detail: text().notNull(),
    postalCode: text(),
    isDefault: boolean().notNull().default(false),
  },
  (t) => [index("addresses_account").on(t.accountId)],
);

export const orders = platform.table(
  "orders",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().references(() => accounts.id),
    prescriptionId: uuid().references(() => prescriptions.id),
    addressId: uuid().references(() => addresses.id),
    status: text().notNull(),
    totalCents: integer().notNull(),
    pharmacy: text().notNull(),
    logisticsCompany: text(),
    paymentProvider: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    deliveredAt: timestamp({ withTimezone: true }),
    ...restriction,
  },
  (t) => [index("orders_account").on(t.accountId, t.createdAt)],
);

export const bankCards = platform.table(
  "bank_cards",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id),
    bankName: text().notNull(),
    cardType: text().notNull(),
    /** Only the masked number is ever held: 6222 **** **** 1234. */
    maskedNumber: text().notNull(),
    boundAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("bank_cards_account").on(t.accountId)],
);

/** The consent keys are a domain list (lib/domain/values.ts), re-exported for the modules that import them from here. */
export { CONSENT_KEYS, type ConsentKey };

export const consents = platform.table(
  "consents",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id),
    key: text().$type<ConsentKey>().notNull(),
    granted: boolean().notNull(),
    changedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("consents_account_key").on(t.accountId, t.key)],
);

/** Decisions made by algorithms without a person (§8.6): risk control, doctor matching, coupons. */
export const automatedDecisions = platform.table(
  "automated_decisions",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id),
    kind: text().notNull(),
    outcome: text().notNull(),
    decidedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("automated_decisions_account").on(t.accountId)],
);

export const browsingLogs = platform.table(
  "browsing_logs",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: uuid().references(() => accounts.id),
    page: text().notNull(),
    ip: text().notNull(),
    userAgent: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("browsing_logs_account").on(t.accountId, t.occurredAt)],
);

export type Account = typeof accounts.$inferSelect;
export type Patient = typeof patients.$inferSelect;
export type RealNameVerification = typeof realNameVerifications.$inferSelect;
export type Consultation = typeof consultations.$inferSelect;
export type Appointment = typeof appointments.$inferSelect;
export type Prescription = typeof prescriptions.$inferSelect;
export type Address = typeof addresses.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type BankCard = typeof bankCards.$inferSelect;
export type Consent = typeof consents.$inferSelect;
export type AutomatedDecision = typeof automatedDecisions.$inferSelect;
export type BrowsingLog = typeof browsingLogs.$inferSelect;
