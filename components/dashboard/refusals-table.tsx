import { useTranslations } from "next-intl";
import type { RefusalRow } from "@/lib/dashboard/queries";
import type { DashboardFormat } from "./format";
import { FiguresTable } from "./figures-table";

/** Refusals counted by reason; cells carry data-figure="<prefix>.<reason or none>". */
export function RefusalsTable({
  refusals,
  namespace,
  figurePrefix,
  caption,
  f,
}: {
  refusals: readonly RefusalRow[];
  /** Where the page keeps its reason, count and noReason messages. */
  namespace: "dashboard.refusals" | "dashboard.report";
  figurePrefix: string;
  /** Visually hidden: the section's heading names the table. */
  caption?: string;
  f: DashboardFormat;
}) {
  const t = useTranslations(namespace);
  const tr = useTranslations("refusalReasons");
  return (
    <FiguresTable
      caption={caption}
      captionHidden
      columns={[t("reason"), t("count")]}
      rows={refusals.map((r) => ({
        key: r.reason,
        header: r.reason ? tr(r.reason) : t("noReason"),
        cells: [{ value: f.count(r.refused), figure: `${figurePrefix}.${r.reason || "none"}` }],
      }))}
    />
  );
}
