"use client";

import { useTranslations } from "next-intl";
import { FormMessage, type StaffAction } from "@/components/staff/actions/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText } from "@/components/ui/use-error-text";
import { FulfilmentFormSchemas } from "@/lib/fulfilment/action-schemas";
import { ITEM_REFUSAL_REASONS } from "@/lib/fulfilment/items";

/**
 * One fulfilment step behind a button: prepare, release, apply. With `confirmLabel`, a checkbox the staff
 * member must tick first (for what cannot be undone). With `withhold` (the requested categories), staff may
 * decline any of them with a refusal reason the requester is told (`withhold.<n>.category` / `.reason`); left
 * empty, a category is handled as asked. Running a step again after it failed is the retry.
 */
export function StepForm({
  action,
  kind,
  requestRef,
  submit,
  testId,
  confirmLabel,
  withhold = [],
}: {
  action: StaffAction;
  kind: "prepare" | "release" | "deletion" | "consent" | "cancellation";
  requestRef: string;
  submit: string;
  testId: string;
  confirmLabel?: string;
  withhold?: { category: string; label: string }[];
}) {
  const t = useTranslations("staff.fulfilment");
  const reasons = useTranslations("refusalReasons");
  const errorText = useErrorText();
  const f = useActionForm({
    // The steps with a checkbox ask for { confirm: "yes" }, the others for nothing.
    schema: FulfilmentFormSchemas[kind] as unknown as typeof FulfilmentFormSchemas.release,
    action: (input) => action({ ...input, ref: requestRef }),
    defaultValues: {
      ...(confirmLabel ? { confirm: false } : {}),
      ...(withhold.length > 0 ? { withhold: withhold.map((w) => ({ category: w.category, reason: "" })) } : {}),
    } as never,
  });
  const confirmId = `${testId}-confirm`;
  const error = errorText(f.fieldError("confirm"));
  return (
    <form onSubmit={f.onSubmit} noValidate data-testid={testId} className="staff-step-form">
      <FormMessage success={f.success} failure={f.failure} />
      {withhold.length > 0 && (
        <fieldset className="staff-withhold" data-testid={`${testId}-withhold`} aria-describedby={`${testId}-withhold-hint`}>
          <legend>{t("withholdLegend")}</legend>
          <p id={`${testId}-withhold-hint`} className="muted staff-meta">
            {t("withholdHint")}
          </p>
          {withhold.map((w, i) => {
            const id = `${testId}-withhold-${i}`;
            const reasonError = errorText(f.fieldError(`withhold.${i}.reason`) ?? f.fieldError(`withhold.${i}.category`));
            return (
              <div className="field" key={w.category}>
                <input type="hidden" {...f.form.register(`withhold.${i}.category` as "confirm")} />
                <label htmlFor={id}>{w.label}</label>
                <select
                  id={id}
                  aria-invalid={reasonError ? true : undefined}
                  aria-describedby={reasonError ? `${id}-error` : undefined}
                  {...f.form.register(`withhold.${i}.reason` as "confirm")}
                >
                  <option value="">{t("withholdNone")}</option>
                  {ITEM_REFUSAL_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {reasons(r)}
                    </option>
                  ))}
                </select>
                <p id={`${id}-error`} className="field-error" role={reasonError ? "alert" : undefined}>
                  {reasonError}
                </p>
              </div>
            );
          })}
        </fieldset>
      )}
      {confirmLabel && (
        <div className="field">
          <label className="check">
            <input
              type="checkbox"
              id={confirmId}
              value="yes"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${confirmId}-error` : undefined}
              {...f.form.register("confirm")}
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
