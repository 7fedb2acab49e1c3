import { useTranslations } from "next-intl";
import type { MonthlyReport, PeriodFigures } from "@/lib/dashboard/queries";
import { useDashboardFormat, type DashboardFormat } from "./format";

/**
 * The monthly compliance report (PIPL Art. 54 audits): the month's figures, per type, refusals by reason and every
 * refusal with its reason. Laid out for print (app/(manager)/dashboard/dashboard.css, @media print).
 */
export function ReportView({ report, generatedAt, generatedBy }: { report: MonthlyReport; generatedAt: Date; generatedBy: string }) {
  const t = useTranslations("dashboard.report");
  const tp = useTranslations("dashboard.period");
  const tt = useTranslations("types");
  const tr = useTranslations("refusalReasons");
  const f = useDashboardFormat();
  const p = report.totals;
  const rows: [string, string, string][] = [
    ["received", tp("received"), f.count(p.received)],
    ["repeats", tp("repeats"), f.count(p.repeats)],
    ["closed", tp("closed"), f.count(p.closed)],
    ["fulfilled", tp("fulfilled"), f.count(p.fulfilled)],
    ["partiallyFulfilled", tp("partiallyFulfilled"), f.count(p.partiallyFulfilled)],
    ["refused", tp("refused"), f.count(p.refused)],
    ["withdrawn", tp("withdrawn"), f.count(p.withdrawn)],
    ["onTime", tp("onTime"), f.count(p.onTime)],
    ["onTimeRate", tp("onTimeRate"), f.rate(p.onTimeRate)],
    ["median", tp("median"), f.days(p.medianWorkingDays)],
    ["p90", tp("p90"), f.days(p.p90WorkingDays)],
    ["paused", tp("pausedRequests"), f.count(p.paused)],
    ["pausedWorkingDays", tp("paused"), f.count(p.pausedWorkingDays)],
  ];
  return (
    <article className="dash-report">
      <header>
        <h1>{t("title", { month: f.month(report.period.from) })}</h1>
        <p>
          {t("scope", { from: f.date(report.period.from), to: f.date(report.period.to), type: report.type ? tt(report.type) : t("allTypes") })}
        </p>
        <p className="muted">{t("generated", { time: f.instant(generatedAt), name: generatedBy })}</p>
      </header>

      <section aria-labelledby="report-figures">
        <h2 id="report-figures">{t("figures")}</h2>
        <table className="data compact dash-numbers report-figures">
          <tbody>
            {rows.map(([key, label, value]) => (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td data-figure={`report.${key}`}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="report-types">
        <h2 id="report-types">{t("byType")}</h2>
        <TypeTable report={report} f={f} />
      </section>

      <section aria-labelledby="report-reasons">
        <h2 id="report-reasons">{t("refusalsByReason")}</h2>
        {report.refusals.length === 0 ? (
          <p>{t("noRefusals")}</p>
        ) : (
          <table className="data compact dash-numbers">
            <thead>
              <tr>
                <th scope="col">{t("reason")}</th>
                <th scope="col">{t("count")}</th>
              </tr>
            </thead>
            <tbody>
              {report.refusals.map((r) => (
                <tr key={r.reason}>
                  <th scope="row">{r.reason ? tr(r.reason) : t("noReason")}</th>
                  <td data-figure={`report.refusals.${r.reason || "none"}`}>{f.count(r.refused)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="report-refusals">
        <h2 id="report-refusals">{t("refusalList", { count: report.refusalList.length })}</h2>
        {report.refusalList.length === 0 ? (
          <p>{t("noRefusals")}</p>
        ) : (
          <table className="data compact report-refusals" data-testid="report-refusals">
            <thead>
              <tr>
                <th scope="col">{t("ref")}</th>
                <th scope="col">{t("type")}</th>
                <th scope="col">{t("received")}</th>
                <th scope="col">{t("closedOn")}</th>
                <th scope="col">{t("onTime")}</th>
                <th scope="col">{t("reason")}</th>
              </tr>
            </thead>
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

function TypeTable({ report, f }: { report: MonthlyReport; f: DashboardFormat }) {
  const t = useTranslations("dashboard.byType");
  const tt = useTranslations("types");
  const row = (r: PeriodFigures) => [
    f.count(r.received),
    f.count(r.closed),
    f.count(r.onTime),
    f.rate(r.onTimeRate),
    f.days(r.medianWorkingDays),
    f.days(r.p90WorkingDays),
    f.count(r.refused),
  ];
  return (
    <table className="data compact dash-numbers">
      <thead>
        <tr>
          <th scope="col">{t("type")}</th>
          <th scope="col">{t("received")}</th>
          <th scope="col">{t("closed")}</th>
          <th scope="col">{t("onTime")}</th>
          <th scope="col">{t("onTimeRate")}</th>
          <th scope="col">{t("median")}</th>
          <th scope="col">{t("p90")}</th>
          <th scope="col">{t("refused")}</th>
        </tr>
      </thead>
      <tbody>
        {report.byType.map((r) => (
          <tr key={r.type}>
            <th scope="row">{tt(r.type)}</th>
            {row(r).map((v, i) => (
              <td key={i}>{v}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
