import { z } from "zod";
import { PhoneSchemaPattern } from "@/lib/auth/otp-rules";
import { REF_PATTERN } from "@/lib/domain/ref";
import { FAMILY_MEMBER_CATEGORIES } from "@/lib/categories/list";
import { CONSENT_KEYS, PROOF_KINDS, RELATIONSHIPS, type ProofKind } from "@/lib/domain/values";
import { FAMILY_MEMBER_TYPES, standingProblems } from "@/lib/identity/authority";
import { isPersonName, isSafeLine, isSafeText } from "@/lib/text/safe-text";
import { CORRECTABLE_FIELDS, DATA_CATEGORIES, DELETION_GROUNDS, type CorrectableField } from "./categories";
import { needsRealNameCheck } from "./identity-rule";

/**
 * What a patient submits, per request type: one schema shared by the forms (react-hook-form) and the server
 * (server actions and POST /api/requests). Messages are codes of the one catalog (lib/actions/codes.ts, the
 * `errors` messages). A blank optional text is the same as an absent one, so the form sends its fields as they are.
 */
// Any script, emoji and markup are kept as text; control and bidi-override characters are refused (lib/text/safe-text.ts).
const text = (max: number) => z.string().trim().max(max, "too_long").refine(isSafeText, "invalid_characters");
const requiredText = (max: number) => text(max).min(1, "required");
const line = (max: number) => z.string().trim().max(max, "too_long").refine(isSafeLine, "invalid_characters");
const personName = () => line(50).refine((v) => v === "" || isPersonName(v), "name_invalid");

const Base = z.object({
  idempotencyKey: z.uuid("invalid"),
  relationship: z.enum(RELATIONSHIPS, "invalid").default("self"),
  subjectName: personName().optional(),
  subjectPhone: z
    .string()
    .trim()
    .refine((v) => v === "" || PhoneSchemaPattern.test(v), "phone_invalid")
    .optional(),
  /** A 就诊人 of the requester's own account the request is about (then no name or phone is asked). Blank: someone else. */
  subjectPatientId: z
    .string()
    .trim()
    .refine((v) => v === "" || z.uuid().safeParse(v).success, "invalid")
    .optional(),
  /** A guardian gives the birth date of a child the platform does not know (a 就诊人's is on record). */
  subjectBirthDate: z.string().trim().max(10, "date_invalid").optional(),
  /** A close relative's own lawful interest in a deceased person's information (PIPL Art. 49). */
  relativeInterest: text(2000).optional(),
  proofAttachmentIds: z.array(z.uuid("invalid")).max(5, "too_many_files").default([]),
  /** What each proof document is, by its attachment id. */
  proofKinds: z.record(z.string(), z.enum(PROOF_KINDS, "proof_kind_required")).default({}),
  /** Real-name confirmation for sensitive requests: the name and the last four characters of the ID number. */
  identityName: personName().optional(),
  identityLast4: z
    .string()
    .trim()
    .refine((v) => v === "" || /^[0-9]{3}[0-9Xx]$/.test(v), "id_last4_invalid")
    .optional(),
  description: text(5000).default(""),
});

/** A correction row's field: blank in the form's empty row until one is chosen (then "required" if left so). */
const CorrectableFieldInput = z.union([z.enum(CORRECTABLE_FIELDS), z.literal("")], { error: "invalid" }).transform((field, ctx) => {
  if (field !== "") return field;
  ctx.addIssue({ code: "custom", message: "required" });
  return z.NEVER;
});

const Categories = z.array(z.enum(DATA_CATEGORIES, "invalid")).min(1, "choose_one").max(DATA_CATEGORIES.length);

