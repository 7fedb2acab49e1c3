"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Field } from "@/components/ui/field";
import type { FormRecords } from "@/lib/requests/form-records";
import { FileUpload } from "../file-upload";
import { GroupError, TextArea, useFieldError } from "./fields";
import { MAX, newKey, type FormProps } from "./form-types";
import { correctableLabel, displayValue, recordGroup } from "./labels";

/** Correction: rows of a field of the patient's own records, its current value and the corrected one; a reason; evidence. */
export function CorrectionFields({ form, records, onBusy }: FormProps & { records: FormRecords; onBusy: (busy: boolean) => void }) {
  const t = useTranslations("portal");
  const rows = form.get("corrections") ?? [];
  // A key per row, so a row removed takes its own inputs with it.
  const [keys, setKeys] = useState(() => rows.map(() => newKey()));
  const append = () => {
    form.set("corrections", [...rows, { field: "", recordId: "", requested: "" }]);
    setKeys([...keys, newKey()]);
  };
  const remove = (i: number) => {
    // The rows after it move up; setting the list takes away the errors the server gave by row number.
    form.set(
      "corrections",
      rows.filter((_, j) => j !== i),
    );
    setKeys(keys.filter((_, j) => j !== i));
  };
  const rootError = useFieldError(form, "corrections");
  const evidenceError = useFieldError(form, "evidenceAttachmentIds");
  if (records.correctable.length === 0) {
    return (
      <p className="alert warn" role="status" data-testid="no-records">
        {t("form.noRecords")}
      </p>
    );
  }
  return (
    <section className="portal-group" aria-labelledby="corrections-title" data-field="corrections">
      <h2 id="corrections-title" className="portal-legend">
        {t("form.correctionsTitle")}
      </h2>
      <p className="hint">{t("form.correctionsHint")}</p>
      {keys.map((key, i) => (
        <CorrectionRow key={key} form={form} records={records} index={i} onRemove={keys.length > 1 ? () => remove(i) : undefined} />
      ))}
      {keys.length < 20 && (
        <button type="button" className="btn secondary" onClick={append}>
          {t("form.addCorrection")}
        </button>
      )}
      <GroupError id="f-corrections-error" error={rootError} />
      <TextArea form={form} name="reason" label={t("form.reason")} hint={t("form.reasonHint")} required max={MAX.reason} />
      <FileUpload
        id="f-evidenceAttachmentIds"
        label={`${t("form.evidence")} ${t("form.optional")}`}
        hint={t("form.evidenceHint")}
        purpose="evidence"
        error={evidenceError}
        onBusyChange={onBusy}
        onChange={(ids) => form.set("evidenceAttachmentIds", ids)}
      />
    </section>
  );
}

function CorrectionRow({ form, records, index: i, onRemove }: FormProps & { records: FormRecords; index: number; onRemove?: () => void }) {
  const t = useTranslations("portal");
  const tRoot = useTranslations();
  const field = form.get(`corrections.${i}.field`) ?? "";
  const recordId = form.get(`corrections.${i}.recordId`) ?? "";
  const byKey = new Map(records.correctable.map((c) => [`${c.field}|${c.recordId}`, c]));
  const key = field ? `${field}|${recordId}` : "";
  const current = byKey.get(key);
  const chosenError = useFieldError(form, `corrections.${i}.field`);
  const recordError = useFieldError(form, `corrections.${i}.recordId`);
  const fieldError = chosenError ?? recordError;
  const requestedError = useFieldError(form, `corrections.${i}.requested`);
  const groups = new Map<string, typeof records.correctable>();
  for (const c of records.correctable) {
    const g = recordGroup(t, tRoot, c);
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  const sid = `f-corrections-${i}-field`;
  const rid = `f-corrections-${i}-requested`;
  return (
    <fieldset className="portal-correction" data-testid={`correction-${i}`}>
      <legend>{t("form.correctionN", { n: i + 1 })}</legend>
      <Field id={sid} label={t("form.correctionField")} error={fieldError}>
        {(describedBy, invalid) => (
          <>
            <select
              id={sid}
              value={key}
              aria-invalid={invalid}
              aria-describedby={[current ? `${sid}-current` : undefined, describedBy].filter(Boolean).join(" ") || undefined}
              onChange={(e) => {
                const chosen = byKey.get(e.currentTarget.value);
                form.set(`corrections.${i}`, { field: chosen?.field ?? "", recordId: chosen?.recordId ?? "", requested: "" });
              }}
            >
              <option value="">{t("form.chooseField")}</option>
              {[...groups].map(([g, list]) => (
                <optgroup key={g} label={g}>
                  {list.map((o) => (
                    <option key={`${o.field}|${o.recordId}`} value={`${o.field}|${o.recordId}`}>
                      {t("form.fieldOption", { field: t(`fields.${o.field}`), value: displayValue(t, o.field, o.current) })}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            {current && (
              <span id={`${sid}-current`} className="hint" dir="auto">
                {correctableLabel(t, tRoot, current)} — {t("form.currentValue", { value: displayValue(t, current.field, current.current) })}
              </span>
            )}
          </>
        )}
      </Field>
      <Field id={rid} label={t("form.correctedValue")} error={requestedError}>
        {(describedBy, invalid) =>
          field === "account.gender" ? (
            <select id={rid} aria-invalid={invalid} aria-describedby={describedBy} {...form.text(`corrections.${i}.requested`)}>
              <option value="">{t("form.chooseField")}</option>
              <option value="male">{t("genders.male")}</option>
              <option value="female">{t("genders.female")}</option>
            </select>
          ) : (
            <input
              id={rid}
              dir="auto"
              type={field === "account.birthDate" ? "date" : field === "account.email" ? "email" : field === "address.phone" ? "tel" : "text"}
              inputMode={field === "address.phone" || field === "address.postalCode" ? "numeric" : undefined}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              {...form.text(`corrections.${i}.requested`)}
            />
          )
        }
      </Field>
      {onRemove && (
        <button type="button" className="btn link" onClick={onRemove}>
          {t("form.removeCorrection")}
        </button>
      )}
    </fieldset>
  );
}
