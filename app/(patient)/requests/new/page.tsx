import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { REQUEST_TYPES } from "@/lib/domain";
import { PolicyQuote } from "@/components/portal/policy-quote";
import { requireRole } from "@/lib/auth/session";
import { dueWorkingDaysByType } from "@/lib/requests/expected-due";

/** Step one: which right. Each type with a line of explanation, the clause it rests on and how soon we answer. */
export default async function NewRequestPage() {
  await requireRole("patient");
  const days = await dueWorkingDaysByType(await getDb());
  const t = await getTranslations();
  return (
    <>
      <p>
        <Link href="/requests">{t("portal.detail.back")}</Link>
      </p>
      <h1>{t("portal.chooser.title")}</h1>
      <p>{t("portal.chooser.intro")}</p>
      <ul className="portal-types" data-testid="request-types">
        {REQUEST_TYPES.map((type) => (
          <li key={type} className="card">
            <h2 id={`type-${type}`}>{t(`types.${type}`)}</h2>
            <p>{t(`portal.chooser.summary.${type}`)}</p>
            <PolicyQuote clause={type} compact />
            <p className="muted">{t("portal.chooser.dueIn", { days: days[type] })}</p>
            <Link className="btn" href={`/requests/new/${type}`} aria-describedby={`type-${type}`} data-testid={`start-${type}`}>
              {t("portal.chooser.start", { type: t(`types.${type}`) })}
            </Link>
          </li>
        ))}
      </ul>
      <section className="card portal-acting-note" aria-labelledby="acting-title">
        <h2 id="acting-title">{t("portal.chooser.actingTitle")}</h2>
        <p>{t("portal.chooser.actingBody")}</p>
      </section>
    </>
  );
}
