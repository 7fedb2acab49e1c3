"use client";

import { useTranslations } from "next-intl";
import { completeAction } from "@/app/(staff)/queue/[ref]/actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "./form-message";
import { HiddenFields } from "./hidden-fields";
import { TemplateTextField, type OfferedTemplate } from "./template-text-field";
import { useStaffAction } from "./use-staff-action";

/** Close the request as fulfilled or partly fulfilled, with the reply the requester reads. */
export function CompleteForm({ requestRef, version, templates }: { requestRef: string; version: number; templates: OfferedTemplate[] }) {
  const t = useTranslations("staff.actions");
  const to = useTranslations("outcomes");
  const f = useStaffAction(completeAction);
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate data-testid="complete-form">
      <h3>{t("completeTitle")}</h3>
      <HiddenFields requestRef={requestRef} version={version} />
      <FormMessage ok={f.state.ok} text={f.message} />
      <Field id="complete-outcome" label={t("outcome")} error={f.fieldError("outcome")}>
        {(describedBy, invalid) => (
          <select id="complete-outcome" name="outcome" defaultValue="" aria-describedby={describedBy} aria-invalid={invalid} required>
            <option value="">{t("choose")}</option>
            <option value="fulfilled">{to("fulfilled")}</option>
            <option value="partially_fulfilled">{to("partially_fulfilled")}</option>
          </select>
        )}
      </Field>
      <TemplateTextField id="complete-reply" name="reply" label={t("reply")} hint={t("replyHint")} error={f.fieldError("reply")} templates={templates} />
      <button type="submit" className="btn" disabled={f.pending}>
        {t("complete")}
      </button>
    </form>
  );
}
