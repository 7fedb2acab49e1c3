"use client";

import { useTranslations } from "next-intl";
import { quoteFeeAction } from "@/app/(staff)/queue/[ref]/actions";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText } from "@/components/ui/use-error-text";
import { StaffFormSchemas } from "@/lib/requests/staff-action-schemas";
import { FormMessage } from "./form-message";
import { TemplateTextField, type OfferedTemplate } from "./template-text-field";

/** Quote a cost fee for a repeated request (§8.7): the clock pauses until the requester accepts or declines. */
export function FeeForm({
  requestRef,
  version,
  templates,
  isRepeat,
}: {
  requestRef: string;
  version: number;
  templates: OfferedTemplate[];
  isRepeat: boolean;
}) {
  const t = useTranslations("staff.actions");
  const errorText = useErrorText();
  const f = useActionForm({
    schema: StaffFormSchemas.quote_fee,
    action: (input) => quoteFeeAction({ ...input, ref: requestRef, version }),
    defaultValues: { amount: "", reason: "", payment: "" },
  });
  return (
    <form onSubmit={f.onSubmit} noValidate data-testid="fee-form">
      <h3>{t("feeTitle")}</h3>
      <p className="muted">{isRepeat ? t("feeIntroRepeat") : t("feeIntro")}</p>
      <FormMessage success={f.success} failure={f.failure} />
      <Field id="fee-amount" label={t("feeAmount")} hint={t("feeAmountHint")} error={errorText(f.fieldError("amount"))}>
        {(describedBy, invalid) => (
          <input
            id="fee-amount"
            inputMode="decimal"
            autoComplete="off"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            required
            {...f.form.register("amount")}
          />
        )}
      </Field>
      <TemplateTextField
        id="fee-reason"
        label={t("feeReason")}
        error={errorText(f.fieldError("reason"))}
        registration={f.form.register("reason")}
        onInsert={(text) => f.form.setValue("reason", text, { shouldDirty: true })}
        templates={templates}
        rows={3}
      />
      <Field id="fee-payment" label={t("feePayment")} hint={t("feePaymentHint")} error={errorText(f.fieldError("payment"))}>
        {(describedBy, invalid) => (
          <textarea id="fee-payment" rows={3} aria-describedby={describedBy} aria-invalid={invalid} required {...f.form.register("payment")} />
        )}
      </Field>
      <button type="submit" className="btn" disabled={f.pending}>
        {t("quoteFee")}
      </button>
    </form>
  );
}
