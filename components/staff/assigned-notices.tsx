import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { assignedNotices } from "@/lib/requests/notifications";

type Data = Awaited<ReturnType<typeof assignedNotices>>;

/** "Assigned to you": the latest assignments with a link to each request and to the agent's own queue. */
export async function AssignedNotices({ data }: { data: Data }) {
  const t = await getTranslations("staff.notices");
  const tt = await getTranslations();
  const format = await getFormatter();
  return (
    <section className="card staff-notices compact" aria-labelledby="notices-title" data-testid="assigned-notices">
      {/* One line when nothing new was assigned: the title, the count and the link to one's own requests. */}
      <div className="staff-notices-head">
        <h2 id="notices-title">
          {t("title")} <span className="badge staff-count">{t("newCount", { count: data.notices.length })}</span>
        </h2>
        <Link href="/queue?assignee=mine">{t("openMine", { count: data.openAssigned })}</Link>
      </div>
      {data.notices.length > 0 && (
        <ul>
          {data.notices.map((n) => (
            <li key={n.id}>
              {t("assigned", { time: format.dateTime(n.createdAt, "dateTime") })}{" "}
              <Link href={`/queue/${n.ref}`} className="mono" prefetch={false}>
                {n.ref}
              </Link>{" "}
              · {tt(`types.${n.type}`)} · {tt(`staff.status.${n.status}`)}
              {!n.stillMine && <span className="muted"> · {t("reassigned")}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
