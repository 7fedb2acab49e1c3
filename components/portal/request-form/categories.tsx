"use client";

import { useTranslations } from "next-intl";
import { FAMILY_MEMBER_CATEGORIES } from "@/lib/categories/list";
import { DATA_CATEGORIES, HEALTH_CATEGORIES } from "@/lib/requests/categories";
import { CheckboxList, useFieldError } from "./fields";
import type { FormProps } from "./form-types";

/**
 * Access and portability: which categories of records (health records need the real-name check). About a 就诊人
 * (`familyMember`), and for a deletion about one, only the records a 就诊人 has of their own.
 */
export function CategoriesFields({
  form,
  type,
  familyMember = false,
}: FormProps & { type: "access" | "portability" | "deletion"; familyMember?: boolean }) {
  const t = useTranslations("portal");
  const tRoot = useTranslations();
  const selected = form.get("categories") ?? [];
  const error = useFieldError(form, "categories");
  return (
    <CheckboxList
      id="f-categories"
      legend={type === "deletion" ? t("form.deletionWhat") : t("form.categories")}
      hint={[
        type === "deletion" ? t("form.deletionWhatHint") : t("form.categoriesHint"),
        type === "portability" ? t("form.portabilityHint") : "",
        familyMember ? t("form.familyMemberCategories") : "",
      ]
        .filter(Boolean)
        .join(" ")}
      options={(familyMember ? FAMILY_MEMBER_CATEGORIES : DATA_CATEGORIES).map((c) => ({
        value: c,
        label: tRoot(`categories.${c}`),
        hint: t(`categoryHints.${c}`),
        badge: HEALTH_CATEGORIES.includes(c) ? t("form.needsIdentity") : undefined,
      }))}
      selected={selected}
      error={error}
      onChange={(next) => form.set("categories", next)}
    />
  );
}
