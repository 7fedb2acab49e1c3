import Link from "next/link";
import { useTranslations } from "next-intl";
import { REQUEST_TYPES } from "@/db/schema/enums";
import { addCalendarDays } from "@/lib/sla";
import { dashboardQueryString, DEFAULT_PERIOD_DAYS, FIRST_DATE, LAST_DATE, type PeriodError } from "@/lib/dashboard/period";

type Values = { from: string; to: string; type: string };

const FIELD_OF: Record<PeriodError, "from" | "to" | "type" | null> = {
  from_invalid: "from",
  to_invalid: "to",
  ends_before_start: "to",
  too_long: "from",
  out_of_range: "from",
  type_invalid: "type",
  month_invalid: null,
};

/** Quick periods ending today (Shanghai): the last 30 days, this month, last month, the last 12 months. */
function presets(today: string) {
  const monthStart = `${today.slice(0, 7)}-01`;
  const lastMonthEnd = addCalendarDays(monthStart, -1);
  return [
    { key: "last30", from: addCalendarDays(today, -(DEFAULT_PERIOD_DAYS - 1)), to: today },
    { key: "thisMonth", from: monthStart, to: today },
    { key: "lastMonth", from: `${lastMonthEnd.slice(0, 7)}-01`, to: lastMonthEnd },
    { key: "last12Months", from: addCalendarDays(addCalendarDays(today, 1), -365), to: today },
  ] as const;
}

/**
 * The period and type as a GET form (the view lives in the URL and can be shared). Errors are tied to their field
 * with aria-describedby and summarised at the top in a live region.
 */
export function PeriodForm({ values, errors, today }: { values: Values; errors: PeriodError[]; today: string }) {
  const t = useTranslations("dashboard.form");
  const te = useTranslations("dashboard.errors");
  const tt = useTranslations("types");
  const errorOf = (field: "from" | "to" | "type") => errors.filter((e) => FIELD_OF[e] === field).map((e) => te(e));
  const field = (name: "from" | "to" | "type") => {
    const errs = errorOf(name);
    return { invalid: errs.length > 0, describedBy: errs.length > 0 ? `${name}-error` : undefined, text: errs.join(" ") };
  };
  const from = field("from");
  const to = field("to");
  const type = field("type");
  const typeKnown = values.type === "" || (REQUEST_TYPES as readonly string[]).includes(values.type);
  return (
    <form method="get" action="/dashboard" className="card dash-form" role="search" aria-label={t("label")} noValidate>
      {errors.length > 0 && (
        <div className="alert error" role="alert" data-testid="period-errors">
          {errors.map((e) => (
            <p key={e}>{te(e)}</p>
          ))}
        </div>
      )}
      <div className="dash-form-grid">
        <div className="field">
          <label htmlFor="from">{t("from")}</label>
          <input
            id="from"
            name="from"
            type="date"
            min={FIRST_DATE}
            max={LAST_DATE}
            defaultValue={values.from}
            aria-invalid={from.invalid || undefined}
            aria-describedby={from.describedBy}
          />
          {from.invalid && (
            <p id="from-error" className="field-error">
              {from.text}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="to">{t("to")}</label>
          <input
            id="to"
            name="to"
            type="date"
            min={FIRST_DATE}
            max={LAST_DATE}
            defaultValue={values.to}
            aria-invalid={to.invalid || undefined}
            aria-describedby={to.describedBy}
          />
          {to.invalid && (
            <p id="to-error" className="field-error">
              {to.text}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="type">{t("type")}</label>
          <select
            id="type"
            name="type"
            defaultValue={typeKnown ? values.type : ""}
            aria-invalid={type.invalid || undefined}
            aria-describedby={type.describedBy}
          >
            <option value="">{t("allTypes")}</option>
            {REQUEST_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {tt(ty)}
              </option>
            ))}
          </select>
          {type.invalid && (
            <p id="type-error" className="field-error">
              {type.text}
            </p>
          )}
        </div>
        <div className="field dash-form-submit">
          <button type="submit" className="btn">
            {t("submit")}
          </button>
        </div>
      </div>
      <nav aria-label={t("presets")} className="dash-presets">
        <span className="muted">{t("presets")}:</span>
        {presets(today).map((p) => (
          <Link
            key={p.key}
            href={`/dashboard${dashboardQueryString({ from: p.from, to: p.to, type: typeKnown && values.type ? (values.type as never) : null })}`}
          >
            {t(p.key)}
          </Link>
        ))}
      </nav>
    </form>
  );
}
