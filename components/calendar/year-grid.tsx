import { getTranslations } from "next-intl/server";
import { addCalendarDays, weekdayOf, type WorkingDayIndex } from "@/lib/sla";

type Special = Map<string, { kind: "holiday" | "makeup_workday"; name: string }>;

/** Twelve month grids; days off and make-up days carry a mark (休/班), not only a colour. */
export async function YearGrid({ year, special, index }: { year: number; special: Special; index: WorkingDayIndex }) {
  const t = await getTranslations();
  const months = Array.from({ length: 12 }, (_, m) => m + 1);
  return (
    <div className="year-grid">
      {months.map((month) => {
        const first = `${year}-${String(month).padStart(2, "0")}-01`;
        const lead = (weekdayOf(first) + 6) % 7; // weeks start on Monday
        const days: string[] = [];
        for (let d = first; d.slice(5, 7) === first.slice(5, 7); d = addCalendarDays(d, 1)) days.push(d);
        return (
          <table key={month} className="month">
            <caption>{t(`months.${month}`)}</caption>
            <thead>
              <tr>
                {[1, 2, 3, 4, 5, 6, 0].map((w) => (
                  <th key={w} scope="col">
                    {t(`weekdaysShort.${w}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: Math.ceil((lead + days.length) / 7) }, (_, week) => (
                <tr key={week}>
                  {Array.from({ length: 7 }, (_, col) => {
                    const date = days[week * 7 + col - lead];
                    if (!date) return <td key={col} />;
                    const s = special.get(date);
                    const weekend = weekdayOf(date) % 6 === 0;
                    const working = index.isWorkingDay(date);
                    const cls = s ? (s.kind === "holiday" ? "day-off" : "day-makeup") : !working ? (weekend ? "day-weekend" : "day-off") : "";
                    return (
                      <td key={col} className={cls} title={s?.name} data-date={date}>
                        {Number(date.slice(8))}
                        {s && <span className="mark">{s.kind === "holiday" ? t("admin.holidayMark") : t("admin.makeupMark")}</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
