import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { QueueRow } from "@/lib/requests/queue";
import { queueQueryString, sortedBy, type QueueFilters, type QueueSort } from "@/lib/requests/queue-filters";
import type { WorkingDayIndex } from "@/lib/sla";
import { maskPhone } from "@/lib/text/mask";
import { BULK_FORM_ID, QueueSelectAll } from "./queue-bulk";
import { StaffDueDate } from "./staff-due-date";

/**
 * The queue's rows: reference (to the request page), type, subject (phone masked), received, due and SLA, assignee,
 * status. The headers of the sortable columns link to the list sorted by them (again: the other direction). The first
 * column's checkboxes belong to the bulk toolbar's form (components/staff/queue-bulk.tsx).
 */
export async function QueueTable({ rows, index, now, filters }: { rows: QueueRow[]; index: WorkingDayIndex; now: Date; filters: QueueFilters }) {
  const t = await getTranslations("staff.queue");
  const tt = await getTranslations();
  const format = await getFormatter();
  const sortable = (sort: QueueSort, label: string) => {
    const sorted = filters.sort === sort;
    return (
      <th scope="col" aria-sort={sorted ? (filters.dir === "asc" ? "ascending" : "descending") : undefined} data-sort={sort}>
        <Link href={`/queue${queueQueryString(filters, sortedBy(filters, sort))}`} className="sort-link">
          {label}
          {sorted && (
            <>
              <span aria-hidden="true">{filters.dir === "asc" ? " ▲" : " ▼"}</span>
              <span className="visually-hidden">{t(filters.dir === "asc" ? "sortedAsc" : "sortedDesc")}</span>
            </>
          )}
        </Link>
      </th>
    );
  };
  return (
    <div className="table-wrap">
      <table className="data staff-queue" data-testid="queue">
        <caption className="visually-hidden">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="queue-select">
              <QueueSelectAll />
            </th>
            <th scope="col">{t("ref")}</th>
            {sortable("type", t("type"))}
            <th scope="col">{t("subject")}</th>
            {sortable("received", t("received"))}
            {sortable("due", t("due"))}
            {sortable("assignee", t("assignee"))}
            {sortable("status", t("status"))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-ref={r.ref}>
              <td className="queue-select">
                <input type="checkbox" name="refs" value={r.ref} form={BULK_FORM_ID} aria-label={t("bulkSelectRow", { ref: r.ref })} />
              </td>
              <td className="mono queue-ref">
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
              <td>{format.dateTime(r.receivedAt, "dateTime")}</td>
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
