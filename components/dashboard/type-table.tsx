import { useTranslations } from "next-intl";
import type { RequestType } from "@/db/schema/enums";
import type { PeriodFigures, SlaCounts } from "@/lib/dashboard/queries";
import type { DashboardFormat } from "./format";
import { FiguresTable, type FigureCell } from "./figures-table";

type PeriodColumn = "received" | "repeats" | "closed" | "onTime" | "onTimeRate" | "median" | "p90" | "pausedWorkingDays" | "refused";
type OpenColumn = "open" | "at_risk" | "overdue";
/** The columns the rows can fill: the open-now ones only for rows that carry open-now counts. */
export type TypeColumn<R> = PeriodColumn | (R extends SlaCounts ? OpenColumn : never);

/** The figures per request type, one column per figure asked for, and optionally a total row. */
export function TypeTable<R extends PeriodFigures>({
  rows,
  columns,
  total,
  caption,
  figurePrefix,
  f,
}: {
  rows: readonly (R & { type: RequestType })[];
  columns: readonly TypeColumn<R>[];
  total?: { label: string; figures: R };
  /** Visually hidden: the section's heading names the table. */
  caption?: string;
  /** Cells carry data-figure="<prefix>.<type>.<column>" when given. */
  figurePrefix?: string;
  f: DashboardFormat;
}) {
  const t = useTranslations("dashboard.byType");
  const tt = useTranslations("types");
  const ts = useTranslations("sla");
  const label = (c: PeriodColumn | OpenColumn) => (c === "at_risk" || c === "overdue" ? ts(c) : t(c));
  const cells = (r: R, figure?: (c: string) => string): FigureCell[] => columns.map((c) => ({ value: cellText(f, r, c), figure: figure?.(c) }));
  return (
    <FiguresTable
      caption={caption}
      captionHidden
      columns={[t("type"), ...columns.map(label)]}
      rows={rows.map((r) => ({
        key: r.type,
        header: tt(r.type),
        cells: cells(r, figurePrefix ? (c) => `${figurePrefix}.${r.type}.${c}` : undefined),
      }))}
      total={total && { key: "total", header: total.label, cells: cells(total.figures) }}
    />
  );
}

function cellText(f: DashboardFormat, r: PeriodFigures & Partial<SlaCounts>, c: PeriodColumn | OpenColumn) {
  switch (c) {
    case "onTimeRate":
      return f.rate(r.onTimeRate);
    case "median":
      return f.days(r.medianWorkingDays);
    case "p90":
      return f.days(r.p90WorkingDays);
    default:
      // TypeColumn<R> offers the open-now columns only for rows that have them.
      return f.count(r[c]!);
  }
}
