"use client";

import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { signOutEverywhereAction } from "@/app/actions/sessions";
import { useHydrated } from "@/components/ui/use-hydrated";
import { signOutTo } from "@/lib/auth/browser";

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
          await signOutTo("/signin");
        })
      }
    >
      {t("signOutEverywhere")}
    </button>
  );
}
