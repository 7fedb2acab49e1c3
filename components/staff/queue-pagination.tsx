import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { queueQueryString, type QueueFilters } from "@/lib/requests/queue-filters";

export async function QueuePagination({ filters, hasNext }: { filters: QueueFilters; hasNext: boolean }) {
  const t = await getTranslations("staff.queue");
  if (filters.page === 1 && !hasNext) return null;
  return (
    <nav aria-label={t("pagination")} className="row staff-pagination">
      {filters.page > 1 && (
        <Link href={`/queue${queueQueryString(filters, { page: filters.page - 1 })}`} className="btn secondary" rel="prev">
          {t("prev")}
        </Link>
      )}
      <span aria-current="page">{t("page", { page: filters.page })}</span>
      {hasNext && (
        <Link href={`/queue${queueQueryString(filters, { page: filters.page + 1 })}`} className="btn secondary" rel="next">
          {t("next")}
        </Link>
      )}
    </nav>
  );
}
