"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { FormRecords } from "@/lib/requests/form-records";
import { PolicyQuote } from "../policy-quote";
import { CheckboxList, useFieldError } from "./fields";
import type { FormProps } from "./form-types";

/** Consent withdrawal: the patient's consents with their state; only granted ones can be withdrawn. */
export function ConsentFields({ form, records }: FormProps & { records: FormRecords }) {
  const t = useTranslations("portal");
  const format = useFormatter();
  const selected = form.get("consents") ?? [];
  const error = useFieldError(form, "consents");
  const anyGranted = records.consents.some((c) => c.granted);
  return (
    <>
      <PolicyQuote clause="consent" compact />
      {!anyGranted && (
        <p className="alert warn" role="status">
          {t("form.noConsents")}
        </p>
      )}
      <CheckboxList
        id="f-consents"
        legend={t("form.consentsTitle")}
        hint={t("form.consentsHint")}
        options={records.consents.map((c) => ({
          value: c.key,
          label: t(`consentKeys.${c.key}`),
          badge: c.granted ? t("form.granted") : t("form.notGranted"),
          hint: c.changedAt ? t("form.since", { date: format.dateTime(new Date(c.changedAt), "date") }) : undefined,
          disabled: !c.granted,
        }))}
        selected={selected}
        error={error}
        onChange={(next) => form.set("consents", next)}
      />
      <p className="alert info portal-notice" data-testid="consent-note">
        {t("form.consentNote")}
      </p>
    </>
  );
}
