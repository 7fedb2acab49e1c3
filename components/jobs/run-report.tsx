import { useTranslations } from "next-intl";

const LABELLED = [
  "today",
  "purgeDay",
  "sessions",
  "attachments",
  "requests",
  "transcripts",
  "atRisk",
  "overdue",
  "waitingOnPatient",
  "sent",
  "headId",
  "count",
] as const;
type Labelled = (typeof LABELLED)[number];

/**
 * A run's report as labelled counts: whether it deleted anything, its dates, then each count under its label (a data
 * category's own name for the retention purge's counts). Shared by the schedules page and its run buttons.
 */
export function RunReport({ report, testId }: { report: Record<string, unknown>; testId?: string }) {
  const t = useTranslations();
  const label = (key: string) => {
    if ((LABELLED as readonly string[]).includes(key)) return t(`schedules.report.${key as Labelled}`);
    const category = `categories.${key}`;
    return t.has(category as never) ? t(category as never) : t("schedules.report.other");
  };
  const entries = Object.entries(report).filter(([key, value]) => key !== "applied" && (typeof value === "number" || typeof value === "string"));
  return (
    <div data-testid={testId}>
      {typeof report.applied === "boolean" && (
        <p style={{ margin: "4px 0" }}>{t(report.applied ? "schedules.report.appliedYes" : "schedules.report.appliedNo")}</p>
      )}
      {entries.length > 0 && (
        <dl className="report-counts" style={{ display: "grid", gridTemplateColumns: "max-content auto", gap: "2px 12px", margin: 0 }}>
          {entries.map(([key, value]) => (
            <div key={key} style={{ display: "contents" }}>
              <dt>{label(key)}</dt>
              <dd style={{ margin: 0 }} className={typeof value === "number" ? "mono" : undefined}>
                {String(value)}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
