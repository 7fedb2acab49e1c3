"use client";

import { useTranslations } from "next-intl";
import { assignAction } from "@/app/(staff)/queue/[ref]/actions";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText } from "@/components/ui/use-error-text";
import { StaffFormSchemas } from "@/lib/requests/staff-action-schemas";
import { FormMessage } from "./form-message";

/** Managers assign or reassign the request to a staff member. */
export function AssignForm({
  requestRef,
  version,
  staff,
  current,
}: {
  requestRef: string;
  version: number;
  staff: { id: string; displayName: string }[];
  current: string | null;
}) {
  const t = useTranslations("staff.actions");
  const errorText = useErrorText();
  const f = useActionForm({
    schema: StaffFormSchemas.assign,
    action: (input) => assignAction({ ...input, ref: requestRef, version }),
    defaultValues: { assigneeId: "" },
  });
  return (
    <form onSubmit={f.onSubmit} noValidate data-testid="assign-form">
      <h3>{current ? t("reassignTitle") : t("assignTitle")}</h3>
      <FormMessage success={f.success} failure={f.failure} />
      <Field id="assigneeId" label={t("assignee")} error={errorText(f.fieldError("assigneeId"))}>
        {(describedBy, invalid) => (
          <select id="assigneeId" aria-describedby={describedBy} aria-invalid={invalid} required {...f.form.register("assigneeId")}>
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
