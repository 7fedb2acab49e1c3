import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { dsr, role } from "./enums";

/** Everyone who signs in: patients by phone, staff by email and password. */
export const users = dsr.table(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    role: role().notNull(),
    phone: text(),
    email: text(),
    displayName: text().notNull().default(""),
    passwordHash: text(),
    locale: text().notNull().default("zh-CN"),
    /** Bumped to revoke every session of this user (JWTs carry the version they were issued under). */
    sessionVersion: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("users_phone_unique")
      .on(t.phone)
      .where(sql`${t.phone} is not null and ${t.disabledAt} is null`),
    uniqueIndex("users_email_unique")
      .on(t.email)
      .where(sql`${t.email} is not null`),
    index("users_role").on(t.role),
  ],
);

/**
 * One row per signed-in session (a browser): the JWT names it, and every request checks it here — signing out,
 * "sign out everywhere" and idling out end it on the server, not only in the browser.
 */
export const sessions = dsr.table(
  "sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** Last request seen (kept to the minute): a session idle longer than its role allows is over. */
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** SMS one-time codes, hashed. Rate limits are counted from these rows, never in process memory. */
export const otpCodes = dsr.table(
  "otp_codes",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    phone: text().notNull(),
    codeHash: text().notNull(),
    ip: text().notNull(),
    attempts: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    consumedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("otp_codes_phone_created").on(t.phone, t.createdAt), index("otp_codes_ip_created").on(t.ip, t.createdAt)],
);

/** Failed sign-in attempts by IP (staff passwords and SMS codes), for the per-IP limit. */
export const signInFailures = dsr.table(
  "sign_in_failures",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    ip: text().notNull(),
    kind: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_failures_ip_time").on(t.ip, t.occurredAt)],
);

/**
 * Staff sign-in attempts, successful or not, by email (whether or not it exists) and address: the throttles of
 * lib/auth/staff-throttle.ts count them. Kept apart from the patients' SMS counters.
 */
export const staffSignInAttempts = dsr.table(
  "staff_sign_in_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    email: text().notNull(),
    ip: text().notNull(),
    succeeded: boolean().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("staff_sign_in_attempts_email_time").on(t.email, t.occurredAt), index("staff_sign_in_attempts_ip_time").on(t.ip, t.occurredAt)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type OtpCode = typeof otpCodes.$inferSelect;
