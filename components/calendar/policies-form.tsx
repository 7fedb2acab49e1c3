"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { savePoliciesAction, type PoliciesState } from "@/app/(admin)/admin/policies/actions";
import { useErrorText } from "@/components/ui/use-error-text";

type Row = { type: string; targetWorkingDays: number; dueWorkingDays: number };

export function PoliciesForm({ rows }: { rows: Row[] }) {
  const t = useTranslations();
  const errorText = useErrorText();
  const [state, action, pending] = useActionState<PoliciesState, FormData>(savePoliciesAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const cell = (type: string, field: "target" | "due", value: number, label: string) => {
    const name = `${type}.${field}`;
    const error = errors[name];
    return (
      <td>
        <input
          id={name}
          name={name}
          type="number"
          min={1}
          max={60}
          defaultValue={value}
          aria-label={`${t(`types.${type}`)} · ${label}`}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${name}-error` : undefined}
          style={{ width: "6em" }}
        />
        {error && (
          <p id={`${name}-error`} className="field-error">
            {t(`admin.${error}`)}
          </p>
        )}
      </td>
    );
  };
  return (
    <form action={action}>
      {state?.ok === true && (
        <p className="alert info" role="status">
          {t("admin.saved", { count: state.changed })}
        </p>
      )}
      {state?.ok === false && state.ref && (
        <p className="alert error" role="alert">
          {errorText(`unexpected:${state.ref}`)}
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
                {cell(r.type, "target", r.targetWorkingDays, t("admin.target"))}
                {cell(r.type, "due", r.dueWorkingDays, t("admin.due"))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <button type="submit" className="btn" disabled={pending}>
          {pending ? t("admin.saving") : t("admin.save")}
        </button>
      </p>
    </form>
  );
}
