/**
 * The data categories by name: the part of the registry (./registry.ts) that forms, zod schemas and client
 * components need. Pure data — no database, no drizzle. Everything else about a category (its table, how it
 * belongs to a subject, how it is exported, erased, retained, who received it) is its registry entry.
 */

/** The categories of hospital records a patient may ask about, in the order the forms offer them. */
export const DATA_CATEGORIES = [
  "account",
  "real_name",
  "consultations",
  "appointments",
  "photos",
  "prescriptions",
  "bank_cards",
  "orders",
  "addresses",
  "consents",
  "browsing_logs",
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Health records: asking for them needs the real-name check. */
export const HEALTH_CATEGORIES: readonly DataCategory[] = ["consultations", "appointments", "photos", "prescriptions"];

/**
 * The categories a 就诊人 has records of their own in (their consultations with the photos taken in them, their
 * prescriptions): everything else belongs to the account. Checked against the registry's `patient` column.
 */
export const FAMILY_MEMBER_CATEGORIES: readonly DataCategory[] = ["consultations", "photos", "prescriptions"];

export function isDataCategory(c: unknown): c is DataCategory {
  return typeof c === "string" && (DATA_CATEGORIES as readonly string[]).includes(c);
}
