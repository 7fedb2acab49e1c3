import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Dashboard, PeriodFigures, RiskRow } from "@/lib/dashboard/queries";
import { dashboardQueryString, monthOf } from "@/lib/dashboard/period";
import { ColumnHeads } from "./column-heads";
import { FiguresTable } from "./figures-table";
import { useDashboardFormat, type DashboardFormat } from "./format";
import { RefusalsTable } from "./refusals-table";
import { TypeTable } from "./type-table";
import { OnTimeChart, ReceivedClosedChart, type ChartWeek } from "./weekly-charts";

const TYPE_COLUMNS = [
  "received",
  "repeats",
  "closed",
  "onTime",
  "onTimeRate",
  "median",
  "p90",
  "pausedWorkingDays",
  "open",
  "at_risk",
  "overdue",
] as const;

/**
 * The dashboard for a period: today's risk, the period's performance, weekly trends, per type, refusals, per
 * assignee, and the overdue and at-risk requests. Every number carries data-figure="<name>" (tests read them).
 */
export function DashboardView({ data }: { data: Dashboard }) {
  const t = useTranslations("dashboard");
  const f = useDashboardFormat();
  const qs = dashboardQueryString(data.query);
  return (
    <>
      <div className="row dash-actions">
        <a className="btn secondary" href={`/dashboard/export${qs}`} download data-testid="export-csv">
          {t("exportCsv")}
        </a>
        <Link
          className="btn secondary"
          href={`/dashboard/report?month=${monthOf(data.query.to)}${data.query.type ? `&type=${data.query.type}` : ""}`}
        >
          {t("monthlyReport")}
        </Link>
      </div>
      <OpenNow data={data} f={f} />
      <PeriodSection totals={data.totals} data={data} f={f} />
      <WeeklySection data={data} f={f} />
      <ByTypeSection data={data} f={f} />
      <RefusalsSection data={data} f={f} />
      <AgentsSection data={data} f={f} />
      <RiskSection rows={data.overdue} total={data.openNow.overdue} state="overdue" data={data} f={f} />
      <RiskSection rows={data.atRisk} total={data.openNow.at_risk} state="at_risk" data={data} f={f} />
      <Definitions />
    </>
  );
}

function queueLink(type: string | null, sla?: string) {
  const p = new URLSearchParams();
  if (type) p.set("type", type);
  if (sla) p.set("sla", sla);
  const s = p.toString();
  return `/queue${s ? `?${s}` : ""}`;
}

function Tile({
  label,
  value,
  figure,
  detail,
  href,
  tone,
}: {
  label: string;
  value: string;
  figure: string;
  detail?: string;
  href?: string;
  tone?: string;
}) {
  return (
    <div className={`dash-tile${tone ? ` sla-${tone}` : ""}`}>
      <dt>{label}</dt>
      <dd>
        <span className="dash-value" data-figure={figure}>
          {href ? <Link href={href}>{value}</Link> : value}
        </span>
        {detail && <span className="dash-detail">{detail}</span>}
      </dd>
    </div>
  );
}

function OpenNow({ data, f }: { data: Dashboard; f: DashboardFormat }) {
  const t = useTranslations("dashboard.openNow");
  const ts = useTranslations("sla");
  const o = data.openNow;
  const type = data.query.type;
  return (
    <section aria-labelledby="dash-open" className="dash-section">
      <h2 id="dash-open">{t("title")}</h2>
      <p className="muted">{t("intro", { time: f.instant(data.now) })}</p>
      <dl className="dash-tiles">
        <Tile label={t("open")} value={f.count(o.open)} figure="open.open" href={queueLink(type)} />
        <Tile label={ts("on_track")} value={f.count(o.on_track)} figure="open.on_track" href={queueLink(type, "on_track")} tone="on_track" />
        <Tile label={ts("at_risk")} value={f.count(o.at_risk)} figure="open.at_risk" href={queueLink(type, "at_risk")} tone="at_risk" />
        <Tile label={ts("overdue")} value={f.count(o.overdue)} figure="open.overdue" href={queueLink(type, "overdue")} tone="overdue" />
        <Tile label={t("paused")} value={f.count(o.pausedNow)} figure="open.pausedNow" />
      </dl>
    </section>
  );
}

