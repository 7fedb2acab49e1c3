import { useTranslations } from "next-intl";
import type { PeriodProgress } from "@/lib/dashboard/period";
import type { MonthlyReport } from "@/lib/dashboard/queries";
import { ColumnHeads } from "./column-heads";
import { FiguresTable, type FigureRow } from "./figures-table";
import { useDashboardFormat } from "./format";
import { RefusalsTable } from "./refusals-table";
import { TypeTable } from "./type-table";

const TYPE_COLUMNS = ["received", "closed", "onTime", "onTimeRate", "median", "p90", "refused"] as const;

/**
 * The monthly compliance report (PIPL Art. 54 audits): the month's figures, per type, refusals by reason and every
 * refusal with its reason. Laid out for print (app/(manager)/dashboard/dashboard.css, @media print).
 */
export function ReportView({
  report,
  generatedAt,
  generatedBy,
  progress = "ended",
}: {
  report: MonthlyReport;
  generatedAt: Date;
  generatedBy: string;
  /** A month not yet ended shows partial figures, one not begun none: the report says so (in print too). */
  progress?: PeriodProgress;
}) {
  const t = useTranslations("dashboard.report");
  const tp = useTranslations("dashboard.period");
  const tt = useTranslations("types");
  const tr = useTranslations("refusalReasons");
  const f = useDashboardFormat();
  const p = report.totals;
  const figure = (key: string, label: string, value: string): FigureRow => ({ key, header: label, cells: [{ value, figure: `report.${key}` }] });
  const rows = [
    figure("received", tp("received"), f.count(p.received)),
    figure("repeats", tp("repeats"), f.count(p.repeats)),
    figure("closed", tp("closed"), f.count(p.closed)),
    figure("fulfilled", tp("fulfilled"), f.count(p.fulfilled)),
    figure("partiallyFulfilled", tp("partiallyFulfilled"), f.count(p.partiallyFulfilled)),
    figure("refused", tp("refused"), f.count(p.refused)),
    figure("withdrawn", tp("withdrawn"), f.count(p.withdrawn)),
    figure("onTime", tp("onTime"), f.count(p.onTime)),
    figure("onTimeRate", tp("onTimeRate"), f.rate(p.onTimeRate)),
    figure("median", tp("median"), f.days(p.medianWorkingDays)),
    figure("p90", tp("p90"), f.days(p.p90WorkingDays)),
    figure("paused", tp("pausedRequests"), f.count(p.paused)),
    figure("pausedWorkingDays", tp("paused"), f.count(p.pausedWorkingDays)),
  ];
  return (
    <article className="dash-report">
      <header>
        <h1>{t("title", { month: f.month(report.period.from) })}</h1>
        <p>{t("scope", { from: f.date(report.period.from), to: f.date(report.period.to), type: report.type ? tt(report.type) : t("allTypes") })}</p>
        <p className="muted">{t("generated", { time: f.instant(generatedAt), name: generatedBy })}</p>
        {progress !== "ended" && (
          <p className="alert warn" role="status" data-testid="report-progress" data-progress={progress}>
            {progress === "not_started" ? t("notStarted") : t("inProgress", { time: f.instant(generatedAt) })}
          </p>
        )}
      </header>

      <section aria-labelledby="report-figures">
        <h2 id="report-figures">{t("figures")}</h2>
        <FiguresTable className="data compact dash-numbers report-figures" rows={rows} />
      </section>

      <section aria-labelledby="report-types">
        <h2 id="report-types">{t("byType")}</h2>
        <TypeTable rows={report.byType} columns={TYPE_COLUMNS} f={f} />
      </section>

      <section aria-labelledby="report-reasons">
        <h2 id="report-reasons">{t("refusalsByReason")}</h2>
        {report.refusals.length === 0 ? (
          <p>{t("noRefusals")}</p>
        ) : (
          <RefusalsTable refusals={report.refusals} namespace="dashboard.report" figurePrefix="report.refusals" f={f} />
        )}
      </section>

      <section aria-labelledby="report-refusals">
        <h2 id="report-refusals">{t("refusalList", { count: report.refusalList.length })}</h2>
        {report.refusalList.length === 0 ? (
          <p>{t("noRefusals")}</p>
        ) : (
          <table className="data compact report-refusals" data-testid="report-refusals">
            <ColumnHeads labels={[t("ref"), t("type"), t("received"), t("closedOn"), t("onTime"), t("reason")]} />
            <tbody>
              {report.refusalList.map((r) => (
                <tr key={r.ref} data-ref={r.ref}>
                  <td className="mono">{r.ref}</td>
                  <td>{tt(r.type)}</td>
                  <td>{f.instant(r.receivedAt)}</td>
                  <td>{f.instant(r.closedAt)}</td>
                  <td>{r.onTime ? t("yes") : t("no")}</td>
                  <td>{r.reason ? tr(r.reason) : t("noReason")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p className="muted report-note">{t("note")}</p>
    </article>
  );
}
