/**
 * The data map: where each category of a patient's records lives in the platform schema, how it is erased, what
 * retention holds it, and who received it. Fulfilment (access, deletion, cancellation, retention purge) reads
 * this configuration; the admin data-map page shows it.
 */
import type { DataCategory } from "@/lib/requests/categories";

export type Erasure = "delete" | "anonymise" | "restrict";
export type Recipient = "partner_pharmacy" | "logistics" | "payment_provider";

export type Retention = {
  /** What the law says, for people (a key of the `dataMap.retention` catalog). */
  rule: "medical_record" | "transcript" | "browsing_log";
  years?: number;
  months?: number;
  /** The moment the period runs from. */
  from: "last_visit" | "record_date";
  basis: string;
};

export type CategoryMap = {
  category: DataCategory;
  tables: { table: string; columns: string[] }[];
  erasure: Erasure;
  retention?: Retention;
  recipients: Recipient[];
};

const MEDICAL_RECORD: Retention = {
  rule: "medical_record",
  years: 15,
  from: "last_visit",
  basis: "医疗机构管理条例实施细则 第53条；互联网诊疗监管细则（试行）",
};

export const DATA_MAP: readonly CategoryMap[] = [
  {
    category: "account",
    tables: [{ table: "platform.accounts", columns: ["phone", "nickname", "gender", "birth_date", "email", "balance_cents"] }],
    erasure: "anonymise",
    recipients: [],
  },
  {
    category: "real_name",
    tables: [{ table: "platform.real_name_verifications", columns: ["real_name", "id_type", "id_number", "verified_at"] }],
    erasure: "delete",
    recipients: [],
  },
  {
    category: "consultations",
    tables: [
      { table: "platform.consultations", columns: ["doctor_name", "department", "status", "chief_complaint", "diagnosis", "started_at", "ended_at"] },
    ],
    erasure: "restrict",
    retention: MEDICAL_RECORD,
    recipients: [],
  },
  {
    category: "photos",
    tables: [{ table: "platform.consultation_photos", columns: ["kind", "content_type", "content", "taken_at"] }],
    erasure: "restrict",
    retention: MEDICAL_RECORD,
    recipients: [],
  },
  {
    category: "prescriptions",
    tables: [{ table: "platform.prescriptions", columns: ["doctor_name", "issued_at", "herbs", "doses", "instructions"] }],
    erasure: "restrict",
    retention: MEDICAL_RECORD,
    recipients: ["partner_pharmacy"],
  },
  {
    category: "appointments",
    tables: [{ table: "platform.appointments", columns: ["doctor_name", "department", "scheduled_at", "status"] }],
    erasure: "delete",
    recipients: [],
  },
  {
    category: "orders",
    tables: [{ table: "platform.orders", columns: ["status", "total_cents", "pharmacy", "logistics_company", "payment_provider", "created_at", "delivered_at"] }],
    erasure: "delete",
    recipients: ["partner_pharmacy", "logistics", "payment_provider"],
  },
  {
    category: "addresses",
    tables: [{ table: "platform.addresses", columns: ["recipient_name", "phone", "province", "city", "district", "detail", "postal_code"] }],
    erasure: "delete",
    recipients: ["partner_pharmacy", "logistics"],
  },
  {
    category: "bank_cards",
    tables: [{ table: "platform.bank_cards", columns: ["bank_name", "card_type", "masked_number", "bound_at"] }],
    erasure: "delete",
    recipients: ["payment_provider"],
  },
  {
    category: "consents",
    tables: [{ table: "platform.consents", columns: ["key", "granted", "changed_at"] }],
    erasure: "delete",
    recipients: [],
  },
  {
    category: "browsing_logs",
    tables: [{ table: "platform.browsing_logs", columns: ["page", "ip", "user_agent", "occurred_at"] }],
    erasure: "delete",
    retention: { rule: "browsing_log", months: 1, from: "record_date", basis: "隐私政策 10.2" },
    recipients: [],
  },
];

/** Consultation chat, audio and video transcripts are kept 3 years (a column of consultations, held apart). */
export const TRANSCRIPT_RETENTION: Retention = { rule: "transcript", years: 3, from: "record_date", basis: "互联网诊疗监管细则（试行）" };

export function categoryMap(category: DataCategory): CategoryMap {
  const found = DATA_MAP.find((c) => c.category === category);
  if (!found) throw new Error(`no data map for ${category}`);
  return found;
}

/** The date a record held by `retention` becomes deletable: the period after `from` (a Shanghai date). */
export function deletableAfter(retention: Retention, from: string): string {
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const months = (retention.years ?? 0) * 12 + (retention.months ?? 0);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}
