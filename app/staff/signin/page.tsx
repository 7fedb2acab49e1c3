import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StaffSignInForm } from "@/components/auth/staff-sign-in-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getActor } from "@/lib/auth/session";
import { isStaff } from "@/lib/policy";

export default async function StaffSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl, "/queue");
  const actor = await getActor();
  if (actor && isStaff(actor.role)) redirect(callbackUrl);
  const t = await getTranslations("staffSignin");
  return (
    <>
      <h1>{t("title")}</h1>
      <StaffSignInForm callbackUrl={callbackUrl} />
    </>
  );
}
