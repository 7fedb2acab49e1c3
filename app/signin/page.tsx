import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PatientSignInForm } from "@/components/auth/patient-sign-in-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getActor } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/env";
import { isPatient } from "@/lib/policy";

export default async function PatientSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl, "/requests");
  const actor = await getActor();
  if (actor && isPatient(actor.role)) redirect(callbackUrl);
  const t = await getTranslations("signin");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <PatientSignInForm callbackUrl={callbackUrl} demo={isDemoMode()} />
    </>
  );
}
