import { getFormatter, getTranslations } from "next-intl/server";
import { endOfShanghaiDay, slaStatus, weekdayOf, type SlaSubject, type WorkingDayIndex } from "@/lib/sla";

type Subject = SlaSubject & { provisional: boolean };

/** Staff wording of the due date: weekday, working days left, the SLA state in words (colour is never the only signal). */
export async function StaffDueDate({ request, index, now }: { request: Subject; index: WorkingDayIndex; now: Date }) {
  const t = await getTranslations("staff.due");
  const tt = await getTranslations();
  const format = await getFormatter();
  const { state, workingDaysLeft } = slaStatus(request, now, index);
  const date = format.dateTime(endOfShanghaiDay(request.dueDate), "date");
  const weekday = tt(`weekdays.${weekdayOf(request.dueDate)}`);
  const open = state === "on_track" || state === "at_risk" || state === "overdue";
  return (
    <span className="due">
      <span>{t("dueOn", { date, weekday })}</span>{" "}
      <span className={`badge sla-${state}`} data-sla={state}>
        {tt(`sla.${state}`)}
      </span>{" "}
      {open && (
        <span className="muted">
          {request.pausedAt
            ? t("paused", { days: Math.max(0, workingDaysLeft) })
            : workingDaysLeft > 0
              ? t("daysLeft", { days: workingDaysLeft })
              : workingDaysLeft === 0 && state !== "overdue"
                ? t("dueToday")
                : t("overdueBy", { days: Math.max(1, -workingDaysLeft) })}
        </span>
      )}
      {request.provisional && open && <span className="badge sla-at_risk">{t("provisional")}</span>}
    </span>
  );
}
