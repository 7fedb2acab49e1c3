"use server";

import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import { clientIp } from "@/lib/auth/options";
import { requestCode } from "@/lib/auth/otp";
import { PhoneInput } from "@/lib/auth/schemas";
import { logUnexpected } from "@/lib/errors";
import { asLocale } from "@/lib/i18n/locales";

export type RequestCodeState =
  | { ok: true; resendAfterSeconds: number }
  | { ok: false; fieldErrors?: { phone?: string[] }; error?: string; params?: Record<string, string | number> };

/** Sends a sign-in code to a phone. Open to everyone: the limits in lib/auth/otp.ts protect it. */
export async function requestCodeAction(input: { phone: string }): Promise<RequestCodeState> {
  const parsed = PhoneInput.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: { phone: ["phone_invalid"] } };
  try {
    const h = await headers();
    const result = await requestCode(await getDb(), {
      phone: parsed.data.phone,
      ip: clientIp(Object.fromEntries(h.entries())),
      now: new Date(),
      locale: asLocale(await getLocale()),
    });
    if (result.ok) return result;
    if (result.error === "cooldown") return { ok: false, error: "cooldown", params: { seconds: result.retryAfterSeconds } };
    return { ok: false, error: result.error };
  } catch (e) {
    return { ok: false, error: "unexpected", params: { ref: logUnexpected(e, { action: "requestCode" }) } };
  }
}
