import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AreaIntlProvider } from "@/components/layout/area-intl-provider";
import { getDb } from "@/db/client";
import { requireRole } from "@/lib/auth/session";
import { missingNextYear } from "@/lib/calendar/coverage";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireRole("admin");
  const t = await getTranslations();
  const missing = await missingNextYear(await getDb(), new Date());
  return (
    <>
      <nav aria-label={t("common.appShort")} className="row" style={{ marginBottom: 12 }}>
        <Link href="/admin/calendar">{t("nav.calendar")}</Link>
        <Link href="/admin/policies">{t("nav.policies")}</Link>
        <Link href="/admin/data-map">{t("nav.dataMap")}</Link>
        <Link href="/admin/schedules">{t("nav.schedules")}</Link>
      </nav>
      {missing && (
        <p className="alert warn" role="status" data-testid="next-year-banner">
          {t("admin.nextYearMissing", { year: missing })} <Link href={`/admin/calendar?year=${missing}`}>{t("admin.importNow")}</Link>
        </p>
      )}
      <AreaIntlProvider area="admin">{children}</AreaIntlProvider>
    </>
  );
}
