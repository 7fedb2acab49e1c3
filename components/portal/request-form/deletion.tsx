"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { FormRecords } from "@/lib/requests/form-records";
import { DATA_CATEGORIES, DELETION_GROUNDS } from "@/lib/requests/categories";
import { PolicyQuote } from "../policy-quote";
import { CheckboxList, RadioGroup, useFieldError } from "./fields";
import type { FormProps } from "./form-types";

/**
 * Deletion: whole categories or single records, a ground, and what the law keeps. About a 就诊人
 * (`familyMember`), the categories are asked for by the form's CategoriesFields and not listed here.
 */
export function DeletionFields({ form, records, familyMember = false }: FormProps & { records: FormRecords; familyMember?: boolean }) {
  const t = useTranslations("portal");
  const tRoot = useTranslations();
  const format = useFormatter();
  const categories = form.get("categories") ?? [];
  const items = form.get("items") ?? [];
  const ground = form.get("ground");
  const categoryError = useFieldError(form, "categories");
  const itemsError = useFieldError(form, "items");
  const categoriesError = categoryError ?? itemsError;
  const groundError = useFieldError(form, "ground");
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), "date") : "");
  // Either a category or an item answers "choose one": both lose their error when either changes.
  const clearChoiceErrors = () => form.clearErrors("categories", "items");
  return (
    <>
      <PolicyQuote clause="deletion" compact />
      {!familyMember && (
        <CheckboxList
          id="f-categories"
          legend={t("form.deletionWhat")}
          hint={t("form.deletionWhatHint")}
          options={DATA_CATEGORIES.map((c) => {
            // Listed one by one: the categories with a registry `view` (lib/categories/registry.ts).
            const list = records.items[c] ?? [];
            const chosenHere = items.filter((i) => i.category === c).map((i) => i.id);
            return {
              value: c,
              label: tRoot(`categories.${c}`),
              hint: t(`categoryHints.${c}`),
              extra:
                list.length > 0 && !categories.includes(c) ? (
                  <details className="portal-items" data-testid={`items-${c}`}>
                    <summary>{t("form.chooseItems", { count: list.length })}</summary>
                    <ul>
                      {list.map((item) => {
                        const id = `f-item-${c}-${item.id}`;
                        return (
                          <li key={item.id}>
                            <label className="portal-choice" htmlFor={id}>
                              <input
                                id={id}
                                type="checkbox"
                                checked={chosenHere.includes(item.id)}
                                disabled={item.restrictedUntil !== null}
                                onChange={(e) => {
                                  const others = items.filter((x) => !(x.category === c && x.id === item.id));
                                  form.set("items", e.currentTarget.checked ? [...others, { category: c, id: item.id }] : others);
                                  clearChoiceErrors();
                                }}
                              />
                              <span dir="auto">
                                {item.kind ? `${t(`photoKinds.${item.kind}`)} · ` : ""}
                                {item.title}
                                {item.detail ? ` · ${item.detail}` : ""}
                                {item.at ? <span className="muted"> · {when(item.at)}</span> : null}
                                {item.restrictedUntil !== null && (
                                  <span className="badge sla-at_risk">{t("form.restrictedUntil", { date: item.restrictedUntil || "—" })}</span>
                                )}
                              </span>
                            </label>
                          </li>
                        );
                      })}
                    </ul>
                  </details>
                ) : undefined,
            };
          })}
          selected={categories}
          error={categoriesError}
          onChange={(next) => {
            form.set("categories", next);
            // A whole category includes its single records: they are not asked for twice.
            form.set(
              "items",
              items.filter((i) => !next.includes(i.category)),
            );
            clearChoiceErrors();
          }}
        />
      )}
      <RadioGroup
        id="f-ground"
        name="ground"
        legend={t("form.ground")}
        hint={t("form.groundHint")}
        error={groundError}
        selected={ground}
        onChange={(g) => form.set("ground", g)}
        options={DELETION_GROUNDS.map((g) => ({ value: g, label: <span>{t(`grounds.${g}`)}</span> }))}
      />
      <section className="alert warn portal-notice" aria-labelledby="deletion-notice" data-testid="deletion-notice">
        <h2 id="deletion-notice" className="portal-legend">
          {t("form.deletionNoticeTitle")}
        </h2>
        <ul>
          <li>{t("form.deletionRetention")}</li>
          <li>{t("form.deletionRecipients")}</li>
          <li>{t("form.deletionBackups")}</li>
        </ul>
      </section>
    </>
  );
}
