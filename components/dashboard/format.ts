import { useFormatter } from "next-intl";
import { startOfShanghaiDay } from "@/lib/sla";

/** Number formats of the dashboard and the report: counts, rates (one decimal) and working days (one decimal). */
export function useDashboardFormat() {
  const format = useFormatter();
  const dash = "—";
  return {
    count: (n: number) => format.number(n),
    rate: (r: number | null) => (r === null ? dash : format.number(r, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 })),
    days: (d: number | null) => (d === null ? dash : format.number(d, { maximumFractionDigits: 1 })),
    date: (d: string) => format.dateTime(startOfShanghaiDay(d), "date"),
    month: (d: string) => format.dateTime(startOfShanghaiDay(d), "month"),
    shortDate: (d: string) => format.dateTime(startOfShanghaiDay(d), "shortDate"),
    instant: (t: Date) => format.dateTime(t, "dateTime"),
  };
}

export type DashboardFormat = ReturnType<typeof useDashboardFormat>;
