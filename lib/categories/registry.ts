import "server-only";
import { asc, desc, eq, inArray, ne, sql, type GetColumnData, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import {
  accounts,
  addresses,
  appointments,
  bankCards,
  browsingLogs,
  consents,
  consultationPhotos,
  consultations,
  orders,
  patients,
  prescriptions,
  realNameVerifications,
} from "@/db/schema";
import { maskIdNumber } from "@/lib/identity/real-name";
import type { Messages } from "@/messages";
import type { DataCategory } from "./list";

/**
 * The data-category registry: one entry per category of a patient's records says what the category is — the
 * table that holds it, how a record belongs to its subject (a `platform.accounts` row, and where the 就诊人 of
 * that account it is about is named), what an access copy
 * holds and under which headings, which columns mark a record restricted, how it is erased, the retention
 * that overrides erasure and its legal basis, who received it, what about it stops an account from closing,
 * and how a patient sees a single record. Collection, ownership checks, deletion, cancellation, the retention
 * purge, the record views, the access report and the admin data map all read it; none has a switch of its
 * own. Adding a category is one entry here (plus its table, its name in lib/categories/list.ts and the
 * catalogs); pointing the portal at a hospital's own schema is changing the tables and columns named here
 * (README, "Data categories").
 */

export type Cell = string | number | boolean | null;
export type Erasure = "delete" | "anonymise" | "restrict";

export const RECIPIENTS = ["partner_pharmacy", "logistics", "payment_provider"] as const;
export type Recipient = (typeof RECIPIENTS)[number];

/** What stops an account from being closed now (policy §8.5), in the order they are reported. */
export const CANCELLATION_BLOCKERS = ["unfinished_consultation", "undelivered_order", "balance"] as const;
export type CancellationBlocker = (typeof CANCELLATION_BLOCKERS)[number];

export type Retention = {
  /** What the law says, for people (a key of the `dataMap.retention` catalog). */
  rule: "medical_record" | "transcript" | "browsing_log" | "transaction";
  years?: number;
  months?: number;
  /** The moment the period runs from. */
  from: "last_visit" | "record_date";
  basis: string;
};

/** A heading of the readable report: a key of the `export.columns` catalog. */
export type ColumnLabel = keyof Messages["export"]["columns"];

type Row<T extends PgTable> = T["$inferSelect"];
type Values<T extends PgTable> = Partial<T["$inferInsert"]>;
/** A column of table T (a column of any other table does not type-check). */
type ColumnOf<T extends PgTable> = T["_"]["columns"][keyof T["_"]["columns"]];
type Selection = Record<string, AnyPgColumn>;
type Selected<S extends Selection> = { [K in keyof S]: GetColumnData<S[K]> };

export type ExportColumn<R> = {
  /** The field's name in the JSON and CSV files. */
  key: string;
  /** Its heading in the readable report. */
  label: ColumnLabel;
  value: (row: R) => Cell;
};
export type ExportFile = { name: string; contentType: string; bytes: Uint8Array };

/** How a record is listed for its patient (the deletion form's single items); id and restriction are added. */
export type ItemFields = { title: string; detail?: string; kind?: string; at: Date | null };

type Base<T extends PgTable, S extends Selection> = {
  /** The table that holds the category. */
  table: T;
  /** Its primary key: a uuid, or a serial number (carried as a decimal string). */
  id: { column: ColumnOf<T>; kind: "uuid" | "serial" };
  /**
   * How a record belongs to its subject: `column` holds the account id (the account's own id for the account),
   * or, with `via`, the id of a record of that category, which belongs to the account (photos → consultations).
   * A record reached through a parent is restricted, detached and purged with it.
   */
  subject: { column: ColumnOf<T>; via: DataCategory | null };
  /**
   * Where a record names the 就诊人 (a family member the account consults for, policy §3.3) it is about: null in
   * that column is the account holder's own record. A category without one (null) is the account holder's only:
   * a 就诊人 has no account, orders or consents of their own. Records reached through a parent (`subject.via`)
   * follow the parent's, and declare null here.
   */
  patient: ColumnOf<T> | null;
  /** The columns of personal information, as the admin data map lists them. */
  personal: ColumnOf<T>[];
  /** The access / portability copy: its rows (in `order`, ascending), their columns and headings, any files. */
  export: {
    order: ColumnOf<T>[];
    columns: ExportColumn<Row<T>>[];
    files: ((row: Row<T>) => ExportFile[]) | null;
  };
  /** Who received the data (policy §5): told to delete it too after a deletion or cancellation (§8.3). */
  recipients: Recipient[];
  /** Columns of other tables that point at these records: set to null before the records are erased or purged. */
  references: AnyPgColumn[];
  /** A column held apart, with a retention of its own: cleared from restricted records when it ends. */
  heldColumns: { name: string; column: ColumnOf<T>; from: ColumnOf<T>; retention: Retention }[];
  /** What about the subject's records of this category stops their account from being closed now. */
  blocksCancellation: { blocker: CancellationBlocker; when: SQL } | null;
  /** How its patient sees a single record (for choosing what to delete), or null when records are not listed. */
  view: {
    select: S;
    order: SQL[];
    /** Only recent records: since `days` before now, at most `limit` of them. */
    recent: { column: ColumnOf<T>; days: number; limit: number } | null;
    item: (row: Selected<S>) => ItemFields;
  } | null;
};

type Restriction<T extends PgTable> = { restrictedAt: ColumnOf<T>; deletableAfter: ColumnOf<T> };
type Anonymise<T extends PgTable> = {
  method: "anonymise";
  /** What a deletion request writes over the subject's record. */
  values: Values<T>;
  /** What closing the account writes over it. */
  onCancellation: (now: Date) => Values<T>;
};

/**
 * How the category is erased. `restrict`: a retention period holds it (PIPL Art. 47 ¶2) — kept, marked with
 * `restriction`, excluded from every other use, deletable from the period's end after the last visit, purged
 * then; on cancellation kept and detached from the account. Otherwise deleted (or anonymised in place), with an
 * optional retention that the data map shows (and that does not hold it).
 */
type Holding<T extends PgTable> =
  | { erasure: { method: "restrict" }; retention: Retention & { from: "last_visit" }; restriction: Restriction<T> }
  | {
      erasure: { method: "delete" } | Anonymise<T>;
      retention: Retention | null;
      restriction: Restriction<T> | null;
      /**
       * Kept while `retention` (a period from the record's own date) runs, whoever asks to erase it: on a deletion
       * request or when the account is closed, records younger than it are restricted until it ends (on closing,
       * filed under the closed account's subject key), older ones are deleted (orders: 3 years from the
       * transaction, 电子商务法 Art. 31). Needs `retention` and `restriction`.
       */
      keptFromRecordDate?: { recordDate: SQL };
      /**
       * A retention that is a maximum, not a minimum (browsing logs: at most one month, policy §10.2): the daily
       * retention purge deletes every record — whoever's, restricted or not — on the day the period from
       * `recordDate` (its Shanghai date) ends, counted by the same calendar rule as every other retention. Needs
       * `retention`.
       */
      purgedAfterRetention?: { recordDate: ColumnOf<T> };
    };

export type CategoryEntry<T extends PgTable = PgTable, S extends Selection = Selection> = Base<T, S> & Holding<T>;

/** An entry as the fulfilment code reads it: rows untyped, columns of any table. */
export type Entry = { category: DataCategory } & CategoryEntry<PgTable, Selection>;

type Declared<M extends Erasure> = CategoryEntry & { erasure: { method: M } };

/**
 * One entry, typed against its own table (inferred from `table` and the view's `select` only): a missing field,
 * or a column of another table, does not compile.
 */
function category<T extends PgTable, S extends Selection, const M extends Erasure>(
  entry: NoInfer<CategoryEntry<T, S>> & { table: T; view: { select: S } | null; erasure: { method: M } },
): Declared<M> {
  return entry as unknown as Declared<M>;
}

const MEDICAL_RECORD = {
  rule: "medical_record",
  years: 15,
  from: "last_visit",
  basis: "医疗机构管理条例实施细则 第53条；互联网诊疗监管细则（试行）",
} as const satisfies Retention;

/** Orders and transaction records: at least 3 years from the transaction's completion (电子商务法 第三十一条). */
const TRANSACTION = { rule: "transaction", years: 3, from: "record_date", basis: "电子商务法 第三十一条" } as const satisfies Retention;

/** Consultation chat, audio and video transcripts are kept 3 years (a column of consultations, held apart). */
export const TRANSCRIPT_RETENTION: Retention = { rule: "transcript", years: 3, from: "record_date", basis: "互联网诊疗监管细则（试行）" };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const yuan = (cents: number) => `¥${(cents / 100).toFixed(2)}`;
const photoFile = (p: Row<typeof consultationPhotos>) =>
  `images/${p.takenAt.toISOString().slice(0, 10)}-${p.kind}-${p.id.slice(0, 8)}.${p.contentType === "image/jpeg" ? "jpg" : "png"}`;

/** The categories, in the order the admin data map lists them. */
const ENTRIES = {
  account: category({
    table: accounts,
    id: { column: accounts.id, kind: "uuid" },
    subject: { column: accounts.id, via: null },
    patient: null,
    personal: [accounts.phone, accounts.nickname, accounts.gender, accounts.birthDate, accounts.email, accounts.balanceCents],
    export: {
      order: [],
      columns: [
        { key: "phone", label: "phone", value: (a) => a.phone },
        { key: "nickname", label: "nickname", value: (a) => a.nickname },
        { key: "gender", label: "gender", value: (a) => a.gender },
        { key: "birthDate", label: "birthDate", value: (a) => a.birthDate },
        { key: "email", label: "email", value: (a) => a.email },
        { key: "balanceYuan", label: "balanceYuan", value: (a) => (a.balanceCents / 100).toFixed(2) },
        { key: "createdAt", label: "createdAt", value: (a) => iso(a.createdAt) },
      ],
      files: null,
    },
    restriction: null,
    erasure: {
      method: "anonymise",
      values: { nickname: "已删除", gender: null, birthDate: null, email: null },
      onCancellation: (now) => ({
        phone: null,
        nickname: "已注销用户",
        gender: null,
        birthDate: null,
        email: null,
        balanceCents: 0,
        status: "cancelled" as const,
        cancelledAt: now,
      }),
    },
    retention: null,
    recipients: [],
    references: [],
    heldColumns: [],
    blocksCancellation: { blocker: "balance", when: ne(accounts.balanceCents, 0) },
    view: null,
  }),

  real_name: category({
    table: realNameVerifications,
    id: { column: realNameVerifications.id, kind: "uuid" },
    subject: { column: realNameVerifications.accountId, via: null },
    patient: null,
    personal: [realNameVerifications.realName, realNameVerifications.idType, realNameVerifications.idNumber, realNameVerifications.verifiedAt],
    export: {
      order: [],
      columns: [
        { key: "realName", label: "realName", value: (r) => r.realName },
        { key: "idType", label: "idType", value: (r) => r.idType },
        { key: "idNumber", label: "idNumber", value: (r) => maskIdNumber(r.idNumber) },
        { key: "verifiedAt", label: "verifiedAt", value: (r) => iso(r.verifiedAt) },
      ],
      files: null,
    },
    restriction: null,
    erasure: { method: "delete" },
    retention: null,
    recipients: [],
    references: [],
    heldColumns: [],
    blocksCancellation: null,
    view: null,
  }),

  consultations: category({
    table: consultations,
    id: { column: consultations.id, kind: "uuid" },
    subject: { column: consultations.accountId, via: null },
    patient: consultations.patientId,
    personal: [
      consultations.doctorName,
      consultations.department,
      consultations.status,
      consultations.chiefComplaint,
      consultations.diagnosis,
      consultations.startedAt,
      consultations.endedAt,
    ],
    export: {
      order: [consultations.startedAt],
      columns: [
        { key: "id", label: "id", value: (c) => c.id },
        { key: "startedAt", label: "startedAt", value: (c) => iso(c.startedAt) },
        { key: "endedAt", label: "endedAt", value: (c) => iso(c.endedAt) },
        { key: "doctor", label: "doctor", value: (c) => c.doctorName },
        { key: "department", label: "department", value: (c) => c.department },
        { key: "status", label: "status", value: (c) => c.status },
        { key: "chiefComplaint", label: "chiefComplaint", value: (c) => c.chiefComplaint },
        { key: "diagnosis", label: "diagnosis", value: (c) => c.diagnosis },
        { key: "transcript", label: "transcript", value: (c) => c.transcript },
      ],
      files: null,
    },
    restriction: { restrictedAt: consultations.restrictedAt, deletableAfter: consultations.deletableAfter },
    erasure: { method: "restrict" },
    retention: MEDICAL_RECORD,
    recipients: [],
    references: [prescriptions.consultationId],
    heldColumns: [{ name: "transcripts", column: consultations.transcript, from: consultations.startedAt, retention: TRANSCRIPT_RETENTION }],
    blocksCancellation: { blocker: "unfinished_consultation", when: eq(consultations.status, "ongoing") },
    view: {
      select: {
        department: consultations.department,
        doctorName: consultations.doctorName,
        chiefComplaint: consultations.chiefComplaint,
        startedAt: consultations.startedAt,
      },
      order: [desc(consultations.startedAt)],
      recent: null,
      item: (c) => ({ title: `${c.department} · ${c.doctorName}`, detail: c.chiefComplaint, at: c.startedAt }),
    },
  }),

  photos: category({
    table: consultationPhotos,
    id: { column: consultationPhotos.id, kind: "uuid" },
    subject: { column: consultationPhotos.consultationId, via: "consultations" },
    patient: null,
    personal: [consultationPhotos.kind, consultationPhotos.contentType, consultationPhotos.content, consultationPhotos.takenAt],
    export: {
      order: [consultationPhotos.takenAt],
      columns: [
        { key: "id", label: "id", value: (p) => p.id },
        { key: "consultationId", label: "consultationId", value: (p) => p.consultationId },
        { key: "kind", label: "kind", value: (p) => p.kind },
        { key: "takenAt", label: "takenAt", value: (p) => iso(p.takenAt) },
        { key: "file", label: "file", value: (p) => photoFile(p) },
      ],
      files: (p) => [{ name: photoFile(p), contentType: p.contentType, bytes: p.content }],
    },
    restriction: { restrictedAt: consultationPhotos.restrictedAt, deletableAfter: consultationPhotos.deletableAfter },
    erasure: { method: "restrict" },
    retention: MEDICAL_RECORD,
    recipients: [],
    references: [],
    heldColumns: [],
    blocksCancellation: null,
    view: {
      select: { department: consultations.department, kind: consultationPhotos.kind, takenAt: consultationPhotos.takenAt },
      order: [desc(consultationPhotos.takenAt)],
      recent: null,
      item: (p) => ({ title: p.department, kind: p.kind, at: p.takenAt }),
    },
  }),

  prescriptions: category({
    table: prescriptions,
    id: { column: prescriptions.id, kind: "uuid" },
    subject: { column: prescriptions.accountId, via: null },
    patient: prescriptions.patientId,
    personal: [prescriptions.doctorName, prescriptions.issuedAt, prescriptions.herbs, prescriptions.doses, prescriptions.instructions],
    export: {
      order: [prescriptions.issuedAt],
      columns: [
        { key: "id", label: "id", value: (p) => p.id },
        { key: "issuedAt", label: "issuedAt", value: (p) => iso(p.issuedAt) },
        { key: "doctor", label: "doctor", value: (p) => p.doctorName },
        { key: "herbs", label: "herbs", value: (p) => p.herbs.map((h) => `${h.name} ${h.grams}g`).join("、") },
        { key: "doses", label: "doses", value: (p) => p.doses },
        { key: "instructions", label: "instructions", value: (p) => p.instructions },
      ],
      files: null,
    },
    restriction: { restrictedAt: prescriptions.restrictedAt, deletableAfter: prescriptions.deletableAfter },
    erasure: { method: "restrict" },
    retention: MEDICAL_RECORD,
    recipients: ["partner_pharmacy"],
    references: [orders.prescriptionId],
    heldColumns: [],
    blocksCancellation: null,
    view: {
      select: { doctorName: prescriptions.doctorName, herbs: prescriptions.herbs, issuedAt: prescriptions.issuedAt },
      order: [desc(prescriptions.issuedAt)],
      recent: null,
      item: (p) => ({
        title: p.doctorName,
        detail: p.herbs
          .slice(0, 4)
          .map((h) => h.name)
          .join("、"),
        at: p.issuedAt,
      }),
    },
  }),

  appointments: category({
    table: appointments,
    id: { column: appointments.id, kind: "uuid" },
    subject: { column: appointments.accountId, via: null },
    patient: null,
    personal: [appointments.doctorName, appointments.department, appointments.scheduledAt, appointments.status],
    export: {
      order: [appointments.scheduledAt],
      columns: [
        { key: "id", label: "id", value: (a) => a.id },
        { key: "scheduledAt", label: "scheduledAt", value: (a) => iso(a.scheduledAt) },
        { key: "doctor", label: "doctor", value: (a) => a.doctorName },
        { key: "department", label: "department", value: (a) => a.department },
        { key: "status", label: "status", value: (a) => a.status },
      ],
      files: null,
    },
    restriction: { restrictedAt: appointments.restrictedAt, deletableAfter: appointments.deletableAfter },
    erasure: { method: "delete" },
    retention: null,
    recipients: [],
    references: [],
    heldColumns: [],
    blocksCancellation: null,
    view: {
      select: { department: appointments.department, doctorName: appointments.doctorName, scheduledAt: appointments.scheduledAt },
      order: [desc(appointments.scheduledAt)],
      recent: null,
      item: (a) => ({ title: `${a.department} · ${a.doctorName}`, at: a.scheduledAt }),
    },
  }),

  orders: category({
    table: orders,
    id: { column: orders.id, kind: "uuid" },
    subject: { column: orders.accountId, via: null },
    patient: null,
    personal: [
      orders.status,
      orders.totalCents,
      orders.pharmacy,
      orders.logisticsCompany,
      orders.paymentProvider,
      orders.createdAt,
      orders.deliveredAt,
    ],
    export: {
      order: [orders.createdAt],
      columns: [
        { key: "id", label: "id", value: (o) => o.id },
        { key: "createdAt", label: "createdAt", value: (o) => iso(o.createdAt) },
        { key: "status", label: "status", value: (o) => o.status },
        { key: "totalYuan", label: "totalYuan", value: (o) => (o.totalCents / 100).toFixed(2) },
        { key: "pharmacy", label: "pharmacy", value: (o) => o.pharmacy },
        { key: "logistics", label: "logistics", value: (o) => o.logisticsCompany },
        { key: "payment", label: "payment", value: (o) => o.paymentProvider },
        { key: "deliveredAt", label: "deliveredAt", value: (o) => iso(o.deliveredAt) },
      ],
      files: null,
    },
    restriction: { restrictedAt: orders.restrictedAt, deletableAfter: orders.deletableAfter },
    erasure: { method: "delete" },
    retention: TRANSACTION,
    // The transaction is complete when the order is delivered (or, never delivered, when it was placed).
    keptFromRecordDate: { recordDate: sql`coalesce(${orders.deliveredAt}, ${orders.createdAt})`.mapWith(orders.createdAt) },
    recipients: ["partner_pharmacy", "logistics", "payment_provider"],
    references: [],
    heldColumns: [],
    blocksCancellation: { blocker: "undelivered_order", when: inArray(orders.status, ["pending_payment", "paid", "shipped"]) },
    view: {
      select: { pharmacy: orders.pharmacy, totalCents: orders.totalCents, createdAt: orders.createdAt },
      order: [desc(orders.createdAt)],
      recent: null,
      item: (o) => ({ title: o.pharmacy, detail: yuan(o.totalCents), at: o.createdAt }),
    },
  }),

  addresses: category({
    table: addresses,
    id: { column: addresses.id, kind: "uuid" },
    subject: { column: addresses.accountId, via: null },
    patient: null,
    personal: [
      addresses.recipientName,
      addresses.phone,
      addresses.province,
      addresses.city,
      addresses.district,
      addresses.detail,
      addresses.postalCode,
    ],
    export: {
      order: [],
      columns: [
        { key: "id", label: "id", value: (a) => a.id },
        { key: "recipient", label: "recipient", value: (a) => a.recipientName },
        { key: "phone", label: "phone", value: (a) => a.phone },
        { key: "address", label: "address", value: (a) => `${a.province}${a.city}${a.district}${a.detail}` },
        { key: "postalCode", label: "postalCode", value: (a) => a.postalCode },
        { key: "isDefault", label: "isDefault", value: (a) => a.isDefault },
      ],
      files: null,
    },
    restriction: null,
    erasure: { method: "delete" },
    retention: null,
    recipients: ["partner_pharmacy", "logistics"],
    references: [orders.addressId],
    heldColumns: [],
    blocksCancellation: null,
    view: {
      select: {
        province: addresses.province,
        city: addresses.city,
        district: addresses.district,
        detail: addresses.detail,
        recipientName: addresses.recipientName,
      },
      order: [desc(addresses.isDefault), asc(addresses.id)],
      recent: null,
      item: (a) => ({ title: `${a.province}${a.city === a.province ? "" : a.city}${a.district}${a.detail}`, detail: a.recipientName, at: null }),
    },
  }),

  bank_cards: category({
    table: bankCards,
    id: { column: bankCards.id, kind: "uuid" },
    subject: { column: bankCards.accountId, via: null },
    patient: null,
    personal: [bankCards.bankName, bankCards.cardType, bankCards.maskedNumber, bankCards.boundAt],
    export: {
      order: [],
      columns: [
        { key: "id", label: "id", value: (b) => b.id },
        { key: "bank", label: "bank", value: (b) => b.bankName },
        { key: "type", label: "type", value: (b) => b.cardType },
        { key: "number", label: "number", value: (b) => b.maskedNumber },
        { key: "boundAt", label: "boundAt", value: (b) => iso(b.boundAt) },
      ],
      files: null,
    },
    restriction: null,
    erasure: { method: "delete" },
    retention: null,
    recipients: ["payment_provider"],
    references: [],
    heldColumns: [],
    blocksCancellation: null,
    view: {
      select: { bankName: bankCards.bankName, maskedNumber: bankCards.maskedNumber, cardType: bankCards.cardType, boundAt: bankCards.boundAt },
      order: [desc(bankCards.boundAt)],
      recent: null,
      item: (b) => ({ title: `${b.bankName} ${b.maskedNumber}`, detail: b.cardType, at: b.boundAt }),
    },
  }),

  consents: category({
    table: consents,
    id: { column: consents.id, kind: "uuid" },
    subject: { column: consents.accountId, via: null },
    patient: null,
    personal: [consents.key, consents.granted, consents.changedAt],
    export: {
      order: [consents.key],
      columns: [
        { key: "key", label: "key", value: (c) => c.key },
        { key: "granted", label: "granted", value: (c) => c.granted },
        { key: "changedAt", label: "changedAt", value: (c) => iso(c.changedAt) },
      ],
      files: null,
    },
    restriction: null,
    erasure: { method: "delete" },
    retention: null,
    recipients: [],
    references: [],
    heldColumns: [],
    blocksCancellation: null,
    view: null,
  }),

  browsing_logs: category({
    table: browsingLogs,
    id: { column: browsingLogs.id, kind: "serial" },
    subject: { column: browsingLogs.accountId, via: null },
    patient: null,
    personal: [browsingLogs.page, browsingLogs.ip, browsingLogs.userAgent, browsingLogs.occurredAt],
    export: {
      order: [browsingLogs.occurredAt],
      columns: [
        { key: "occurredAt", label: "occurredAt", value: (l) => iso(l.occurredAt) },
        { key: "page", label: "page", value: (l) => l.page },
        { key: "ip", label: "ip", value: (l) => l.ip },
        { key: "userAgent", label: "userAgent", value: (l) => l.userAgent },
      ],
      files: null,
    },
    restriction: null,
    erasure: { method: "delete" },
    // Policy §10.2: browsing records and IP information are stored for no more than one month.
    retention: { rule: "browsing_log", months: 1, from: "record_date", basis: "隐私政策 10.2" },
    purgedAfterRetention: { recordDate: browsingLogs.occurredAt },
    recipients: [],
    references: [],
    heldColumns: [],
    blocksCancellation: null,
    view: {
      select: { page: browsingLogs.page, ip: browsingLogs.ip, occurredAt: browsingLogs.occurredAt },
      order: [desc(browsingLogs.occurredAt)],
      recent: { column: browsingLogs.occurredAt, days: 31, limit: 100 },
      item: (l) => ({ title: l.page, detail: l.ip, at: l.occurredAt }),
    },
  }),
} satisfies Record<DataCategory, Declared<Erasure>>;

/** Every category's entry, in the data map's order. */
export const REGISTRY: readonly Entry[] = (Object.keys(ENTRIES) as DataCategory[]).map((c): Entry => ({ category: c, ...ENTRIES[c] }));

/**
 * 就诊人 (`platform.patients`, policy §3.3): the people an account consults for. Not a category anyone asks about —
 * their records are, through each entry's `patient` column — but personal information the account holds all the
 * same, erased with it. Closing the account deletes a 就诊人 no record points at any more; one whose medical records
 * a retention keeps is anonymised instead (`onCancellation`: name, gender and ID number cleared; the row, with its
 * relationship and the birth date the records' ages were counted from, kept), so the held records stay linked to
 * the person they are about; the retention purge deletes it once the last of them is gone.
 */
export const FAMILY_MEMBERS = {
  table: patients,
  id: patients.id,
  account: patients.accountId,
  onCancellation: { name: "已注销就诊人", gender: null, idNumber: null } satisfies Partial<typeof patients.$inferInsert>,
} as const;

/** The columns of records that name their 就诊人 (the entries' `patient`): while one points at a 就诊人, the row stays. */
export const FAMILY_MEMBER_REFERENCES: readonly AnyPgColumn[] = REGISTRY.flatMap((e) => (e.patient ? [e.patient] : []));

/** The categories a retention period holds (erasure `restrict`). */
export type HeldCategory = {
  [C in keyof typeof ENTRIES]: (typeof ENTRIES)[C]["erasure"]["method"] extends "restrict" ? C : never;
}[keyof typeof ENTRIES];

/** The retention an entry keeps each record for from its own date, or null (see `keptFromRecordDate`). */
export function retainedFromRecordDate(entry: Entry): { recordDate: SQL; retention: Retention; restriction: Restriction<PgTable> } | null {
  if (!("keptFromRecordDate" in entry) || !entry.keptFromRecordDate || !entry.retention || !entry.restriction) return null;
  return { recordDate: entry.keptFromRecordDate.recordDate, retention: entry.retention, restriction: entry.restriction };
}

export function entryOf(category: DataCategory): Entry {
  const found = REGISTRY.find((e) => e.category === category);
  if (!found) throw new Error(`no data map for ${category}`);
  return found;
}

/** The patient's last visit, from which medical records are kept: the latest end (or start) of their consultations. */
export const LAST_VISIT = { category: "consultations", at: sql`coalesce(${consultations.endedAt}, ${consultations.startedAt})` } as const satisfies {
  category: DataCategory;
  at: SQL;
};

/**
 * Where the recipients of a subject's data are named: the columns of that category's records that name them.
 * Those records are the account holder's; a 就诊人's data went to the recipients of the records that point
 * (`patientVia`) at the 就诊人's own records of another category (the orders filling their prescriptions).
 */
export const RECIPIENT_NAMES = {
  category: "orders",
  columns: { partner_pharmacy: orders.pharmacy, logistics: orders.logisticsCompany, payment_provider: orders.paymentProvider },
  patientVia: { column: orders.prescriptionId, category: "prescriptions" },
} as const satisfies { category: DataCategory; columns: Record<Recipient, AnyPgColumn>; patientVia: { column: AnyPgColumn; category: DataCategory } };
