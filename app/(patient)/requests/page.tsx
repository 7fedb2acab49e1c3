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
      {reminders.map((n) => {
        const { title, lines } = noticeText("waiting_on_patient", n.data, locale);
        const ref = String(n.data.ref ?? "");
        return (
          <div key={n.id} className="alert warn" role="status" data-testid="waiting-reminder">
            <strong>{title}</strong>
            {lines.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
            <Link href={`/requests/${ref}`}>{t("portal.list.replyNow", { ref })}</Link>
          </div>
        );
      })}
      {rows.length === 0 ? (
        <p data-testid="no-requests">{t("requests.empty")}</p>
      ) : (
        <ul className="request-list" data-testid="my-requests">
          {rows.map((r) => (
            <li key={r.id} data-ref={r.ref}>
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
                {t("requests.received")}: {format.dateTime(r.receivedAt, { dateStyle: "medium", timeStyle: "short" })}
              </div>
              <div>
                {t("requests.due")}: <DueDate request={r} index={index} now={now} />
              </div>
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
