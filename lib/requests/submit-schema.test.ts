import { randomUUID } from "node:crypto";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { needsRealNameCheck } from "./identity-rule";
import { SubmitInput } from "./submit-schema";

/** `n` proof documents, each labelled as a household register. */
const proofs = (n: number) => {
  const ids = Array.from({ length: n }, () => randomUUID());
  return { proofAttachmentIds: ids, proofKinds: Object.fromEntries(ids.map((id) => [id, "household_register"])) };
};
const childBorn = `${new Date().getUTCFullYear() - 8}-06-01`;
const errorsOf = (v: Record<string, unknown>) => {
  const parsed = SubmitInput.safeParse({ idempotencyKey: randomUUID(), ...v });
  return parsed.success ? null : z.flattenError(parsed.error).fieldErrors;
};
const issuesOf = (v: Record<string, unknown>) => {
  const parsed = SubmitInput.safeParse({ idempotencyKey: randomUUID(), ...v });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
};

describe("the submission schema (bad input gets a code, never a crash)", () => {
  it("refuses a forged type or category with a code", () => {
    expect(issuesOf({ type: "everything", categories: ["account"] })).toContain("type:invalid_type");
    expect(errorsOf({ type: "access", categories: ["account", "salary"] })).toMatchObject({ categories: ["invalid"] });
    expect(errorsOf({ type: "consent", consents: ["mind_reading"] })).toMatchObject({ consents: ["invalid"] });
    expect(errorsOf({ type: "deletion", categories: ["account"], ground: "because" })).toMatchObject({ ground: ["choose_ground"] });
  });

  it("refuses more than five proof documents", () => {
    const acting = {
      type: "complaint",
      description: "代孩子咨询",
      relationship: "guardian",
      subjectName: "周一诺",
      subjectPhone: "13800138000",
      subjectBirthDate: childBorn,
    };
    expect(errorsOf({ ...acting, ...proofs(6) })).toMatchObject({ proofAttachmentIds: ["too_many_files"] });
    expect(errorsOf({ ...acting, ...proofs(5) })).toBeNull();
  });

  it("refuses 100,000 characters", () => {
    expect(errorsOf({ type: "complaint", description: "长".repeat(100_000) })).toMatchObject({ description: ["too_long"] });
  });

  it("keeps emoji, right-to-left text and markup in free text, and refuses invisible controls", () => {
    expect(errorsOf({ type: "complaint", description: "<script>alert(1)</script> 😀 مرحبا" })).toBeNull();
    expect(errorsOf({ type: "complaint", description: "pay \u202Eyllaer" })).toMatchObject({ description: ["invalid_characters"] });
  });

  it("refuses a name that is not a name", () => {
    expect(errorsOf({ type: "access", categories: ["account"], identityName: "😀", identityLast4: "1234" })).toMatchObject({
      identityName: ["name_invalid"],
    });
    const acting = {
      type: "complaint",
      description: "代孩子咨询",
      relationship: "guardian",
      subjectPhone: "13800138000",
      subjectBirthDate: childBorn,
      ...proofs(1),
    };
    expect(errorsOf({ ...acting, subjectName: "<img src=x>" })).toMatchObject({ subjectName: ["name_invalid"] });
    expect(errorsOf({ ...acting, subjectName: "周一诺" })).toBeNull();
  });

  it("checks a corrected value against the field and refuses the same field twice", () => {
    const c = (field: string, requested: string) => ({
      type: "correction",
      reason: "错了",
      corrections: [{ field, recordId: randomUUID(), requested }],
    });
    expect(issuesOf(c("account.email", "not-an-email"))).toContain("corrections.0.requested:email_invalid");
    expect(issuesOf(c("account.birthDate", "2023-02-30"))).toContain("corrections.0.requested:date_invalid");
    expect(issuesOf(c("account.birthDate", "2999-01-01"))).toContain("corrections.0.requested:date_invalid");
    expect(issuesOf(c("account.gender", "unknown"))).toContain("corrections.0.requested:gender_invalid");
    expect(issuesOf(c("address.postalCode", "1000"))).toContain("corrections.0.requested:postal_code_invalid");
    expect(issuesOf(c("address.phone", "12345"))).toContain("corrections.0.requested:phone_invalid");
    expect(issuesOf(c("address.detail", "一行\n两行"))).toContain("corrections.0.requested:invalid_characters");
    expect(issuesOf(c("account.birthDate", "1985-07-21"))).toEqual([]);
    const id = randomUUID();
    const twice = {
      type: "correction",
      reason: "错了",
      corrections: [
        { field: "account.nickname", recordId: id, requested: "a" },
        { field: "account.nickname", recordId: id, requested: "b" },
      ],
    };
    expect(issuesOf(twice)).toContain("corrections.1.field:duplicate_field");
  });

  it("the forms ask for the real-name check exactly when the server needs it", () => {
    expect(needsRealNameCheck({ type: "access", categories: ["account"] })).toBe(false);
    expect(needsRealNameCheck({ type: "access", categories: ["account", "photos"] })).toBe(true);
    expect(needsRealNameCheck({ type: "deletion" })).toBe(true);
    expect(needsRealNameCheck({ type: "cancellation" })).toBe(true);
    expect(needsRealNameCheck({ type: "complaint", relationship: "guardian" })).toBe(true);
    expect(needsRealNameCheck({ type: "consent", relationship: "self" })).toBe(false);
  });
});
