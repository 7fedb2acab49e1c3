import { getFormatter, getTranslations } from "next-intl/server";
import { endOfShanghaiDay, slaStatus, weekdayOf, type WorkingDayIndex } from "@/lib/sla";
import type { RequestSummary } from "@/lib/requests/queries";

/**
 * The due date with its weekday, the working days left and the SLA state in words (colour is never the only signal).
 * A withdrawn request shows only "withdrawn": no due date, no met/missed.
 */
export async function DueDate({ request, index, now }: { request: RequestSummary; index: WorkingDayIndex; now: Date }) {
  const t = await getTranslations();
  // A withdrawn request has no deadline to meet or miss: it says so and nothing else.
  if (request.status === "withdrawn") return <span className="due">{t("statuses.withdrawn")}</span>;
  const format = await getFormatter();
  const { state, workingDaysLeft } = slaStatus(request, now, index);
  const date = format.dateTime(endOfShanghaiDay(request.dueDate), "date");
  const weekday = t(`weekdays.${weekdayOf(request.dueDate)}`);
  const open = state === "on_track" || state === "at_risk" || state === "overdue";
  return (
    <span className="due">
      <span>{t("requests.dueOn", { date, weekday })}</span> <span className={`badge sla-${state}`}>{t(`sla.${state}`)}</span>{" "}
      {open && (
        <span className="muted">
          {request.pausedAt
            ? t("requests.paused")
            : workingDaysLeft > 0
              ? t("requests.daysLeft", { days: workingDaysLeft })
              : workingDaysLeft === 0 && state !== "overdue"
                ? t("requests.dueToday")
                : t("requests.overdueBy", { days: Math.max(1, -workingDaysLeft) })}
        </span>
      )}
      {request.provisional && open && (
        <span className="badge sla-at_risk" title={t("requests.provisional")}>
          {t("requests.provisional")}
        </span>
      )}
    </span>
  );
}
