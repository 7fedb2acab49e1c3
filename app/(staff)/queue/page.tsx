import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { DueDate } from "@/components/requests/due-date";
import { requireRole, STAFF } from "@/lib/auth/session";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { listOpenQueue } from "@/lib/requests/queries";
import { maskPhone } from "@/lib/text/mask";

const PAGE_SIZE = 50;

export default async function QueuePage() {
  const actor = await requireRole(...STAFF);
  const db = await getDb();
  const [{ rows, total }, index] = await Promise.all([listOpenQueue(db, actor, { limit: PAGE_SIZE }), loadWorkingDayIndex(db)]);
  const t = await getTranslations();
  const format = await getFormatter();
  const now = new Date();
  return (
    <>
      <h1>{t("queue.title")}</h1>
      <p className="muted">{t("queue.intro")}</p>
      {rows.length === 0 ? (
        <p>{t("queue.empty")}</p>
      ) : (
        <>
          <p>{t("queue.showing", { total, shown: rows.length })}</p>
          <div className="table-wrap">
            <table className="data" data-testid="queue">
              <thead>
                <tr>
                  <th scope="col">{t("requests.ref")}</th>
                  <th scope="col">{t("requests.type")}</th>
                  <th scope="col">{t("queue.subject")}</th>
                  <th scope="col">{t("requests.received")}</th>
                  <th scope="col">{t("requests.due")}</th>
                  <th scope="col">{t("queue.assignee")}</th>
                  <th scope="col">{t("requests.status")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td className="mono">{r.ref}</td>
                    <td>{t(`types.${r.type}`)}</td>
                    <td>
                      {r.subjectName} <span className="mono">{maskPhone(r.subjectPhone)}</span>
                    </td>
                    <td>{format.dateTime(r.receivedAt, { dateStyle: "short", timeStyle: "short" })}</td>
                    <td>
                      <DueDate request={r} index={index} now={now} />
                    </td>
                    <td>{r.assigneeName ?? t("queue.unassigned")}</td>
                    <td>{t(`statuses.${r.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
