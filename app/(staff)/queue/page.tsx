import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getReadDb } from "@/db/client";
import { AssignedNotices } from "@/components/staff/assigned-notices";
import { QueueBulkToolbar } from "@/components/staff/queue-bulk";
import { ReminderNotices } from "@/components/staff/reminder-notices";
import { QueueFilterForm } from "@/components/staff/queue-filter-form";
import { QueueKeys } from "@/components/staff/queue-keys";
import { QueueNewCount } from "@/components/staff/queue-new-count";
import { QueuePagination } from "@/components/staff/queue-pagination";
import { QueueTable } from "@/components/staff/queue-table";
import { QueueViews } from "@/components/staff/queue-views";
import { SlaCountsBar } from "@/components/staff/sla-counts";
import { requireRole } from "@/lib/auth/session";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { awaitedRecipientNotices } from "@/lib/fulfilment/recipients";
import { canLogIntake, canManage, STAFF_ROLES } from "@/lib/policy";
import { unreadStaffNotices } from "@/lib/reminders/queries";
import { assignedNotices } from "@/lib/requests/notifications";
import { countQueue, countQueueBySla, listQueue, listStaff, queueTotals, slaCountsGiveTotal } from "@/lib/requests/queue";
import { parseQueueFilters } from "@/lib/requests/queue-filters";
import { listSavedViews, viewQuery } from "@/lib/requests/saved-views";
import { slaBounds } from "@/lib/requests/sla-sql";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function QueuePage({ searchParams }: Props) {
  const actor = await requireRole(...STAFF_ROLES);
  const { filters, ignored } = parseQueueFilters(await searchParams);
  // Reads only: the read pool, so the queue keeps its speed while patients file (db/client.ts).
  const db = await getReadDb();
  const now = new Date();
  const index = await loadWorkingDayIndex(db);
  const bounds = slaBounds(index, now);
  const [page, counts, own, staff, notices, recipientsAwaited, reminders, views] = await Promise.all([
    listQueue(db, actor, filters, bounds),
    countQueueBySla(db, actor, filters, bounds),
    // The SLA counts give the total of an open-only view; other views (closed, every status) count once more.
    slaCountsGiveTotal(filters) ? null : countQueue(db, actor, filters),
    listStaff(db, actor),
    assignedNotices(db, actor, now),
    awaitedRecipientNotices(db),
    unreadStaffNotices(db, actor),
    listSavedViews(db, actor),
  ]);
  const current = viewQuery(filters);
  const totals = queueTotals(filters, counts, own);
  const t = await getTranslations("staff.queue");
  return (
    <div className="staff-page">
      <div className="row staff-title">
        <h1>{t("title")}</h1>
        <p className="muted grow staff-intro">{t("intro")}</p>
        {canLogIntake(actor) && (
          <Link href="/queue/new" className="btn" data-testid="log-request-link">
            {t("logRequestLink")}
          </Link>
        )}
        <Link href="/queue/kept" className="btn secondary" data-testid="kept-link">
          {t("keptLink")}
        </Link>
        {canManage(actor) && (
          <Link href="/queue/templates" className="btn secondary">
            {t("templatesLink")}
          </Link>
        )}
      </div>
      <ReminderNotices data={reminders} />
      <AssignedNotices data={notices} />
      {ignored.length > 0 && (
        <p className="alert warn" role="status" data-testid="ignored-filters">
          {t("ignored", { params: ignored.map((p) => t(`param_${p}`)).join(t("listSeparator")) })}
        </p>
      )}
      {/* Remounted for each view: its fields show the view's filters, not those of the page before. */}
      <QueueFilterForm key={current} filters={filters} staff={staff} />
      <div className="row staff-counts-line">
        <SlaCountsBar counts={counts} filters={filters} />
        {/* Remounted on each render: the count starts again from the new render time. */}
        <QueueNewCount key={now.toISOString()} since={now.toISOString()} query={current} />
        {/* On this line, not a banner of its own: the queue's rows stay on the first screen (issue 18). */}
        {recipientsAwaited > 0 && !filters.recipients && (
          <p className="staff-inline-alert" data-testid="recipients-awaited">
            {t("recipientsAwaited", { count: recipientsAwaited })} <Link href="/queue?status=all&recipients=1">{t("recipientsLink")}</Link>
          </p>
        )}
      </div>
      {/* The selection's actions, the saved views and the keys on one line: the rows stay on the first screen. */}
      <div className="row staff-bulk-line">
        {page.rows.length > 0 && <QueueBulkToolbar staff={canManage(actor) ? staff.map((s) => ({ id: s.id, displayName: s.displayName })) : null} />}
        <QueueViews own={views} current={current} />
        {page.rows.length > 0 && (
          <p className="muted staff-keys-hint" data-testid="queue-keys-hint">
            {t("keysHint")}
          </p>
        )}
      </div>
      {page.rows.length === 0 ? (
        <p data-testid="queue-empty">{filters.page > 1 ? t("emptyPage") : t("empty")}</p>
      ) : (
        <>
          <QueueTable rows={page.rows} index={index} now={now} filters={filters} />
          <QueueKeys />
        </>
      )}
      <QueuePagination filters={filters} hasNext={page.hasNext} {...totals} />
    </div>
  );
}
