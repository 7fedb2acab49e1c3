"use client";

import { useTranslations } from "next-intl";
import { resumeAction } from "@/app/(staff)/queue/[ref]/actions";
import { FormMessage } from "./form-message";
import { HiddenFields } from "./hidden-fields";
import { TemplateTextField } from "./template-text-field";
import { useStaffAction } from "./use-staff-action";

/** Staff restart the clock themselves (the answer came another way, or is no longer needed). */
export function ResumeForm({ requestRef, version }: { requestRef: string; version: number }) {
  const t = useTranslations("staff.actions");
  const f = useStaffAction(resumeAction);
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate data-testid="resume-form">
      <h3>{t("resumeTitle")}</h3>
      <HiddenFields requestRef={requestRef} version={version} />
      <FormMessage ok={f.state.ok} text={f.message} />
      <TemplateTextField id="resume-message" name="message" label={t("resumeMessage")} hint={t("resumeHint")} error={f.fieldError("message")} rows={3} required={false} />
      <button type="submit" className="btn" disabled={f.pending}>
        {t("resume")}
      </button>
    </form>
  );
}
