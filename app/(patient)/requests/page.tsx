import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { DueDate } from "@/components/requests/due-date";
import { requireRole } from "@/lib/auth/session";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { listMyRequests } from "@/lib/requests/queries";

export default async function MyRequestsPage() {
  const actor = await requireRole("patient");
  const db = await getDb();
  const [rows, index] = await Promise.all([listMyRequests(db, actor), loadWorkingDayIndex(db)]);
  const t = await getTranslations();
  const format = await getFormatter();
  const now = new Date();
  return (
    <>
      <h1>{t("requests.title")}</h1>
      {rows.length === 0 ? (
        <p data-testid="no-requests">{t("requests.empty")}</p>
      ) : (
        <ul className="request-list" data-testid="my-requests">
          {rows.map((r) => (
            <li key={r.id}>
              <div className="head">
                <strong>{t(`types.${r.type}`)}</strong>
                <span className="mono">{r.ref}</span>
              </div>
              <div>
                {t("requests.status")}: {t(`statuses.${r.status}`)}
              </div>
              <div className="muted">
                {t("requests.received")}: {format.dateTime(r.receivedAt, { dateStyle: "medium", timeStyle: "short" })}
              </div>
              <div>
                {t("requests.due")}: <DueDate request={r} index={index} now={now} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
