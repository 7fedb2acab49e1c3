import { getFormatter, getTranslations } from "next-intl/server";
import { PAUSE_REASONS, REFUSAL_REASONS } from "@/db/schema/enums";

export type TimelineEvent = {
  id: number;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  public: boolean;
  data: Record<string, unknown>;
  occurredAt: Date;
  actorName: string | null;
  actorRole: string | null;
};

const has = (list: readonly string[], v: string): boolean => list.includes(v);

/** Every event of the request, internal ones marked, oldest first. */
export async function Timeline({ events, names }: { events: TimelineEvent[]; names: Map<string, string> }) {
  const t = await getTranslations("staff.timeline");
  const tt = await getTranslations();
  const format = await getFormatter();
  const reasonText = (reason: string | null) => {
    if (!reason) return null;
    if (has(REFUSAL_REASONS, reason)) return tt(`refusalReasons.${reason}`);
    if (has(PAUSE_REASONS, reason)) return tt(`pauseReasons.${reason}`);
    if (reason === "fee_declined") return t("feeDeclined");
    return reason;
  };
  const detail = (e: TimelineEvent) => {
    const d = e.data ?? {};
    switch (e.kind) {
      case "assigned": {
        const who = typeof d.assigneeId === "string" ? (names.get(d.assigneeId) ?? t("someone")) : t("someone");
        return d.claimed ? t("claimedBy", { name: who }) : t("assignedTo", { name: who });
      }
      case "fee_quoted":
        return t("feeQuoted", { amount: String(d.amount ?? "") });
      case "fee_answered":
        return d.accepted ? t("feeAccepted") : t("feeDeclined");
      case "resumed":
        return typeof d.dueDate === "string" ? t("resumedDue", { date: d.dueDate, days: Number(d.extension ?? 0) }) : null;
      case "status_changed":
        return typeof d.outcome === "string" && (d.outcome === "fulfilled" || d.outcome === "partially_fulfilled")
          ? tt(`outcomes.${d.outcome}`)
          : null;
      default:
        return null;
    }
  };
  return (
    <section className="card" aria-labelledby="timeline-title" data-testid="timeline">
      <h2 id="timeline-title">{t("title")}</h2>
      <ol className="staff-timeline">
        {events.map((e) => (
          <li key={e.id} className={e.public ? undefined : "internal"} data-kind={e.kind}>
            <div className="staff-meta">
              {format.dateTime(e.occurredAt, "dateTime")} · {e.actorName ?? t("system")}
              {!e.public && (
                <>
                  {" "}
                  · <span className="badge">{t("internal")}</span>
                </>
              )}
            </div>
            <strong>{tt(`events.${e.kind}`)}</strong>
            {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus && (
              <> · {t("statusChange", { from: tt(`staff.status.${e.fromStatus}`), to: tt(`staff.status.${e.toStatus}`) })}</>
            )}
            {!e.fromStatus && e.toStatus && e.kind !== "status_changed" && <> · {tt(`staff.status.${e.toStatus}`)}</>}
            {detail(e) && <> · {detail(e)}</>}
            {reasonText(e.reason) && <p className="staff-text">{reasonText(e.reason)}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
