import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/env";
import { canAdminister, isManager, isPatient, isStaff } from "@/lib/policy";
import { LanguageSwitcher } from "./language-switcher";
import { SignOutButton } from "./sign-out-button";
import { SignOutEverywhereButton } from "./sign-out-everywhere-button";

export async function SiteHeader() {
  const t = await getTranslations();
  const actor = await getActor();
  return (
    <header className="site-header">
      <div className="inner">
        <Link href="/" className="brand">
          {t("common.appName")}
        </Link>
        <nav aria-label={t("common.appShort")}>
          {actor && isPatient(actor.role) && <Link href="/requests">{t("nav.myRequests")}</Link>}
          {actor && isStaff(actor.role) && <Link href="/queue">{t("nav.queue")}</Link>}
          {actor && isManager(actor.role) && <Link href="/dashboard">{t("dashboard.nav")}</Link>}
          {actor && canAdminister(actor) && <Link href="/admin/calendar">{t("nav.calendar")}</Link>}
          {isDemoMode() && <Link href="/dev/outbox">{t("nav.outbox")}</Link>}
          <LanguageSwitcher />
          {actor && (
            <>
              <span>{t("common.signedInAs", { name: actor.displayName || actor.phone || actor.email || "" })}</span>
              <SignOutButton />
              {isPatient(actor.role) && <SignOutEverywhereButton />}
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
