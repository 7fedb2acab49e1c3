"use client";

import { useTranslations } from "next-intl";
import { FormMessage, type StaffAction } from "@/components/staff/actions/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText } from "@/components/ui/use-error-text";
import { FulfilmentFormSchemas } from "@/lib/fulfilment/action-schemas";

/** Records that a recipient confirmed the deletion it was asked for, with an optional note (how, who). */
export function ConfirmNoticeForm({
  action,
  requestRef,
  noticeId,
  recipient,
}: {
  action: StaffAction;
  requestRef: string;
  noticeId: number;
  recipient: string;
}) {
  const t = useTranslations("staff.fulfilment");
  const errorText = useErrorText();
  const f = useActionForm({
    schema: FulfilmentFormSchemas.confirm_recipient,
    action: (input) => action({ ...input, ref: requestRef, noticeId }),
    defaultValues: { note: "" },
  });
  const id = `notice-${noticeId}-note`;
  const error = errorText(f.fieldError("note"));
  return (
    <form onSubmit={f.onSubmit} noValidate data-testid={`confirm-notice-${noticeId}`} className="staff-inline-form">
      <FormMessage success={f.success} failure={f.failure} />
      <label htmlFor={id}>{t("confirmNote", { recipient })}</label>
      <input
        id={id}
        maxLength={1000}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...f.form.register("note")}
      />
      <p id={`${id}-error`} className="field-error" role={error ? "alert" : undefined}>
        {error}
      </p>
      <button type="submit" className="btn secondary" disabled={f.pending}>
        {t("recordConfirmation")}
      </button>
    </form>
  );
}
