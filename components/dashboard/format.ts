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
    date: (d: string) => format.dateTime(startOfShanghaiDay(d), { year: "numeric", month: "short", day: "numeric", timeZone: "Asia/Shanghai" }),
    month: (d: string) => format.dateTime(startOfShanghaiDay(d), { year: "numeric", month: "long", timeZone: "Asia/Shanghai" }),
    shortDate: (d: string) => format.dateTime(startOfShanghaiDay(d), { month: "numeric", day: "numeric", timeZone: "Asia/Shanghai" }),
    instant: (t: Date) =>
      format.dateTime(t, {
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hour12: false,
        timeZone: "Asia/Shanghai",
      }),
  };
}

export type DashboardFormat = ReturnType<typeof useDashboardFormat>;
