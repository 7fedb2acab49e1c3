"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";
import { z } from "zod";

const LocaleInput = z.enum(LOCALES);

/** Remembers the chosen language for a year. */
export async function setLocale(locale: string): Promise<{ ok: boolean }> {
  const parsed = LocaleInput.safeParse(locale);
  if (!parsed.success) return { ok: false };
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  return { ok: true };
}
