import { describe, expect, it } from "vitest";
import { safeParse, type $ZodType } from "zod/v4/core";
import { catalogs } from "@/messages";
import { ReplyInput } from "@/lib/requests/reply-schema";
import { SubmitInput } from "@/lib/requests/submit-schema";
import type { RequestCodeResult, VerifyCodeResult } from "@/lib/auth/otp";
import type { SubmitError } from "@/lib/requests/create";
import type { PatientActionError } from "@/lib/requests/patient-actions";
import type { StoreUploadResult } from "@/lib/uploads/store";
import { ERROR_CODES, SIGN_IN_ONLY_CODES, STAFF_ONLY_CODES, type PatientFacingCode, type PortalCode } from "./codes";
import { fieldErrorsOf } from "./result";

describe("ERROR_CODES", () => {
  it.each(Object.keys(catalogs) as (keyof typeof catalogs)[])("every code has a sentence in the %s errors catalog", (locale) => {
    const errors = catalogs[locale].errors as Record<string, string>;
    const missing = ERROR_CODES.filter((code) => typeof errors[code] !== "string" || errors[code].trim() === "");
    expect(missing).toEqual([]);
  });

  it("lists each code once", () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(new Set(STAFF_ONLY_CODES).size).toBe(STAFF_ONLY_CODES.length);
    expect(new Set(SIGN_IN_ONLY_CODES).size).toBe(SIGN_IN_ONLY_CODES.length);
  });
});

// What a patient's action, filing and upload can answer is a portal code, what the sign-in answers a patient-facing
// one: checked by the compiler (`next build` type-checks this file), so a code a patient's page is not sent but can
// meet fails the build, not the patient.
type PatientFacing<T extends PatientFacingCode> = T;
type Portal<T extends PortalCode> = T;
export type PatientResultCodes = [
  Portal<PatientActionError>,
  Portal<SubmitError>,
  Portal<Extract<StoreUploadResult, { ok: false }>["error"]>,
  PatientFacing<Extract<RequestCodeResult, { ok: false }>["error"]>,
  PatientFacing<Exclude<Extract<VerifyCodeResult, { ok: false }>["error"], "invalid">>,
];

describe("the patient's schemas", () => {
  const key = "3f0c2a4e-1b2c-4d3e-8f9a-0b1c2d3e4f5a";
  const bad: [string, $ZodType, unknown][] = [
    ["no type", SubmitInput, { idempotencyKey: "x" }],
    ["access, nothing chosen", SubmitInput, { type: "access", idempotencyKey: key, categories: [] }],
    [
      "acting for someone, nothing given",
      SubmitInput,
      {
        type: "access",
        idempotencyKey: key,
        relationship: "authorised_agent",
        subjectName: "1",
        subjectPhone: "12",
        categories: ["prescriptions"],
        identityLast4: "12",
      },
    ],
    [
      "correction, blank and wrong",
      SubmitInput,
      {
        type: "correction",
        idempotencyKey: key,
        corrections: [
          { field: "", recordId: "", requested: "" },
          { field: "account.email", recordId: "a", requested: "x" },
          { field: "account.birthDate", recordId: "a", requested: "x" },
          { field: "account.gender", recordId: "a", requested: "x" },
          { field: "address.postalCode", recordId: "a", requested: "x" },
          { field: "address.postalCode", recordId: "a", requested: "1" },
        ],
        reason: "\u202e",
      },
    ],
    ["deletion without a ground", SubmitInput, { type: "deletion", idempotencyKey: key }],
    ["a decision not chosen", SubmitInput, { type: "automated_decision", idempotencyKey: key, dispute: "x".repeat(3000) }],
    [
      "too many files",
      SubmitInput,
      { type: "complaint", idempotencyKey: key, description: "x", proofAttachmentIds: Array.from({ length: 6 }, () => key) },
    ],
    ["an empty reply", ReplyInput, { ref: "DSR-2026-000001", version: 0, message: " " }],
  ];
  it.each(bad)("answer only codes of the catalog: %s", (_, schema, value) => {
    const parsed = safeParse(schema, value);
    expect(parsed.success).toBe(false);
    const codes = Object.values(fieldErrorsOf(parsed.error!.issues));
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((c) => !(ERROR_CODES as readonly string[]).includes(c))).toEqual([]);
    // Patients' pages are sent only the patient-facing sentences (lib/i18n/client-messages.ts).
    expect(codes.filter((c) => [...STAFF_ONLY_CODES, ...SIGN_IN_ONLY_CODES].includes(c as never))).toEqual([]);
  });
});
