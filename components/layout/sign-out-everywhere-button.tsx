"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { signOutEverywhereAction } from "@/app/actions/sessions";
import { useHydrated } from "@/components/ui/use-hydrated";

/** Ends every session of the patient on the server (a lost phone, a shared computer), then signs this browser out. */
export function SignOutEverywhereButton() {
  const t = useTranslations("common");
  const [pending, start] = useTransition();
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      className="btn link"
      disabled={pending || !hydrated}
      onClick={() =>
        start(async () => {
          await signOutEverywhereAction({});
          await signOut({ callbackUrl: "/signin" });
        })
      }
    >
      {t("signOutEverywhere")}
    </button>
  );
}
