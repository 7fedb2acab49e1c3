import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SlaCounts } from "@/lib/requests/queue";
import { QUEUE_SLA_STATES, queueQueryString, type QueueFilters } from "@/lib/requests/queue-filters";

/** Open requests per SLA state under the current filters; each count links to that state's view. */
export async function SlaCountsBar({ counts, filters }: { counts: SlaCounts; filters: QueueFilters }) {
  const t = await getTranslations("staff.queue");
  const tt = await getTranslations("sla");
  return (
    <nav aria-label={t("countsLabel")} className="sla-counts" data-testid="sla-counts">
      <ul>
        {QUEUE_SLA_STATES.map((s) => (
          <li key={s}>
            <Link
              href={`/queue${queueQueryString(filters, { sla: filters.sla === s ? undefined : s, page: 1 })}`}
              className={`badge sla-${s}`}
              aria-current={filters.sla === s ? "true" : undefined}
              data-testid={`count-${s}`}
            >
              {t("countItem", { state: tt(s), count: counts[s] })}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
