import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { QueueRow } from "@/lib/requests/queue";
import type { WorkingDayIndex } from "@/lib/sla";
import { maskPhone } from "@/lib/text/mask";
import { StaffDueDate } from "./staff-due-date";

/** The queue's rows: reference (to the request page), type, subject (phone masked), received, due and SLA, assignee, status. */
export async function QueueTable({ rows, index, now }: { rows: QueueRow[]; index: WorkingDayIndex; now: Date }) {
  const t = await getTranslations("staff.queue");
  const tt = await getTranslations();
  const format = await getFormatter();
  return (
    <div className="table-wrap">
      <table className="data staff-queue" data-testid="queue">
        <caption className="visually-hidden">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ref")}</th>
            <th scope="col">{t("type")}</th>
            <th scope="col">{t("subject")}</th>
            <th scope="col">{t("received")}</th>
            <th scope="col">{t("due")}</th>
            <th scope="col">{t("assignee")}</th>
            <th scope="col">{t("status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-ref={r.ref}>
              <td className="mono">
                {/* Never prefetched: opening a request page is an audited view of personal data. */}
                <Link href={`/queue/${r.ref}`} prefetch={false}>
                  {r.ref}
                </Link>
              </td>
              <td>
                {tt(`types.${r.type}`)}
                {r.isRepeat && (
                  <>
                    {" "}
                    <span className="badge staff-flag">{t("repeatBadge")}</span>
                  </>
                )}
                {r.verificationStatus === "pending" && (
                  <>
                    {" "}
                    <span className="badge staff-flag">{t("unverifiedBadge")}</span>
                  </>
                )}
              </td>
              <td>
                {r.subjectName} <span className="mono">{maskPhone(r.subjectPhone)}</span>
                {r.relationship !== "self" && (
                  <>
                    <br />
                    <span className="muted">{tt(`relationships.${r.relationship}`)}</span>
                  </>
                )}
              </td>
              <td>{format.dateTime(r.receivedAt, { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Shanghai" })}</td>
              <td>
                <StaffDueDate request={r} index={index} now={now} />
              </td>
              <td>{r.assigneeName ?? <span className="muted">{t("unassigned")}</span>}</td>
              <td>{tt(`staff.status.${r.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
