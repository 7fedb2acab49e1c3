import type { useTranslations } from "next-intl";
import type { CorrectableField } from "@/lib/requests/categories";

type T = ReturnType<typeof useTranslations<"portal">>;
type TRoot = ReturnType<typeof useTranslations>;

/** "Address 2 · Phone": which record a correctable field belongs to, and the field. */
export function correctableLabel(t: T, tRoot: TRoot, c: { field: CorrectableField; addressIndex?: number }) {
  return `${recordGroup(t, tRoot, c)} · ${t(`fields.${c.field}`)}`;
}

/** The record a correctable field belongs to: an account part, or the n-th address. */
export function recordGroup(t: T, tRoot: TRoot, c: { field: CorrectableField; addressIndex?: number }) {
  const [record] = c.field.split(".") as ["account" | "real_name" | "address"];
  return record === "address" ? t("form.addressN", { n: (c.addressIndex ?? 0) + 1 }) : tRoot(`categories.${record}`);
}

/** A stored or requested value as people read it (a gender in words, a blank as "empty"). */
export function displayValue(t: T, field: CorrectableField | "", value: string) {
  if (!value) return t("form.empty");
  if (field === "account.gender" && (value === "male" || value === "female")) return t(`genders.${value}`);
  return value;
}