function PeriodSection({ totals: p, data, f }: { totals: PeriodFigures; data: Dashboard; f: DashboardFormat }) {
  const t = useTranslations("dashboard.period");
  const details: [string, string, string][] = [
    ["fulfilled", t("fulfilled"), f.count(p.fulfilled)],
    ["partiallyFulfilled", t("partiallyFulfilled"), f.count(p.partiallyFulfilled)],
    ["refused", t("refused"), f.count(p.refused)],
    ["withdrawn", t("withdrawn"), f.count(p.withdrawn)],
    ["onTime", t("onTime"), f.count(p.onTime)],
    ["paused", t("pausedRequests"), f.count(p.paused)],
    ["pausedAverage", t("pausedAverage"), f.days(p.pausedAverage)],
  ];
  return (
    <section aria-labelledby="dash-period" className="dash-section">
      <h2 id="dash-period">{t("title")}</h2>
      <p className="muted">{t("intro", { from: f.date(data.query.from), to: f.date(data.query.to) })}</p>
      <dl className="dash-tiles">
        <Tile label={t("received")} value={f.count(p.received)} figure="period.received" detail={t("repeatsDetail", { count: f.count(p.repeats) })} />
        <Tile
          label={t("closed")}
          value={f.count(p.closed)}
          figure="period.closed"
          detail={t("closedDetail", {
            fulfilled: f.count(p.fulfilled),
            partial: f.count(p.partiallyFulfilled),
            refused: f.count(p.refused),
            withdrawn: f.count(p.withdrawn),
          })}
        />
        <Tile
          label={t("onTimeRate")}
          value={f.rate(p.onTimeRate)}
          figure="period.onTimeRate"
          detail={t("onTimeDetail", { onTime: f.count(p.onTime), closed: f.count(p.closed) })}
        />
        <Tile label={t("median")} value={f.days(p.medianWorkingDays)} figure="period.median" detail={t("workingDaysUnit")} />
        <Tile label={t("p90")} value={f.days(p.p90WorkingDays)} figure="period.p90" detail={t("workingDaysUnit")} />
        <Tile
          label={t("paused")}
          value={f.count(p.pausedWorkingDays)}
          figure="period.pausedWorkingDays"
          detail={t("pausedDetail", { requests: f.count(p.paused), average: f.days(p.pausedAverage) })}
        />
        <Tile label={t("repeats")} value={f.count(p.repeats)} figure="period.repeats" />
      </dl>
      {/* The same figures, one per line, for screen readers and for tests of the details. */}
      <ul className="visually-hidden">
        {details.map(([key, label, value]) => (
          <li key={key}>
            {label}: <span data-figure={`period.${key}`}>{value}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function WeeklySection({ data, f }: { data: Dashboard; f: DashboardFormat }) {
  const t = useTranslations("dashboard.weekly");
  const weeks: ChartWeek[] = data.weeks.map((w) => ({
    label: f.shortDate(w.weekStart),
    received: w.received,
    closed: w.closed,
    onTimePercent: w.onTimeRate === null ? null : Math.round(w.onTimeRate * 1000) / 10,
  }));
  const weekOf = (weekStart: string) => t("weekOf", { date: f.date(weekStart) });
  return (
    <section aria-labelledby="dash-weekly" className="dash-section">
      <h2 id="dash-weekly">{t("title")}</h2>
      <p className="muted">{t("intro")}</p>
      <div className="dash-charts">
        <figure className="card dash-figure">
          <figcaption>{t("receivedClosed")}</figcaption>
          <ReceivedClosedChart weeks={weeks} labels={{ received: t("received"), closed: t("closed") }} />
          <FiguresTable
            className="visually-hidden"
            testId="chart-table-volume"
            caption={t("receivedClosed")}
            columns={[t("week"), t("received"), t("closed")]}
            rows={data.weeks.map((w) => ({
              key: w.weekStart,
              header: weekOf(w.weekStart),
              cells: [
                { value: f.count(w.received), figure: `week.${w.weekStart}.received` },
                { value: f.count(w.closed), figure: `week.${w.weekStart}.closed` },
              ],
            }))}
          />
        </figure>
        <figure className="card dash-figure">
          <figcaption>{t("onTimeTitle")}</figcaption>
          <OnTimeChart weeks={weeks} labels={{ onTime: t("onTimeRate") }} />
          <FiguresTable
            className="visually-hidden"
            testId="chart-table-ontime"
            caption={t("onTimeTitle")}
            columns={[t("week"), t("onTimeRate"), t("onTimeOfClosed")]}
            rows={data.weeks.map((w) => ({
              key: w.weekStart,
              header: weekOf(w.weekStart),
              cells: [
                { value: f.rate(w.onTimeRate), figure: `week.${w.weekStart}.onTimeRate` },
                {
                  value: (
                    <>
                      <span data-figure={`week.${w.weekStart}.onTime`}>{f.count(w.onTime)}</span> / {f.count(w.closed)}
                    </>
                  ),
                },
              ],
            }))}
          />
        </figure>
      </div>
    </section>
  );
}

function ByTypeSection({ data, f }: { data: Dashboard; f: DashboardFormat }) {
  const t = useTranslations("dashboard.byType");
  return (
    <section aria-labelledby="dash-types" className="dash-section">
      <h2 id="dash-types">{t("title")}</h2>
      <div className="table-wrap">
        <TypeTable
          rows={data.byType}
          columns={TYPE_COLUMNS}
          total={data.query.type ? undefined : { label: t("total"), figures: { ...data.totals, ...data.openNow } }}
          caption={t("title")}
          figurePrefix="type"
          f={f}
        />
      </div>
    </section>
  );
}

function RefusalsSection({ data, f }: { data: Dashboard; f: DashboardFormat }) {
  const t = useTranslations("dashboard.refusals");
  return (
    <section aria-labelledby="dash-refusals" className="dash-section">
      <h2 id="dash-refusals">{t("title")}</h2>
      {data.refusals.length === 0 ? (
        <p data-testid="refusals-empty">{t("empty")}</p>
      ) : (
        <RefusalsTable refusals={data.refusals} namespace="dashboard.refusals" figurePrefix="refusals" caption={t("title")} f={f} />
      )}
    </section>
  );
}

function AgentsSection({ data, f }: { data: Dashboard; f: DashboardFormat }) {
  const t = useTranslations("dashboard.agents");
  const ts = useTranslations("sla");
  return (
    <section aria-labelledby="dash-agents" className="dash-section">
      <h2 id="dash-agents">{t("title")}</h2>
      <p className="muted">{t("intro")}</p>
      <div className="table-wrap">
        <FiguresTable
          caption={t("title")}
          captionHidden
          columns={[t("agent"), t("open"), ts("at_risk"), ts("overdue"), t("closed"), t("onTimeRate")]}
          rows={data.agents.map((a) => {
            const key = a.id ?? "unassigned";
            return {
              key,
              header: a.id ? a.name || t("unnamed") : t("unassigned"),
              cells: [
                { value: f.count(a.open), figure: `agent.${key}.open` },
                { value: f.count(a.at_risk), figure: `agent.${key}.at_risk` },
                { value: f.count(a.overdue), figure: `agent.${key}.overdue` },
                { value: f.count(a.closed), figure: `agent.${key}.closed` },
                { value: f.rate(a.onTimeRate), figure: `agent.${key}.onTimeRate` },
              ],
            };
          })}
        />
      </div>
    </section>
  );
}

function RiskSection({
  rows,
  total,
  state,
  data,
  f,
}: {
  rows: RiskRow[];
  total: number;
  state: "overdue" | "at_risk";
  data: Dashboard;
  f: DashboardFormat;
}) {
  const t = useTranslations("dashboard.risk");
  const tt = useTranslations("types");
  const tst = useTranslations("staff.status");
  const id = `dash-${state}`;
  return (
    <section aria-labelledby={id} className="dash-section" data-testid={`risk-${state}`}>
      <h2 id={id}>{t(`${state}Title`, { count: total })}</h2>
      {rows.length === 0 ? (
        <p>{t(`${state}Empty`)}</p>
      ) : (
        <>
          {total > rows.length && (
            <p className="muted">
              {t("showing", { shown: f.count(rows.length), total: f.count(total) })}{" "}
              <Link href={queueLink(data.query.type, state)}>{t("allInQueue")}</Link>
            </p>
          )}
          <div className="table-wrap">
            <table className="data compact">
              <caption className="visually-hidden">{t(`${state}Title`, { count: total })}</caption>
              <ColumnHeads labels={[t("ref"), t("type"), t("status"), t("due"), t("left"), t("assignee")]} />
              <tbody>
                {rows.map((r) => (
                  <tr key={r.ref} data-ref={r.ref}>
                    <td>
                      <Link href={`/queue/${encodeURIComponent(r.ref)}`} className="mono">
                        {r.ref}
                      </Link>
                    </td>
                    <td>{tt(r.type)}</td>
                    <td>{tst(r.status)}</td>
                    <td>
                      {f.date(r.dueDate)}
                      {r.provisional && <span className="muted"> {t("provisional")}</span>}
                    </td>
                    <td data-figure={`risk.${r.ref}.left`}>
                      {state === "overdue"
                        ? t("overdueBy", { days: Math.max(1, -r.workingDaysLeft) })
                        : r.pausedAt
                          ? t("pausedLeft", { days: Math.max(0, r.workingDaysLeft) })
                          : r.workingDaysLeft <= 0
                            ? t("dueToday")
                            : t("daysLeft", { days: r.workingDaysLeft })}
                    </td>
                    <td>{r.assigneeName ?? t("unassigned")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Definitions() {
  const t = useTranslations("dashboard.definitions");
  return (
    <details className="dash-definitions">
      <summary>{t("title")}</summary>
      <ul>
        <li>{t("received")}</li>
        <li>{t("closed")}</li>
        <li>{t("onTime")}</li>
        <li>{t("workingDays")}</li>
        <li>{t("paused")}</li>
        <li>{t("openNow")}</li>
      </ul>
    </details>
  );
}
