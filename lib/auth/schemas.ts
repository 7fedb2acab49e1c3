import { z } from "zod";
import { PhoneSchemaPattern } from "./otp-rules";

/** Form schemas shared by the browser (react-hook-form) and the server. Messages are catalog keys under `errors`. */
export const PhoneInput = z.object({
  phone: z.string().trim().regex(PhoneSchemaPattern, "phone_invalid"),
});

export const PatientSignInInput = PhoneInput.extend({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "code_format"),
});

export const StaffSignInInput = z.object({
  email: z.string().trim().pipe(z.email("email_invalid")),
  password: z.string().min(1, "password_required").max(200, "password_required"),
});

export type PatientSignIn = z.infer<typeof PatientSignInInput>;
export type StaffSignIn = z.infer<typeof StaffSignInInput>;
