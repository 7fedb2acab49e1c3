/** The categories of hospital records a patient may ask about (issue 4; fulfilled against the platform schema). */
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

/** Grounds for deletion: the five of policy §8.3, and PIPL Art. 47's purpose fulfilled and consent withdrawn. */
export const DELETION_GROUNDS = [
  "unlawful_processing",
  "no_consent",
  "breach_of_agreement",
  "stopped_using",
  "service_ended",
  "no_longer_necessary",
  "consent_withdrawn",
] as const;
export type DeletionGround = (typeof DELETION_GROUNDS)[number];

/** Fields a patient may ask to correct, as `record.field`; the record id says which row. */
export const CORRECTABLE_FIELDS = [
  "account.nickname",
  "account.gender",
  "account.birthDate",
  "account.email",
  "real_name.realName",
  "address.recipientName",
  "address.phone",
  "address.province",
  "address.city",
  "address.district",
  "address.detail",
  "address.postalCode",
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
