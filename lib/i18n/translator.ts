import { createTranslator } from "next-intl";
import { catalogs, type Messages } from "@/messages";
import type { Locale } from "./locales";

/** Translations outside a page (SMS bodies, CLI output), from the same catalogs the pages use. */
export function translatorFor<N extends keyof Messages>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: catalogs[locale], namespace });
}
