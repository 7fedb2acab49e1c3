import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import type { Locale } from "./locales";

const catalogs = { "zh-CN": zhCN, en } as const;

/** Translations outside a page (SMS bodies, CLI output), from the same catalogs the pages use. */
export function translatorFor<N extends keyof typeof zhCN>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: catalogs[locale] as typeof zhCN, namespace });
}
