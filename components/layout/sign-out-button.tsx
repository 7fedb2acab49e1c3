"use client";

import { useTranslations } from "next-intl";
import { useHydrated } from "@/components/ui/use-hydrated";
import { signOutTo } from "@/lib/auth/browser";

export function SignOutButton() {
  const t = useTranslations("common");
  // Signing out runs in the browser: until the script is there, the button says so by being disabled.
  const hydrated = useHydrated();
  return (
    <button type="button" className="btn link" disabled={!hydrated} onClick={() => signOutTo("/")}>
      {t("signOut")}
    </button>
  );
}
