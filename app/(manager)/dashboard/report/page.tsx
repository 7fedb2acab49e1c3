import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { PrintButton } from "@/components/dashboard/print-button";
import { ReportView } from "@/components/dashboard/report-view";
import { requireRole } from "@/lib/auth/session";
import { MANAGER_ROLES } from "@/lib/policy";
import { loadMonthlyReport } from "@/lib/dashboard/queries";
import { parseReportQuery, periodProgress } from "@/lib/dashboard/period";
import { REQUEST_TYPES } from "@/lib/domain";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.report");
  return { title: t("pageTitle") };
}

/** The monthly compliance report (?month=YYYY-MM&type=), made to be printed or saved as PDF. Managers and admins. */
export default async function ReportPage({ searchParams }: Props) {
  const actor = await requireRole(...MANAGER_ROLES);
  const now = new Date();
  const parsed = parseReportQuery(await searchParams, now);
  const t = await getTranslations("dashboard");
  const tt = await getTranslations("types");
  const month = parsed.ok ? parsed.month : parsed.raw.month;
  const type = parsed.ok ? (parsed.type ?? "") : (REQUEST_TYPES as readonly string[]).includes(parsed.raw.type) ? parsed.raw.type : "";
  const form = (
    <form method="get" action="/dashboard/report" className="card dash-form no-print" aria-label={t("report.choose")}>
      {!parsed.ok && (
        <div className="alert error" role="alert" data-testid="period-errors">
          {parsed.errors.map((e) => (
            <p key={e}>{t(`errors.${e}`)}</p>
          ))}
        </div>
      )}
      <div className="dash-form-grid">
        <div className="field">
          <label htmlFor="month">{t("report.month")}</label>
          <input id="month" name="month" type="month" min="2000-01" max="2060-12" defaultValue={month} />
        </div>
        <div className="field">
          <label htmlFor="type">{t("form.type")}</label>
          <select id="type" name="type" defaultValue={type}>
            <option value="">{t("form.allTypes")}</option>
            {REQUEST_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {tt(ty)}
              </option>
            ))}
          </select>
        </div>
        <div className="field dash-form-submit">
          <button type="submit" className="btn secondary">
            {t("form.submit")}
          </button>
        </div>
      </div>
    </form>
  );
  const actions = (
    <div className="row dash-actions no-print">
      <Link href="/dashboard">{t("report.back")}</Link>
      {parsed.ok && <PrintButton label={t("report.print")} />}
    </div>
  );
  if (!parsed.ok) {
    return (
      <>
        <h1>{t("report.pageTitle")}</h1>
        {actions}
        {form}
      </>
    );
  }
  const report = await loadMonthlyReport(await getDb(), actor, parsed.period, parsed.type);
  return (
    <>
      {actions}
      {form}
      <ReportView
        report={report}
        generatedAt={now}
        generatedBy={actor.displayName || actor.email || ""}
        progress={periodProgress(parsed.period, now)}
      />
    </>
  );
}
