import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DATE_FORMATS, TIME_ZONE } from "@/lib/i18n/dates";
import { asLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { catalogs } from "@/messages";

export default getRequestConfig(async () => {
  const locale = asLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, timeZone: TIME_ZONE, formats: { dateTime: DATE_FORMATS }, messages: catalogs[locale] };
});
