import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { REQUEST_STATUSES, REQUEST_TYPES } from "@/db/schema/enums";
import { QUEUE_DIRS, QUEUE_SLA_FILTERS, QUEUE_SORTS, type QueueFilters } from "@/lib/requests/queue-filters";

type StaffOption = { id: string; displayName: string };

/** Whether a filter behind "more filters" is set: then the disclosure starts open, so no filter is out of sight. */
export function moreFiltersActive(f: QueueFilters): boolean {
  return Boolean(f.from || f.to || f.acting || f.provisional || f.repeat || f.recipients || f.unverified);
}

/**
 * The queue's filters as a GET form: the view lives in the URL and can be shared. The most used ones on one line,
 * the rest (dates, order, flags) behind "more filters", open when one of them is set.
 */
export async function QueueFilterForm({ filters, staff }: { filters: QueueFilters; staff: StaffOption[] }) {
  const t = await getTranslations("staff.queue");
  const tt = await getTranslations();
  const personSelected = filters.assignee && filters.assignee !== "mine" && filters.assignee !== "unassigned";
  return (
    <form method="get" action="/queue" className="card staff-filters" role="search" aria-label={t("filters")}>
      <div className="staff-filter-line">
        <div className="field staff-search">
          <label htmlFor="q">{t("search")}</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            aria-describedby="q-hint"
            placeholder={t("searchHint")}
            maxLength={100}
          />
          <span id="q-hint" className="visually-hidden">
            {t("searchHint")}
          </span>
        </div>
        <div className="field">
          <label htmlFor="status">{t("status")}</label>
          <select id="status" name="status" defaultValue={filters.status}>
            <option value="open">{t("statusOpen")}</option>
            <option value="all">{t("statusAll")}</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tt(`staff.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="type">{t("type")}</label>
          <select id="type" name="type" defaultValue={filters.type ?? ""}>
            <option value="">{t("anyType")}</option>
            {REQUEST_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {tt(`types.${ty}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sla">{t("sla")}</label>
          <select id="sla" name="sla" defaultValue={filters.sla ?? ""}>
            <option value="">{t("anySla")}</option>
            {QUEUE_SLA_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s === "attention" ? t("slaAttention") : tt(`sla.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="assignee">{t("assignee")}</label>
          <select id="assignee" name="assignee" defaultValue={filters.assignee ?? ""}>
            <option value="">{t("anyone")}</option>
            <option value="mine">{t("mine")}</option>
            <option value="unassigned">{t("unassigned")}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName}
              </option>
            ))}
            {personSelected && !staff.some((s) => s.id === filters.assignee) && <option value={filters.assignee}>{t("unknownPerson")}</option>}
          </select>
        </div>
        <div className="row staff-filter-buttons">
          <button type="submit" className="btn small">
            {t("apply")}
          </button>
          <Link href="/queue" className="btn secondary small">
            {t("clear")}
          </Link>
        </div>
      </div>
      <details className="staff-more-filters" open={moreFiltersActive(filters)} data-testid="more-filters">
        <summary>{t("moreFilters")}</summary>
        <div className="staff-filter-line">
          <div className="field">
            <label htmlFor="from">{t("from")}</label>
            <input id="from" name="from" type="date" defaultValue={filters.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="to">{t("to")}</label>
            <input id="to" name="to" type="date" defaultValue={filters.to ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="sort">{t("sort")}</label>
            <select id="sort" name="sort" defaultValue={filters.sort}>
              {QUEUE_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`sort_${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            {/* Always the direction shown in the list, the one a column header reversed included. */}
            <label htmlFor="dir">{t("sortDir")}</label>
            <select id="dir" name="dir" defaultValue={filters.dir} data-testid="sort-dir">
              {QUEUE_DIRS.map((d) => (
                <option key={d} value={d}>
                  {t(`dir_${d}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset className="staff-flags">
          <legend>{t("flags")}</legend>
          <label>
            <input type="checkbox" name="acting" value="1" defaultChecked={filters.acting} /> {t("acting")}
          </label>
          <label>
            <input type="checkbox" name="provisional" value="1" defaultChecked={filters.provisional} /> {t("provisional")}
          </label>
          <label>
            <input type="checkbox" name="repeat" value="1" defaultChecked={filters.repeat} /> {t("repeat")}
          </label>
          <label>
            <input type="checkbox" name="recipients" value="1" defaultChecked={filters.recipients} /> {t("recipients")}
          </label>
          <label>
            <input type="checkbox" name="unverified" value="1" defaultChecked={filters.unverified} /> {t("unverified")}
          </label>
        </fieldset>
      </details>
    </form>
  );
}
