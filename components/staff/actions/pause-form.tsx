"use client";

import { useTranslations } from "next-intl";
import { pauseAction } from "@/app/(staff)/queue/[ref]/actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "./form-message";
import { HiddenFields } from "./hidden-fields";
import { TemplateTextField, type OfferedTemplate } from "./template-text-field";
import { useStaffAction } from "./use-staff-action";

/** Ask the requester something: the clock pauses until they answer (or staff resume it). */
export function PauseForm({ requestRef, version, templates }: { requestRef: string; version: number; templates: OfferedTemplate[] }) {
  const t = useTranslations("staff.actions");
  const tp = useTranslations("pauseReasons");
  const f = useStaffAction(pauseAction);
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate data-testid="pause-form">
      <h3>{t("pauseTitle")}</h3>
      <p className="muted">{t("pauseIntro")}</p>
      <HiddenFields requestRef={requestRef} version={version} />
      <FormMessage ok={f.state.ok} text={f.message} />
      <Field id="pause-reason" label={t("pauseReason")} error={f.fieldError("reason")}>
        {(describedBy, invalid) => (
          <select id="pause-reason" name="reason" defaultValue="" aria-describedby={describedBy} aria-invalid={invalid} required>
            <option value="">{t("choose")}</option>
            <option value="identity">{tp("identity")}</option>
            <option value="clarification">{tp("clarification")}</option>
          </select>
        )}
      </Field>
      <TemplateTextField id="pause-message" name="message" label={t("question")} hint={t("questionHint")} error={f.fieldError("message")} templates={templates} />
      <button type="submit" className="btn" disabled={f.pending}>
        {t("pause")}
      </button>
    </form>
  );
}
