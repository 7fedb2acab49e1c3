// zod/mini: these schemas run in the sign-in forms (first-load size of the patient pages) as well as on the server.
import * as z from "zod/mini";
import { PhoneSchemaPattern } from "./otp-rules";

/** Form schemas shared by the browser (react-hook-form) and the server. Messages are catalog keys under `errors`. */
export const PhoneInput = z.object({
  phone: z.string().check(z.trim(), z.regex(PhoneSchemaPattern, "phone_invalid")),
});

export const PatientSignInInput = z.extend(PhoneInput, {
  code: z.string().check(z.trim(), z.regex(/^\d{6}$/, "code_format")),
});

export const StaffSignInInput = z.object({
  email: z.pipe(z.string().check(z.trim()), z.email("email_invalid")),
  password: z.string().check(z.minLength(1, "password_required"), z.maxLength(200, "password_required")),
});

export type PatientSignIn = z.infer<typeof PatientSignInInput>;
export type StaffSignIn = z.infer<typeof StaffSignInInput>;
