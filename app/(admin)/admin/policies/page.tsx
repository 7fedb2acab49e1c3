import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { REQUEST_TYPES } from "@/lib/domain";
import { PoliciesForm } from "@/components/calendar/policies-form";
import { requireRole } from "@/lib/auth/session";
import { loadSlaPolicies } from "@/lib/calendar/policies";

export default async function PoliciesPage() {
  await requireRole("admin");
  const policies = await loadSlaPolicies(await getDb());
  const t = await getTranslations("admin");
  return (
    <>
      <h1>{t("policiesTitle")}</h1>
      <p className="muted">{t("policiesIntro")}</p>
      <PoliciesForm rows={REQUEST_TYPES.map((type) => ({ type, ...policies[type] }))} />
    </>
  );
}
