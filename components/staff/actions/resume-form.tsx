"use client";

import { useTranslations } from "next-intl";
import { resumeAction } from "@/app/(staff)/queue/[ref]/actions";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText } from "@/components/ui/use-error-text";
import { StaffFormSchemas } from "@/lib/requests/staff-action-schemas";
import { FormMessage } from "./form-message";
import { TemplateTextField } from "./template-text-field";

/** Staff restart the clock themselves (the answer came another way, or is no longer needed). */
export function ResumeForm({ requestRef, version }: { requestRef: string; version: number }) {
  const t = useTranslations("staff.actions");
  const errorText = useErrorText();
  const f = useActionForm({
    schema: StaffFormSchemas.resume,
    action: (input) => resumeAction({ ...input, ref: requestRef, version }),
    defaultValues: { message: "" },
  });
  return (
    <form onSubmit={f.onSubmit} noValidate data-testid="resume-form">
      <h3>{t("resumeTitle")}</h3>
      <FormMessage success={f.success} failure={f.failure} />
      <TemplateTextField
        id="resume-message"
        label={t("resumeMessage")}
        hint={t("resumeHint")}
        error={errorText(f.fieldError("message"))}
        registration={f.form.register("message")}
        rows={3}
        required={false}
      />
      <button type="submit" className="btn" disabled={f.pending}>
        {t("resume")}
      </button>
    </form>
  );
}
