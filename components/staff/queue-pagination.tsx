import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { queueQueryString, type QueueFilters } from "@/lib/requests/queue-filters";

/** "共 N 件，第 P / M 页" under the list, with the links to the pages before and after. */
export async function QueuePagination({ filters, hasNext, total, pages }: { filters: QueueFilters; hasNext: boolean; total: number; pages: number }) {
  const t = await getTranslations("staff.queue");
  return (
    <nav aria-label={t("pagination")} className="row staff-pagination">
      {filters.page > 1 && (
        <Link href={`/queue${queueQueryString(filters, { page: filters.page - 1 })}`} className="btn secondary" rel="prev">
          {t("prev")}
        </Link>
      )}
      <span aria-current="page" data-testid="queue-total">
        {t("totalPages", { total, page: filters.page, pages })}
      </span>
      {hasNext && (
        <Link href={`/queue${queueQueryString(filters, { page: filters.page + 1 })}`} className="btn secondary" rel="next">
          {t("next")}
        </Link>
      )}
    </nav>
  );
}
