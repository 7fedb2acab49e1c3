"use client";

import { useTranslations } from "next-intl";
import { refuseAction } from "@/app/(staff)/queue/[ref]/actions";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText } from "@/components/ui/use-error-text";
import { StaffFormSchemas } from "@/lib/requests/staff-action-schemas";
import { FormMessage } from "./form-message";
import { TemplateTextField, type OfferedTemplate } from "./template-text-field";

const GROUPS = [
  ["discretionary", ["unreasonably_repeated", "excessive_technical_means", "risks_others_rights", "impractical"]],
  ["statutory", ["national_security", "public_safety_health", "criminal_investigation", "malice_or_abuse", "serious_harm", "trade_secret"]],
  ["other", ["identity_not_verified", "legal_retention"]],
] as const;

/**
 * Refuse: a coded reason (§8.7) and a written explanation (PIPL Art. 50) are both required; the reply always
 * ends with how to complain, added by the server (shown here so the agent knows).
 */
export function RefuseForm({
  requestRef,
  version,
  templates,
  complaintText,
}: {
  requestRef: string;
  version: number;
  templates: OfferedTemplate[];
  complaintText: string;
}) {
  const t = useTranslations("staff.actions");
  const tr = useTranslations("refusalReasons");
  const errorText = useErrorText();
  const f = useActionForm({
    schema: StaffFormSchemas.refuse,
    action: (input) => refuseAction({ ...input, ref: requestRef, version }),
    defaultValues: { reason: "" as never, explanation: "" },
  });
  return (
    <form onSubmit={f.onSubmit} noValidate data-testid="refuse-form">
      <h3>{t("refuseTitle")}</h3>
      <FormMessage success={f.success} failure={f.failure} />
      <Field id="refuse-reason" label={t("refusalReason")} error={errorText(f.fieldError("reason"))}>
        {(describedBy, invalid) => (
          <select id="refuse-reason" aria-describedby={describedBy} aria-invalid={invalid} required {...f.form.register("reason")}>
            <option value="">{t("choose")}</option>
            {GROUPS.map(([group, reasons]) => (
              <optgroup key={group} label={t(`refusalGroup_${group}`)}>
                {reasons.map((r) => (
                  <option key={r} value={r}>
                    {tr(r)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <TemplateTextField
        id="refuse-explanation"
        label={t("explanation")}
        hint={t("explanationHint")}
        error={errorText(f.fieldError("explanation"))}
        registration={f.form.register("explanation")}
        onInsert={(text) => f.form.setValue("explanation", text, { shouldDirty: true })}
        templates={templates}
      />
      <p className="staff-complaint">
        {t("complaintAppended")}
        <br />
        {complaintText}
      </p>
      <button type="submit" className="btn danger" disabled={f.pending}>
        {t("refuse")}
      </button>
    </form>
  );
}
