import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ImportCalendarForm } from "@/components/calendar/import-form";
import { YearGrid } from "@/components/calendar/year-grid";
import { requireRole } from "@/lib/auth/session";
import { listLoadedYears } from "@/lib/calendar/coverage";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { listCalendarYear } from "@/lib/calendar/year";
import { DEFAULT_INDEX_FROM_YEAR, DEFAULT_INDEX_TO_YEAR, shanghaiDateOf, weekdayOf } from "@/lib/sla";

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  await requireRole("admin");
  const now = new Date();
  const requested = Number((await searchParams).year);
  const year =
    Number.isInteger(requested) && requested >= DEFAULT_INDEX_FROM_YEAR && requested <= DEFAULT_INDEX_TO_YEAR
      ? requested
      : Number(shanghaiDateOf(now).slice(0, 4));
  const db = await getDb();
  const [view, loaded, index] = await Promise.all([listCalendarYear(db, year), listLoadedYears(db), loadWorkingDayIndex(db)]);
  const t = await getTranslations();
  const format = await getFormatter();
  const special = new Map(view.days.map((d) => [d.date, { kind: d.kind, name: d.name }]));
  const holidays = view.days.filter((d) => d.kind === "holiday" && weekdayOf(d.date) % 6 !== 0).length;
  const makeups = view.days.filter((d) => d.kind === "makeup_workday").length;
  const workingDays = index.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`);
  return (
    <>
      <h1>{t("admin.calendarTitle")}</h1>
      <p className="muted">{t("admin.calendarIntro")}</p>

      <h2>{t("admin.coverage")}</h2>
      <div className="table-wrap">
        <table className="data" data-testid="coverage">
          <thead>
            <tr>
              <th scope="col">{t("admin.year")}</th>
              <th scope="col">{t("admin.notice")}</th>
              <th scope="col">{t("admin.importedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.map((y) => (
              <tr key={y.year}>
                <td>
                  <a href={`/admin/calendar?year=${y.year}`}>{y.year}</a>
                </td>
                <td>{y.notice}</td>
                <td>{format.dateTime(y.importedAt, "dateTime")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <form method="get" className="row" style={{ marginTop: 16 }}>
        <div className="field">
          <label htmlFor="year">{t("admin.viewYear")}</label>
          <input id="year" name="year" type="number" min={DEFAULT_INDEX_FROM_YEAR} max={DEFAULT_INDEX_TO_YEAR} defaultValue={year} />
        </div>
        <div className="field">
          <button type="submit" className="btn secondary">
            {t("admin.show")}
          </button>
        </div>
      </form>

      <h2 data-testid="year-heading">
        {year} · {view.source === "notice" ? t("admin.sourceNotice") : t("admin.sourceFallback")}
      </h2>
      {view.notice && <p>{view.notice}</p>}
      <p data-testid="year-summary">{t("admin.yearSummary", { year, holidays, makeups, workingDays })}</p>
      <p className="muted">
        {t("admin.legendHoliday")} · {t("admin.legendMakeup")} · {t("admin.legendWeekend")}
      </p>
      <YearGrid year={year} special={special} index={index} />

      <h2>{t("admin.nonStandardDays")}</h2>
      <div className="table-wrap">
        <table className="data" data-testid="special-days">
          <thead>
            <tr>
              <th scope="col">{t("admin.date")}</th>
              <th scope="col">{t("admin.weekday")}</th>
              <th scope="col">{t("admin.kind")}</th>
              <th scope="col">{t("admin.name")}</th>
            </tr>
          </thead>
          <tbody>
            {view.days.map((d) => (
              <tr key={d.date}>
                <td className="mono">{d.date}</td>
                <td>{t(`weekdays.${weekdayOf(d.date)}`)}</td>
                <td>{t(`admin.kind_${d.kind}`)}</td>
                <td>{d.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="import">{t("admin.importTitle")}</h2>
      <ImportCalendarForm />
    </>
  );
}
