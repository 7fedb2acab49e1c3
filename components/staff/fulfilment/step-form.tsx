"use client";

import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/staff/actions/form-message";
import { HiddenFields } from "@/components/staff/actions/hidden-fields";
import { useStaffAction, type StaffAction } from "@/components/staff/actions/use-staff-action";

/**
 * One fulfilment step behind a button: prepare, release, apply. With `confirmLabel`, a checkbox the staff
 * member must tick first (for what cannot be undone). Running a step again after it failed is the retry.
 */
export function StepForm({
  action,
  requestRef,
  submit,
  testId,
  confirmLabel,
}: {
  action: StaffAction;
  requestRef: string;
  submit: string;
  testId: string;
  confirmLabel?: string;
}) {
  const f = useStaffAction(action);
  const t = useTranslations("staff.fulfilment");
  const confirmId = `${testId}-confirm`;
  const error = f.fieldError("confirm");
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate data-testid={testId} className="staff-step-form">
      <HiddenFields requestRef={requestRef} />
      <FormMessage ok={f.state.ok} text={f.message} />
      {confirmLabel && (
        <div className="field">
          <label className="check">
            <input
              type="checkbox"
              id={confirmId}
              name="confirm"
              value="yes"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${confirmId}-error` : undefined}
            />{" "}
            {confirmLabel}
          </label>
          <p id={`${confirmId}-error`} className="field-error" role={error ? "alert" : undefined}>
            {error}
          </p>
        </div>
      )}
      <button type="submit" className="btn" disabled={f.pending} aria-busy={f.pending || undefined}>
        {f.pending ? t("working") : submit}
      </button>
    </form>
  );
}
