"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { importCalendarAction, type ImportState } from "@/app/(admin)/admin/calendar/actions";
import { useErrorText } from "@/components/ui/use-error-text";

const EXAMPLE = '{"year": 2027, "notice": "…", "days": [{"date": "2027-01-01", "kind": "holiday", "name": "元旦"}]}';

export function ImportCalendarForm() {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const [state, action, pending] = useActionState<ImportState, FormData>(importCalendarAction, null);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state) resultRef.current?.focus();
  }, [state]);

  function describe(e: { code: string; date?: string; index?: number }) {
    if (e.code === "unexpected") return errorText(`unexpected:${state && !state.ok ? state.ref : ""}`);
    const where = e.index !== undefined || e.date ? t("errWhere", { index: (e.index ?? 0) + 1, date: e.date ?? "" }) : "";
    return t.has(`err_${e.code}`) ? t(`err_${e.code}`, { where }) : t("err_malformed", { where });
  }

  return (
    <form action={action} className="card" aria-describedby="import-result">
      <p className="muted">{t("importIntro", { example: EXAMPLE })}</p>
      <div id="import-result" ref={resultRef} tabIndex={-1}>
        {state?.ok === true && (
          <p className="alert info" role="status">
            {t(state.replaced ? "corrected" : "imported", { year: state.year, days: state.days, recomputed: state.recomputed })}
          </p>
        )}
        {state?.ok === false && (
          <div className="alert error" role="alert">
            <p style={{ margin: 0 }}>{t("importErrors")}</p>
            <ul>
              {state.errors.slice(0, 20).map((e, i) => (
                <li key={i}>{describe(e)}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <div className="field">
        <label htmlFor="calendar-file">{t("file")}</label>
        <input id="calendar-file" name="file" type="file" accept="application/json,.json" required />
      </div>
      <div className="field" style={{ flexDirection: "row", alignItems: "center", gap: 8 }}>
        <input id="calendar-replace" name="replace" type="checkbox" />
        <label htmlFor="calendar-replace" style={{ fontWeight: 400 }}>
          {t("replace")}
        </label>
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {pending ? t("importing") : t("importSubmit")}
      </button>
    </form>
  );
}
