import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { PolicyContact } from "@/components/portal/policy-contact";
import { DueDate } from "@/components/requests/due-date";
import { requireRole } from "@/lib/auth/session";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { asLocale } from "@/lib/i18n/locales";
import { waitingReminders } from "@/lib/reminders/queries";
import { noticeText } from "@/lib/reminders/wording";
import { listMyRequests } from "@/lib/requests/queries";

export default async function MyRequestsPage() {
  const actor = await requireRole("patient");
  const db = await getDb();
  const [rows, index, reminders] = await Promise.all([listMyRequests(db, actor), loadWorkingDayIndex(db), waitingReminders(db, actor)]);
  const locale = asLocale(await getLocale());
  // A question that has waited on the patient for days: its reminder (lib/reminders) is said in the row's banner.
  const reminderOf = new Map(reminders.map((n) => [n.requestId, noticeText("waiting_on_patient", n.data, locale)]));
  const t = await getTranslations();
  const format = await getFormatter();
  const now = new Date();
  return (
    <>
      <div className="row portal-list-head">
        <h1 className="grow">{t("requests.title")}</h1>
        <Link className="btn" href="/requests/new" data-testid="new-request">
          {t("portal.list.newRequest")}
        </Link>
      </div>
      <p className="muted">{t("portal.list.intro")}</p>
      {rows.length === 0 ? (
        <p data-testid="no-requests">{t("requests.empty")}</p>
      ) : (
        <ul className="request-list" data-testid="my-requests">
          {rows.map((r) => (
            <li key={r.id} data-ref={r.ref} data-status={r.status} className={r.action ? "needs-action" : undefined}>
              {r.action && (
                <div className="alert warn portal-list-action" data-testid="action-banner">
                  <strong>{t(`portal.list.needs.${r.action}`)}</strong>{" "}
                  <Link href={`/requests/${r.ref}`}>{t("portal.list.act", { ref: r.ref })}</Link>
                  {reminderOf.get(r.id)?.lines.map((line, i) => (
                    <p key={i} data-testid="waiting-reminder">
                      {line}
                    </p>
                  ))}
                </div>
              )}
              <div className="head">
                <strong>
                  <Link href={`/requests/${r.ref}`}>{t(`types.${r.type}`)}</Link>
                </strong>
                <span className="mono">{r.ref}</span>
              </div>
              <div>
                {t("requests.status")}: <span className={`badge status-${r.status}`}>{t(`statuses.${r.status}`)}</span>
                {r.status === "awaiting_requester" && (
                  <>
                    {" "}
                    <span className="badge portal-attention" data-testid="action-needed-badge">
                      {t("portal.list.actionNeeded")}
                    </span>
                  </>
                )}
              </div>
              {r.relationship !== "self" && (
                <div className="muted" dir="auto">
                  {t("portal.list.forSubject", { name: r.subjectName })}
                </div>
              )}
              <div className="muted">
                {t("requests.received")}: {format.dateTime(r.receivedAt, "dateTime")}
              </div>
              {r.status === "withdrawn" ? (
                <div data-testid="withdrawn-note">
                  {r.closedAt ? t("portal.list.withdrawnOn", { date: format.dateTime(r.closedAt, "dateTime") }) : t("statuses.withdrawn")}
                </div>
              ) : (
                <div>
                  {t("requests.due")}: <DueDate request={r} index={index} now={now} />
                </div>
              )}
              <Link href={`/requests/${r.ref}`} aria-label={`${t("portal.list.view")} ${r.ref}`}>
                {t("portal.list.view")}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <PolicyContact />
    </>
  );
}
