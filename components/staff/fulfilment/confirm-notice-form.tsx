"use client";

import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/staff/actions/form-message";
import { HiddenFields } from "@/components/staff/actions/hidden-fields";
import { useStaffAction, type StaffAction } from "@/components/staff/actions/use-staff-action";

/** Records that a recipient confirmed the deletion it was asked for, with an optional note (how, who). */
export function ConfirmNoticeForm({ action, requestRef, noticeId, recipient }: { action: StaffAction; requestRef: string; noticeId: number; recipient: string }) {
  const f = useStaffAction(action);
  const t = useTranslations("staff.fulfilment");
  const id = `notice-${noticeId}-note`;
  const error = f.fieldError("note");
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate data-testid={`confirm-notice-${noticeId}`} className="staff-inline-form">
      <HiddenFields requestRef={requestRef} />
      <input type="hidden" name="noticeId" value={noticeId} />
      <FormMessage ok={f.state.ok} text={f.message} />
      <label htmlFor={id}>{t("confirmNote", { recipient })}</label>
      <input id={id} name="note" maxLength={1000} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      <p id={`${id}-error`} className="field-error" role={error ? "alert" : undefined}>
        {error}
      </p>
      <button type="submit" className="btn secondary" disabled={f.pending}>
        {t("recordConfirmation")}
      </button>
    </form>
  );
}
