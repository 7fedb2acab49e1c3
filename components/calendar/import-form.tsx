"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { importCalendarAction } from "@/app/(admin)/admin/calendar/actions";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { useErrorText } from "@/components/ui/use-error-text";
import type { ActionFailure } from "@/lib/actions/result";
import { CalendarUpload } from "@/lib/calendar/import-schema";

const EXAMPLE = '{"year": 2027, "notice": "…", "days": [{"date": "2027-01-01", "kind": "holiday", "name": "元旦"}]}';

export function ImportCalendarForm() {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const f = useActionForm({
    schema: CalendarUpload,
    // The file goes to the server action as FormData, the one way a File travels there.
    action: (input) => {
      const data = new FormData();
      const file = (input.file as FileList | File | undefined) instanceof File ? (input.file as File) : (input.file as FileList | undefined)?.[0];
      if (file) data.set("file", file);
      if (input.replace) data.set("replace", "on");
      return importCalendarAction(data);
    },
    defaultValues: { replace: false },
  });
  const resultRef = useRef<HTMLDivElement>(null);
  const refused = f.failure && Object.keys(f.failure.fieldErrors).length === 0 ? f.failure : null;
  useEffect(() => {
    if (f.success || refused) resultRef.current?.focus();
  }, [f.success, refused]);

  /** Each problem with the file, with where it is (item and date) when the code says so. */
  function problems(failure: ActionFailure) {
    return (failure.issues ?? [{ code: failure.error, params: failure.params }]).slice(0, 20).map(({ code, params = {} }) => {
      const where = params.index !== undefined || params.date ? t("errWhere", { index: params.index ?? 1, date: params.date ?? "" }) : "";
      return errorText(code, { ...params, where, ref: failure.ref ?? "" });
    });
  }

  return (
    <form onSubmit={f.onSubmit} noValidate className="card" aria-describedby="import-result">
      <p className="muted">{t("importIntro", { example: EXAMPLE })}</p>
      <div id="import-result" ref={resultRef} tabIndex={-1}>
        {f.success && (
          <p className="alert info" role="status">
            {t(f.success.replaced ? "corrected" : "imported", { year: f.success.year, days: f.success.days, recomputed: f.success.recomputed })}
          </p>
        )}
        {refused && (
          <div className="alert error" role="alert">
            <p style={{ margin: 0 }}>{t("importErrors")}</p>
            <ul>
              {problems(refused).map((text, i) => (
                <li key={i}>{text}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <Field id="calendar-file" label={t("file")} error={errorText(f.fieldError("file"))}>
        {(describedBy, invalid) => (
          <input
            id="calendar-file"
            type="file"
            accept="application/json,.json"
            required
            aria-describedby={describedBy}
            aria-invalid={invalid}
            {...f.form.register("file")}
          />
        )}
      </Field>
      <div className="field" style={{ flexDirection: "row", alignItems: "center", gap: 8 }}>
        <input id="calendar-replace" type="checkbox" {...f.form.register("replace")} />
        <label htmlFor="calendar-replace" style={{ fontWeight: 400 }}>
          {t("replace")}
        </label>
      </div>
      <button type="submit" className="btn" disabled={f.pending}>
        {f.pending ? t("importing") : t("importSubmit")}
      </button>
    </form>
  );
}
