import { date, index, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { dsr } from "./enums";
import { requests } from "./requests";
import { users } from "./users";

/**
 * A closed account's pseudonymous subject (policy §8.5, PIPL Art. 47 ¶2): what a legal retention keeps of a
 * cancelled patient — medical records, orders — is detached from the account and filed here under a random key,
 * with the cancellation request, so that a later copy request or a dispute can still be served. The key names no
 * one; the patient is found again only by what they present: the phone or ID number they had (kept as keyed
 * hashes, never in clear), the cancellation's reference, or the key itself.
 */
export const cancellationSubjects = dsr.table(
  "cancellation_subjects",
  {
    /** Random, shown to staff (e.g. "CS-7K3M-Q9TD-2XWA"). */
    key: text().primaryKey(),
    requestId: uuid()
      .notNull()
      .unique()
      .references(() => requests.id),
    /** Keyed hash of the account's phone number, or null when it had none. */
    phoneHash: text(),
    /** Keyed hash of the ID number on the account's real-name record, or null when it had none. */
    idNumberHash: text(),
    /** The portal user that filed the request: ended (disabled, sessions revoked) when the request closes as completed. */
    portalUserId: uuid().references(() => users.id),
    cancelledAt: timestamp({ withTimezone: true }).notNull(),
    /** When the portal user and its sessions ended: the request was closed as completed. */
    portalUserEndedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("cancellation_subjects_phone").on(t.phoneHash), index("cancellation_subjects_id_number").on(t.idNumberHash)],
);
export type CancellationSubject = typeof cancellationSubjects.$inferSelect;

/** One record kept under a cancelled subject's key: its category and id, whose it is (a 就诊人, or null: the holder), until when. */
export const cancellationHeldRecords = dsr.table(
  "cancellation_held_records",
  {
    subjectKey: text()
      .notNull()
      .references(() => cancellationSubjects.key),
    category: text().notNull(),
    recordId: text().notNull(),
    /** The 就诊人 of the account the record is about, or null: the account holder's own. */
    patientId: uuid(),
    deletableAfter: date({ mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.category, t.recordId] }), index("cancellation_held_records_subject").on(t.subjectKey)],
);
export type CancellationHeldRecord = typeof cancellationHeldRecords.$inferSelect;
