import { getFormatter, getTranslations } from "next-intl/server";
import type { Request } from "@/db/schema";
import { dueDateIfResumedNow, endOfShanghaiDay, slaStatus, weekdayOf, type WorkingDayIndex } from "@/lib/sla";
import { StaffDueDate } from "../staff-due-date";
import { Facts } from "./facts";

type Pause = { at: Date; until: Date | null; reason: string | null };

/** Received, target and due (with weekdays), pauses, working days left, and the provisional warning. */
export async function SlaPanel({ request, index, now, pauses }: { request: Request; index: WorkingDayIndex; now: Date; pauses: Pause[] }) {
  const t = await getTranslations("staff.sla");
  const tt = await getTranslations();
  const format = await getFormatter();
  const day = (d: string) =>
    t("dateWithWeekday", {
      date: format.dateTime(endOfShanghaiDay(d), "date"),
      weekday: tt(`weekdays.${weekdayOf(d)}`),
    });
  const when = (d: Date) => format.dateTime(d, "dateTime");
  const { state } = slaStatus(request, now, index);
  const movedDue = request.pausedAt ? dueDateIfResumedNow(request.dueDate, request.pausedAt, now, index) : null;
  return (
    <section className="card" aria-labelledby="sla-title" data-testid="sla-panel">
      <h2 id="sla-title">{t("title")}</h2>
      {request.provisional && (
        <p className="alert warn" data-testid="provisional-warning">
          {t("provisional")}
        </p>
      )}
      <Facts
        items={[
          [
            t("state"),
            <span key="s" className={`badge sla-${state}`}>
              {tt(`sla.${state}`)}
            </span>,
          ],
          [t("received"), when(request.receivedAt)],
          [t("target"), day(request.targetDate)],
          [t("due"), <StaffDueDate key="d" request={request} index={index} now={now} />],
          [t("pausedDays"), request.pausedWorkingDays > 0 ? t("pausedDaysValue", { days: request.pausedWorkingDays }) : null],
          [
            t("pausedNow"),
            request.pausedAt
              ? t("pausedSince", { time: when(request.pausedAt), reason: request.pauseReason ? tt(`pauseReasons.${request.pauseReason}`) : "" })
              : null,
          ],
          [t("dueIfResumed"), movedDue && movedDue !== request.dueDate ? day(movedDue) : null],
          [t("closed"), request.closedAt ? when(request.closedAt) : null],
        ]}
      />
      {pauses.length > 0 && (
        <>
          <h3>{t("pausesTitle")}</h3>
          <ul data-testid="pauses">
            {pauses.map((p, i) => (
              <li key={i}>
                {p.until ? t("pauseRange", { from: when(p.at), to: when(p.until) }) : t("pauseOpen", { from: when(p.at) })}
                {p.reason && ` · ${tt(`pauseReasons.${p.reason}`)}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
