"use client";

import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/staff/actions/form-message";
import { HiddenFields } from "@/components/staff/actions/hidden-fields";
import { useStaffAction, type StaffAction } from "@/components/staff/actions/use-staff-action";

export type CorrectionChange = { index: number; label: string; live: string | null; filedCurrent: string; requested: string };

/** Each requested change beside the current value, approved or rejected one by one; a rejection needs a reason. */
export function CorrectionForm({ action, requestRef, changes }: { action: StaffAction; requestRef: string; changes: CorrectionChange[] }) {
  const f = useStaffAction(action, { resetOnSuccess: false });
  const t = useTranslations("staff.fulfilment");
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate data-testid="correction-form">
      <HiddenFields requestRef={requestRef} />
      <FormMessage ok={f.state.ok} text={f.message} />
      {changes.map((c) => {
        const decisionError = f.fieldError(`decision.${c.index}`);
        const reasonError = f.fieldError(`reason.${c.index}`);
        const base = `correction-${c.index}`;
        return (
          <fieldset key={c.index} className="staff-change" data-testid={`change-${c.index}`} aria-describedby={decisionError ? `${base}-decision-error` : undefined}>
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
                <input type="radio" name={`decision.${c.index}`} value="approve" aria-invalid={decisionError ? true : undefined} /> {t("approve")}
              </label>{" "}
              <label>
                <input type="radio" name={`decision.${c.index}`} value="reject" aria-invalid={decisionError ? true : undefined} /> {t("reject")}
              </label>
            </div>
            <p id={`${base}-decision-error`} className="field-error" role={decisionError ? "alert" : undefined}>
              {decisionError}
            </p>
            <div className="field">
              <label htmlFor={`${base}-reason`}>{t("rejectReason")}</label>
              <textarea
                id={`${base}-reason`}
                name={`reason.${c.index}`}
                rows={2}
                maxLength={1000}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? `${base}-reason-error` : undefined}
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
