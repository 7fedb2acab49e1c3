"use client";

import { useTranslations } from "next-intl";
import { refuseAction } from "@/app/(staff)/queue/[ref]/actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "./form-message";
import { HiddenFields } from "./hidden-fields";
import { TemplateTextField, type OfferedTemplate } from "./template-text-field";
import { useStaffAction } from "./use-staff-action";

const GROUPS = [
  ["discretionary", ["unreasonably_repeated", "excessive_technical_means", "risks_others_rights", "impractical"]],
  ["statutory", ["national_security", "public_safety_health", "criminal_investigation", "malice_or_abuse", "serious_harm", "trade_secret"]],
  ["other", ["identity_not_verified", "legal_retention"]],
] as const;

/**
 * Refuse: a coded reason (§8.7) and a written explanation (PIPL Art. 50) are both required; the reply always
 * ends with how to complain, added by the server (shown here so the agent knows).
 */
export function RefuseForm({ requestRef, version, templates, complaintText }: { requestRef: string; version: number; templates: OfferedTemplate[]; complaintText: string }) {
  const t = useTranslations("staff.actions");
  const tr = useTranslations("refusalReasons");
  const f = useStaffAction(refuseAction);
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate data-testid="refuse-form">
      <h3>{t("refuseTitle")}</h3>
      <HiddenFields requestRef={requestRef} version={version} />
      <FormMessage ok={f.state.ok} text={f.message} />
      <Field id="refuse-reason" label={t("refusalReason")} error={f.fieldError("reason")}>
        {(describedBy, invalid) => (
          <select id="refuse-reason" name="reason" defaultValue="" aria-describedby={describedBy} aria-invalid={invalid} required>
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
      <TemplateTextField id="refuse-explanation" name="explanation" label={t("explanation")} hint={t("explanationHint")} error={f.fieldError("explanation")} templates={templates} />
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
