import { PhoneSchemaPattern, SignInCodePattern } from "./otp-rules";

/**
 * The patient sign-in form's own checks, without zod in the browser (the sign-in page's first-load size, issue 17):
 * the same rules as PhoneInput and PatientSignInInput (lib/auth/schemas.ts), which the server applies again; a test
 * holds the two to the same answers. Each returns the fields' error codes (catalog keys under `errors`), empty when
 * the values pass.
 */
export type SignInFieldErrors = Partial<Record<"phone" | "code", string>>;

export function phoneErrors(values: { phone: string }): SignInFieldErrors {
  return PhoneSchemaPattern.test(values.phone.trim()) ? {} : { phone: "phone_invalid" };
}

export function patientSignInErrors(values: { phone: string; code: string }): SignInFieldErrors {
  return { ...phoneErrors(values), ...(SignInCodePattern.test(values.code.trim()) ? {} : { code: "code_format" }) };
}
