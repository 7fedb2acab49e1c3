"use client";

import { useTranslations } from "next-intl";
import { pauseAction } from "@/app/(staff)/queue/[ref]/actions";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText } from "@/components/ui/use-error-text";
import { StaffFormSchemas } from "@/lib/requests/staff-action-schemas";
import { FormMessage } from "./form-message";
import { TemplateTextField, type OfferedTemplate } from "./template-text-field";

/** Ask the requester something: the clock pauses until they answer (or staff resume it). */
export function PauseForm({ requestRef, version, templates }: { requestRef: string; version: number; templates: OfferedTemplate[] }) {
  const t = useTranslations("staff.actions");
  const tp = useTranslations("pauseReasons");
  const errorText = useErrorText();
  const f = useActionForm({
    schema: StaffFormSchemas.pause,
    action: (input) => pauseAction({ ...input, ref: requestRef, version }),
    defaultValues: { reason: "" as never, message: "" },
  });
  return (
    <form onSubmit={f.onSubmit} noValidate data-testid="pause-form">
      <h3>{t("pauseTitle")}</h3>
      <p className="muted">{t("pauseIntro")}</p>
      <FormMessage success={f.success} failure={f.failure} />
      <Field id="pause-reason" label={t("pauseReason")} error={errorText(f.fieldError("reason"))}>
        {(describedBy, invalid) => (
          <select id="pause-reason" aria-describedby={describedBy} aria-invalid={invalid} required {...f.form.register("reason")}>
            <option value="">{t("choose")}</option>
            <option value="identity">{tp("identity")}</option>
            <option value="clarification">{tp("clarification")}</option>
          </select>
        )}
      </Field>
      <TemplateTextField
        id="pause-message"
        label={t("question")}
        hint={t("questionHint")}
        error={errorText(f.fieldError("message"))}
        registration={f.form.register("message")}
        onInsert={(text) => f.form.setValue("message", text, { shouldDirty: true })}
        templates={templates}
      />
      <button type="submit" className="btn" disabled={f.pending}>
        {t("pause")}
      </button>
    </form>
  );
}
