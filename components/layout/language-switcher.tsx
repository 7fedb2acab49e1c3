"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "@/app/actions/locale";

const NAMES = { "zh-CN": "中文", en: "English" } as const;

export function LanguageSwitcher() {
  const locale = useLocale();
  const t = useTranslations("common");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const other = locale === "en" ? "zh-CN" : "en";
  return (
    <button
      type="button"
      className="btn link"
      lang={other}
      aria-label={`${t("language")}: ${NAMES[other]}`}
      disabled={pending}
      data-testid="language-switch"
      onClick={() =>
        startTransition(async () => {
          await setLocale(other);
          router.refresh();
        })
      }
    >
      {NAMES[other]}
    </button>
  );
}
