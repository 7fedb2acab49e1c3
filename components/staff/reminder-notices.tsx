import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { asLocale } from "@/lib/i18n/locales";
import type { unreadStaffNotices } from "@/lib/reminders/queries";
import { noticeText } from "@/lib/reminders/wording";
import { NoticeReadButton } from "./notice-read-button";

type Data = Awaited<ReturnType<typeof unreadStaffNotices>>;

/** Reminders (at risk), escalations (overdue) and the daily digest for this staff member, until marked read. */
export async function ReminderNotices({ data }: { data: Data }) {
  if (data.total === 0) return null;
  const t = await getTranslations("staff.reminders");
  const format = await getFormatter();
  const locale = asLocale(await getLocale());
  return (
    <section className="card staff-notices" aria-labelledby="reminders-title" data-testid="reminders">
      <h2 id="reminders-title">
        {t("title")} <span className="badge staff-count">{t("unread", { count: data.total })}</span>
      </h2>
      <ul>
        {data.rows.map((n) => {
          const { title, lines } = noticeText(n.kind, n.data, locale);
          const ref = typeof n.data.ref === "string" ? n.data.ref : null;
          return (
            <li key={n.id} data-kind={n.kind} data-testid="reminder">
              {/* The digest is news, not a deadline state: a neutral badge, not the "on track" green. */}
              <span className={n.kind === "digest" ? "badge neutral" : `badge sla-${n.kind}`} data-testid="reminder-kind">
                {t(`kind.${n.kind}`)}
              </span>{" "}
              <span className="muted">{format.dateTime(n.createdAt, "dateTime")}</span> <strong>{title}</strong>
              {lines.map((line, i) => (
                <div key={i}>{line}</div>
              ))}
              <div className="row">
                {ref ? (
                  <Link href={`/queue/${ref}`} prefetch={false}>
                    {t("open", { ref })}
                  </Link>
                ) : (
                  <Link href="/queue?sla=overdue" prefetch={false}>
                    {t("openOverdue")}
                  </Link>
                )}
                <NoticeReadButton id={n.id} label={title} />
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
