"use client";

import { useTranslations } from "next-intl";
import { FormMessage, type StaffAction } from "@/components/staff/actions/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText } from "@/components/ui/use-error-text";
import { FulfilmentFormSchemas } from "@/lib/fulfilment/action-schemas";

export type CorrectionChange = { index: number; label: string; live: string | null; filedCurrent: string; requested: string };

/** Each requested change beside the current value, approved or rejected one by one; a rejection needs a reason. */
export function CorrectionForm({ action, requestRef, changes }: { action: StaffAction; requestRef: string; changes: CorrectionChange[] }) {
  const t = useTranslations("staff.fulfilment");
  const errorText = useErrorText();
  const f = useActionForm({
    schema: FulfilmentFormSchemas.correction,
    action: (input) => action({ ...input, ref: requestRef }),
    // One entry per requested change, in order; its index says which change it decides.
    defaultValues: { decisions: changes.map((c) => ({ index: c.index, approve: undefined as never, reason: "" })) },
    resetOnSuccess: false,
  });
  return (
    <form onSubmit={f.onSubmit} noValidate data-testid="correction-form">
      <FormMessage success={f.success} failure={f.failure} />
      {changes.map((c, i) => {
        const decisionError = errorText(f.fieldError(`decisions.${i}.approve`));
        const reasonError = errorText(f.fieldError(`decisions.${i}.reason`));
        const base = `correction-${c.index}`;
        return (
          <fieldset
            key={c.index}
            className="staff-change"
            data-testid={`change-${c.index}`}
            aria-describedby={decisionError ? `${base}-decision-error` : undefined}
          >
            <legend>{c.label}</legend>
            <dl className="staff-facts">
              <dt>{t("liveValue")}</dt>
              <dd dir="auto">{c.live === null ? <span className="muted">{t("recordGone")}</span> : c.live || t("empty")}</dd>
              {c.live !== null && c.live !== c.filedCurrent && (
                <>
                  <dt>{t("filedValue")}</dt>
                  <dd dir="auto">{c.filedCurrent || t("empty")}</dd>
                </>
              )}
              <dt>{t("requestedValue")}</dt>
              <dd dir="auto">
                <strong>{c.requested || t("empty")}</strong>
              </dd>
            </dl>
            <div className="radio-row">
              <label>
                <input type="radio" value="approve" aria-invalid={decisionError ? true : undefined} {...f.form.register(`decisions.${i}.approve`)} />{" "}
                {t("approve")}
              </label>{" "}
              <label>
                <input type="radio" value="reject" aria-invalid={decisionError ? true : undefined} {...f.form.register(`decisions.${i}.approve`)} />{" "}
                {t("reject")}
              </label>
            </div>
            <p id={`${base}-decision-error`} className="field-error" role={decisionError ? "alert" : undefined}>
              {decisionError}
            </p>
            <div className="field">
              <label htmlFor={`${base}-reason`}>{t("rejectReason")}</label>
              <textarea
                id={`${base}-reason`}
                rows={2}
                maxLength={1000}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? `${base}-reason-error` : undefined}
                {...f.form.register(`decisions.${i}.reason`)}
              />
              <p id={`${base}-reason-error`} className="field-error" role={reasonError ? "alert" : undefined}>
                {reasonError}
              </p>
            </div>
          </fieldset>
        );
      })}
      <button type="submit" className="btn" disabled={f.pending}>
        {t("applyCorrections")}
      </button>
    </form>
  );
}
