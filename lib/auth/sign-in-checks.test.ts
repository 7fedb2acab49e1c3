import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PatientSignInInput, PhoneInput } from "./schemas";
import { patientSignInErrors, phoneErrors } from "./sign-in-checks";

/** The field error codes a zod schema gives, as the form shows them. */
function schemaErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  if (result.success) return {};
  return Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
}

const phones = fc.oneof(
  fc.constantFrom("13800138000", " 13800138000 ", "12800138000", "1380013800", "138001380001", "", "１３８００１３８０００", "1380013800a"),
  fc.stringMatching(/^\s?1[0-9]{9,11}\s?$/),
  fc.string({ maxLength: 14 }),
);
const codes = fc.oneof(
  fc.constantFrom("123456", " 123456", "12345", "1234567", "12345a", "", "１２３４５６"),
  fc.stringMatching(/^\s?\d{5,7}\s?$/),
  fc.string({ maxLength: 8 }),
);

describe("the patient sign-in form's checks", () => {
  it("refuse exactly what the server's schemas refuse, with the same codes", () => {
    fc.assert(
      fc.property(phones, codes, (phone, code) => {
        expect(phoneErrors({ phone })).toEqual(schemaErrors(PhoneInput.safeParse({ phone })));
        expect(patientSignInErrors({ phone, code })).toEqual(schemaErrors(PatientSignInInput.safeParse({ phone, code })));
      }),
      { numRuns: 2000 },
    );
  });

  it("name the field at fault", () => {
    expect(patientSignInErrors({ phone: "13800138000", code: "123456" })).toEqual({});
    expect(patientSignInErrors({ phone: "12345", code: "123456" })).toEqual({ phone: "phone_invalid" });
    expect(patientSignInErrors({ phone: "13800138000", code: "12 456" })).toEqual({ code: "code_format" });
  });
});
