import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { RunReport } from "@/components/jobs/run-report";
import { RunScheduleButtons } from "@/components/jobs/run-schedule-buttons";
import { requireRole } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { listScheduleStatus, type Cadence } from "@/lib/jobs/schedule-status";

export const dynamic = "force-dynamic";

export default async function SchedulesPage() {
  await requireRole("admin");
  const now = new Date();
  const statuses = await listScheduleStatus(await getDb(), now);
  const t = await getTranslations("schedules");
  const format = await getFormatter();
  const when = (at: Date) => format.dateTime(at, "dateTime");
  const cadence = (c: Cadence) =>
    c.kind === "daily"
      ? t("cadenceDaily", { time: c.time })
      : c.kind === "hourly"
        ? t("cadenceHourly", { minute: c.minute })
        : c.kind === "everyMinutes"
          ? t("cadenceEveryMinutes", { step: c.step })
          : t("cadenceOther");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {statuses.map((s) => {
        const title = t(`jobs.${s.key}.title`);
        const run = s.lastRun;
        return (
          <section
            key={s.name}
            className="card"
            aria-labelledby={`schedule-${s.name}`}
            data-testid={`schedule-${s.name}`}
            style={{ marginBottom: 16 }}
          >
            <h2 id={`schedule-${s.name}`}>{title}</h2>
            <p>{t(`jobs.${s.key}.description`, { days: env().PROOF_RETENTION_DAYS })}</p>
            <dl style={{ display: "grid", gridTemplateColumns: "max-content auto", gap: "4px 16px" }}>
              <dt>{t("when")}</dt>
              <dd style={{ margin: 0 }}>{cadence(s.cadence)}</dd>
              <dt>{t("nextRun")}</dt>
              <dd style={{ margin: 0 }} data-testid="next-run">
                <time dateTime={s.nextRunAt.toISOString()}>{when(s.nextRunAt)}</time>
              </dd>
              <dt>{t("lastRun")}</dt>
              <dd style={{ margin: 0 }} data-testid="last-run">
                {run ? (
                  <>
                    <p style={{ margin: 0 }}>
                      <strong className={`outcome-${run.outcome}`}>{t(`outcome_${run.outcome}`)}</strong>
                      {run.dryRun && <> · {t("dryRunTag")}</>} ·{" "}
                      {run.trigger === "schedule"
                        ? t("triggerSchedule")
                        : run.actorName
                          ? t("triggerManual", { name: run.actorName })
                          : t("triggerManualUnknown")}{" "}
                      · <time dateTime={run.startedAt.toISOString()}>{t("startedAt", { at: when(run.startedAt) })}</time>
                    </p>
                    {run.error && (
                      <p className="alert error" style={{ margin: "4px 0" }}>
                        {t("error", { message: run.error })}
                      </p>
                    )}
                    {run.report && <RunReport report={run.report} />}
                  </>
                ) : (
                  t("never")
                )}
              </dd>
            </dl>
            <RunScheduleButtons schedule={s.name} title={title} />
          </section>
        );
      })}
    </>
  );
}
