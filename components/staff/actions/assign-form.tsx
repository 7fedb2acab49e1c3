"use client";

import { useTranslations } from "next-intl";
import { assignAction } from "@/app/(staff)/queue/[ref]/actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "./form-message";
import { HiddenFields } from "./hidden-fields";
import { useStaffAction } from "./use-staff-action";

/** Managers assign or reassign the request to a staff member. */
export function AssignForm({ requestRef, version, staff, current }: { requestRef: string; version: number; staff: { id: string; displayName: string }[]; current: string | null }) {
  const t = useTranslations("staff.actions");
  const f = useStaffAction(assignAction);
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate data-testid="assign-form">
      <h3>{current ? t("reassignTitle") : t("assignTitle")}</h3>
      <HiddenFields requestRef={requestRef} version={version} />
      <FormMessage ok={f.state.ok} text={f.message} />
      <Field id="assigneeId" label={t("assignee")} error={f.fieldError("assigneeId")}>
        {(describedBy, invalid) => (
          <select id="assigneeId" name="assigneeId" defaultValue="" aria-describedby={describedBy} aria-invalid={invalid} required>
            <option value="">{t("choose")}</option>
            {staff
              .filter((s) => s.id !== current)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.displayName}
                </option>
              ))}
          </select>
        )}
      </Field>
      <button type="submit" className="btn" disabled={f.pending}>
        {t("assign")}
      </button>
    </form>
  );
}
