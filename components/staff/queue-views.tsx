import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BUILT_IN_VIEWS } from "@/lib/requests/saved-view-schema";
import { DeleteViewButton, SaveViewForm } from "./queue-views-forms";

type OwnView = { id: string; name: string; query: string };

/**
 * Views as one-click links above the queue: the built-in ones for everyone, then the staff member's own (each
 * with its delete button), and a form that saves the current filters and sort under a name. The view shown now
 * is marked as the current one.
 */
export async function QueueViews({ own, current }: { own: OwnView[]; current: string }) {
  const t = await getTranslations("staff.views");
  const href = (query: string) => `/queue${query ? `?${query}` : ""}`;
  return (
    <nav className="queue-views" aria-label={t("label")} data-testid="queue-views">
      <span className="queue-views-title">{t("title")}</span>
      <ul>
        {BUILT_IN_VIEWS.map((v) => (
          <li key={v.key}>
            <Link href={href(v.query)} aria-current={current === v.query ? "page" : undefined} data-testid={`view-${v.key}`}>
              {t(`builtIn_${v.key}`)}
            </Link>
          </li>
        ))}
        {own.map((v) => (
          <li key={v.id} data-testid="own-view">
            <Link href={href(v.query)} aria-current={current === v.query ? "page" : undefined}>
              {v.name}
            </Link>
            <DeleteViewButton id={v.id} name={v.name} />
          </li>
        ))}
      </ul>
      <SaveViewForm query={current} />
    </nav>
  );
}
