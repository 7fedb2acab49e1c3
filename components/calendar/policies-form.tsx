"use client";

import { useTranslations } from "next-intl";
import { savePoliciesAction } from "@/app/(admin)/admin/policies/actions";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText, useFailureText } from "@/components/ui/use-error-text";
import { PoliciesInput } from "@/lib/calendar/policy-schema";

type Row = { type: string; targetWorkingDays: number; dueWorkingDays: number };

export function PoliciesForm({ rows }: { rows: Row[] }) {
  const t = useTranslations();
  const errorText = useErrorText();
  const failureText = useFailureText();
  const f = useActionForm({
    schema: PoliciesInput,
    action: savePoliciesAction,
    defaultValues: {
      ...Object.fromEntries(rows.map((r) => [r.type, { target: r.targetWorkingDays, due: r.dueWorkingDays }])),
      override: false,
      overrideReason: "",
    } as never,
    resetOnSuccess: false,
  });
  const cell = (type: string, field: "target" | "due", label: string) => {
    const name = `${type}.${field}`;
    const error = errorText(f.fieldError(name));
    return (
      <td>
        <input
          id={name}
          type="number"
          min={1}
          max={60}
          aria-label={`${t(`types.${type}`)} · ${label}`}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${name}-error` : undefined}
          style={{ width: "6em" }}
          {...f.form.register(name as never)}
        />
        {error && (
          <p id={`${name}-error`} className="field-error">
            {error}
          </p>
        )}
      </td>
    );
  };
  const fieldFailure = f.failure && Object.keys(f.failure.fieldErrors).length > 0;
  return (
    <form onSubmit={f.onSubmit} noValidate>
      {f.success && (
        <p className="alert info" role="status">
          {t("admin.saved", { count: f.success.changed })}
        </p>
      )}
      {f.failure && !fieldFailure && (
        <p className="alert error" role="alert">
          {failureText(f.failure)}
        </p>
      )}
      <div className="table-wrap">
        <table className="data" data-testid="policies">
          <thead>
            <tr>
              <th scope="col">{t("admin.type")}</th>
              <th scope="col">{t("admin.target")}</th>
              <th scope="col">{t("admin.due")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.type}>
                <th scope="row">{t(`types.${r.type}`)}</th>
                {cell(r.type, "target", t("admin.target"))}
                {cell(r.type, "due", t("admin.due"))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("admin.promise")}</p>
      <p>
        <label>
          <input type="checkbox" id="policy-override" {...f.form.register("override" as never)} /> {t("admin.override")}
        </label>
      </p>
      <Field id="policy-override-reason" label={t("admin.overrideReason")} error={errorText(f.fieldError("overrideReason"))}>
        {(describedBy, invalid) => (
          <textarea
            id="policy-override-reason"
            rows={2}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            {...f.form.register("overrideReason" as never)}
          />
        )}
      </Field>
      <p>
        <button type="submit" className="btn" disabled={f.pending}>
          {f.pending ? t("admin.saving") : t("admin.save")}
        </button>
      </p>
    </form>
  );
}
