"use server";

import { headers } from "next/headers";
import { defineAction } from "@/lib/actions/define";
import { failure } from "@/lib/actions/result";
import { clientIp } from "@/lib/auth/options";
import { requestCode } from "@/lib/auth/otp";
import { PhoneInput } from "@/lib/auth/schemas";

/** Sends a sign-in code to a phone. Open to everyone: the limits in lib/auth/otp.ts protect it. */
export const requestCodeAction = defineAction({
  name: "requestCode",
  roles: "anyone",
  schema: PhoneInput,
  run: async ({ db, input, now, locale }) => {
    const ip = clientIp(Object.fromEntries((await headers()).entries()));
    const result = await requestCode(db, { phone: input.phone, ip, now, locale });
    if (result.ok) return result;
    if (result.error === "cooldown") return failure("cooldown", { params: { seconds: result.retryAfterSeconds } });
    return failure(result.error);
  },
});
