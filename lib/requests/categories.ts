/** The data categories by name live with their registry (lib/categories); re-exported for the modules that import them from here. */
export { DATA_CATEGORIES, HEALTH_CATEGORIES, type DataCategory } from "@/lib/categories/list";

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
