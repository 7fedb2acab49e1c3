// zod/mini: these schemas run in the staff sign-in form as well as on the server; the patient sign-in form checks
// with lib/auth/sign-in-checks.ts (no zod in the patient sign-in page, issue 17), which a test holds to these schemas.
import * as z from "zod/mini";
import { PhoneSchemaPattern, SignInCodePattern } from "./otp-rules";

/** Form schemas shared by the browser (react-hook-form) and the server. Messages are catalog keys under `errors`. */
export const PhoneInput = z.object({
  phone: z.string().check(z.trim(), z.regex(PhoneSchemaPattern, "phone_invalid")),
});

export const PatientSignInInput = z.extend(PhoneInput, {
  code: z.string().check(z.trim(), z.regex(SignInCodePattern, "code_format")),
});

export const StaffSignInInput = z.object({
  email: z.pipe(z.string().check(z.trim()), z.email("email_invalid")),
  password: z.string().check(z.minLength(1, "password_required"), z.maxLength(200, "password_required")),
});

export type PatientSignIn = z.infer<typeof PatientSignInInput>;
export type StaffSignIn = z.infer<typeof StaffSignInInput>;
