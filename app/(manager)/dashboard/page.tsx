import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getReadDb } from "@/db/client";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { PeriodForm } from "@/components/dashboard/period-form";
import { requireRole } from "@/lib/auth/session";
import { MANAGER_ROLES } from "@/lib/policy";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { loadDashboard } from "@/lib/dashboard/queries";
import { parseDashboardQuery } from "@/lib/dashboard/period";
import { shanghaiDateOf } from "@/lib/sla";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

/** The manager dashboard: today's risk and a period's performance (?from=&to=&type=). Managers and admins only. */
export default async function DashboardPage({ searchParams }: Props) {
  const actor = await requireRole(...MANAGER_ROLES);
  const now = new Date();
  const today = shanghaiDateOf(now);
  const parsed = parseDashboardQuery(await searchParams, now);
  const t = await getTranslations("dashboard");
  const tt = await getTranslations("types");
  const heading = (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
    </>
  );
  if (!parsed.ok) {
    return (
      <>
        {heading}
        <PeriodForm values={parsed.raw} errors={parsed.errors} today={today} />
      </>
    );
  }
  const db = await getReadDb();
  const data = await loadDashboard(db, actor, parsed.query, now, await loadWorkingDayIndex(db));
  return (
    <>
      {heading}
      <PeriodForm values={{ from: parsed.query.from, to: parsed.query.to, type: parsed.query.type ?? "" }} errors={[]} today={today} />
      <p className="dash-scope" data-testid="dash-scope">
        {t("scope", { from: parsed.query.from, to: parsed.query.to, type: parsed.query.type ? tt(parsed.query.type) : t("form.allTypes") })}
      </p>
      <DashboardView data={data} />
    </>
  );
}
