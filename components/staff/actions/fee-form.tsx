"use client";

import { useTranslations } from "next-intl";
import { quoteFeeAction } from "@/app/(staff)/queue/[ref]/actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "./form-message";
import { HiddenFields } from "./hidden-fields";
import { TemplateTextField, type OfferedTemplate } from "./template-text-field";
import { useStaffAction } from "./use-staff-action";

/** Quote a cost fee for a repeated request (§8.7): the clock pauses until the requester accepts or declines. */
export function FeeForm({ requestRef, version, templates, isRepeat }: { requestRef: string; version: number; templates: OfferedTemplate[]; isRepeat: boolean }) {
  const t = useTranslations("staff.actions");
  const f = useStaffAction(quoteFeeAction);
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate data-testid="fee-form">
      <h3>{t("feeTitle")}</h3>
      <p className="muted">{isRepeat ? t("feeIntroRepeat") : t("feeIntro")}</p>
      <HiddenFields requestRef={requestRef} version={version} />
      <FormMessage ok={f.state.ok} text={f.message} />
      <Field id="fee-amount" label={t("feeAmount")} hint={t("feeAmountHint")} error={f.fieldError("amount")}>
        {(describedBy, invalid) => <input id="fee-amount" name="amount" inputMode="decimal" autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid} required />}
      </Field>
      <TemplateTextField id="fee-reason" name="reason" label={t("feeReason")} error={f.fieldError("reason")} templates={templates} rows={3} />
      <button type="submit" className="btn" disabled={f.pending}>
        {t("quoteFee")}
      </button>
    </form>
  );
}