export const SubmitInput = z
  .discriminatedUnion(
    "type",
    [
      Base.extend({ type: z.literal("access"), categories: Categories }),
      Base.extend({ type: z.literal("portability"), categories: Categories }),
      Base.extend({
        type: z.literal("correction"),
        corrections: z
          .array(
            z.object({
              field: CorrectableFieldInput,
              recordId: z.string().min(1, "required").max(64, "invalid"),
              requested: line(500).min(1, "required"),
            }),
          )
          .min(1, "choose_one")
          .max(20, "too_many"),
        reason: requiredText(2000),
        evidenceAttachmentIds: z.array(z.uuid("invalid")).max(5, "too_many_files").default([]),
      }),
      Base.extend({
        type: z.literal("deletion"),
        categories: z.array(z.enum(DATA_CATEGORIES, "invalid")).max(DATA_CATEGORIES.length).default([]),
        items: z
          .array(z.object({ category: z.enum(DATA_CATEGORIES, "invalid"), id: z.string().min(1).max(64) }))
          .max(200, "too_many")
          .default([]),
        ground: z.enum(DELETION_GROUNDS, "choose_ground"),
      }),
      Base.extend({ type: z.literal("consent"), consents: z.array(z.enum(CONSENT_KEYS, "invalid")).min(1, "choose_one") }),
      Base.extend({ type: z.literal("cancellation") }),
      Base.extend({ type: z.literal("automated_decision"), decisionId: z.uuid("choose_one"), dispute: requiredText(2000) }),
      Base.extend({
        type: z.literal("complaint"),
        relatedRequestRef: z.string().trim().regex(REF_PATTERN, "invalid").optional(),
        description: requiredText(5000),
      }),
    ],
    { error: "invalid_type" },
  )
  .superRefine((v, ctx) => {
    if (v.type === "correction") {
      const seen = new Set<string>();
      v.corrections.forEach((c, i) => {
        const problem = correctedValueProblem(c.field, c.requested);
        if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["corrections", i, "requested"] });
        const key = `${c.field}:${c.recordId}`;
        if (seen.has(key)) ctx.addIssue({ code: "custom", message: "duplicate_field", path: ["corrections", i, "field"] });
        seen.add(key);
      });
    }
    if (v.type === "deletion" && v.categories.length === 0 && v.items.length === 0) {
      ctx.addIssue({ code: "custom", message: "choose_one", path: ["categories"] });
    }
    if (v.relationship === "self") {
      if (v.subjectPatientId) ctx.addIssue({ code: "custom", message: "invalid", path: ["subjectPatientId"] });
      return;
    }
    const member = Boolean(v.subjectPatientId);
    if (member) familyMemberProblems(v).forEach((p) => ctx.addIssue({ code: "custom", ...p }));
    else {
      if (!v.subjectName) ctx.addIssue({ code: "custom", message: "required", path: ["subjectName"] });
      if (!v.subjectPhone) ctx.addIssue({ code: "custom", message: "required", path: ["subjectPhone"] });
    }
    for (const id of v.proofAttachmentIds)
      if (!v.proofKinds[id]) ctx.addIssue({ code: "custom", message: "proof_kind_required", path: ["proofKinds", id] });
    // The age counts on the server, on the day of filing (lib/requests/create.ts).
    const problems = standingProblems({
      relationship: v.relationship,
      type: v.type,
      subjectOnRecord: member,
      subjectBirthDate: member ? undefined : (v.subjectBirthDate ?? ""),
      relativeInterest: v.relativeInterest,
      proofKinds: proofKindsOf(v),
    });
    for (const p of problems) {
      if (p.field === null) continue;
      // "Upload proof" first; which kinds are missing once there is any.
      const message = p.field === "proofAttachmentIds" && v.proofAttachmentIds.length === 0 ? "proof_required" : p.code;
      ctx.addIssue({ code: "custom", message, path: [p.field] });
    }
  });

/** The kinds of the documents attached, as labelled. */
export function proofKindsOf(v: { proofAttachmentIds: readonly string[]; proofKinds: Record<string, ProofKind> }): ProofKind[] {
  return v.proofAttachmentIds.flatMap((id) => (v.proofKinds[id] ? [v.proofKinds[id]] : []));
}

/** A request about a 就诊人 asks for their own records only: the account's rights stay the account holder's. */
function familyMemberProblems(v: {
  type: string;
  categories?: readonly string[];
  items?: readonly unknown[];
}): { message: string; path: string[] }[] {
  if (!(FAMILY_MEMBER_TYPES as readonly string[]).includes(v.type)) return [{ message: "not_for_family_member", path: ["subjectPatientId"] }];
  const problems: { message: string; path: string[] }[] = [];
  if ((v.categories ?? []).some((c) => !(FAMILY_MEMBER_CATEGORIES as readonly string[]).includes(c)))
    problems.push({ message: "category_not_for_family_member", path: ["categories"] });
  if ((v.items ?? []).length > 0) problems.push({ message: "category_not_for_family_member", path: ["items"] });
  return problems;
}

export type SubmitInputT = z.infer<typeof SubmitInput>;

/**
 * What the portal's request form checks before its review step (and the review action again): SubmitInput, and
 * the real-name fields asked up front whenever the server may check them. (The server asks only accounts that
 * have a real-name record, so API callers without one may leave them out.)
 */
export const submitFormInput = (realNameOnFile: boolean) =>
  SubmitInput.superRefine((v, ctx) => {
    // An account without a real-name record is never asked for one: the SMS sign-in proved it holds the account.
    if (!realNameOnFile || !needsRealNameCheck(v)) return;
    if (!v.identityName) ctx.addIssue({ code: "custom", message: "required", path: ["identityName"] });
    if (!v.identityLast4) ctx.addIssue({ code: "custom", message: "required", path: ["identityLast4"] });
  });
/** The form of an account with a real-name record. */
export const SubmitFormInput = submitFormInput(true);

/** The request form's values: the schema's input, one member per request type. */
export type SubmitFormValues = z.input<typeof SubmitInput>;
export type SubmitFormValuesOf<T extends SubmitFormValues["type"]> = Extract<SubmitFormValues, { type: T }>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A corrected value must be a value the field can hold: an e-mail address, a real past date, a phone… */
export function correctedValueProblem(field: CorrectableField, value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  switch (field) {
    case "account.email":
      return EMAIL.test(v) && v.length <= 254 ? null : "email_invalid";
    case "account.birthDate": {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (!m) return "date_invalid";
      const d = new Date(`${v}T00:00:00Z`);
      const ok = !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && Number(m[1]) >= 1900 && d.getTime() <= Date.now();
      return ok ? null : "date_invalid";
    }
    case "account.gender":
      return v === "male" || v === "female" ? null : "gender_invalid";
    case "address.phone":
      return PhoneSchemaPattern.test(v) ? null : "phone_invalid";
    case "address.postalCode":
      return /^\d{6}$/.test(v) ? null : "postal_code_invalid";
    case "real_name.realName":
    case "address.recipientName":
      return isPersonName(v) ? null : "name_invalid";
    default:
      return null;
  }
}
