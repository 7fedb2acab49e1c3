import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PolicyContact } from "@/components/portal/policy-contact";
import { getActor } from "@/lib/auth/session";
import { isStaff } from "@/lib/policy";

export default async function HomePage() {
  const actor = await getActor();
  if (actor) redirect(isStaff(actor.role) ? "/queue" : "/requests");
  const t = await getTranslations("home");
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <blockquote>{t("policyQuote")}</blockquote>
      <div className="grid-2">
        <section className="card" aria-labelledby="patient-title">
          <h2 id="patient-title">{t("patientTitle")}</h2>
          <p>{t("patientBody")}</p>
          <Link className="btn" href="/signin">
            {t("patientCta")}
          </Link>
        </section>
        <section className="card" aria-labelledby="staff-title">
          <h2 id="staff-title">{t("staffTitle")}</h2>
          <p>{t("staffBody")}</p>
          <Link className="btn secondary" href="/staff/signin">
            {t("staffCta")}
          </Link>
        </section>
      </div>
      <PolicyContact />
    </>
  );
}
