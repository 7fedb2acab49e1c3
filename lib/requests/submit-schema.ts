// zod/mini: the smaller API (the server alone parses; the request form sends its values to the review action).
import * as z from "zod/mini";
import { PhoneSchemaPattern } from "@/lib/auth/otp-rules";
import { REF_PATTERN } from "@/lib/domain/ref";
import { FAMILY_MEMBER_CATEGORIES } from "@/lib/categories/list";
import { CONSENT_KEYS, PROOF_KINDS, RELATIONSHIPS, type ProofKind } from "@/lib/domain/values";
import { FAMILY_MEMBER_TYPES, standingProblems } from "@/lib/identity/authority";
import { isPersonName, isSafeLine, isSafeText } from "@/lib/text/safe-text";
import { CORRECTABLE_FIELDS, DATA_CATEGORIES, DELETION_GROUNDS, type CorrectableField } from "./categories";

/**
 * What a patient submits, per request type: one schema for the portal's review and filing actions and
 * POST /api/requests; the form in the browser sends its values as they are and shows the field errors this gives.
 * Messages are codes of the one catalog (lib/actions/codes.ts, the `errors` messages). A blank optional text is the
 * same as an absent one.
 */
type StringCheck = z.core.CheckFn<string> | z.core.$ZodCheck<string>;
// Any script, emoji and markup are kept as text; control and bidi-override characters are refused (lib/text/safe-text.ts).
const text = (max: number, ...more: StringCheck[]) =>
  z.string().check(z.trim(), z.maxLength(max, "too_long"), z.refine(isSafeText, "invalid_characters"), ...more);
const requiredText = (max: number) => text(max, z.minLength(1, "required"));
const line = (max: number, ...more: StringCheck[]) =>
  z.string().check(z.trim(), z.maxLength(max, "too_long"), z.refine(isSafeLine, "invalid_characters"), ...more);
const personName = () =>
  line(
    50,
    z.refine((v) => v === "" || isPersonName(v), "name_invalid"),
  );
const Uuid = z.uuid();

const Base = z.object({
  idempotencyKey: z.uuid("invalid"),
  relationship: z._default(z.enum(RELATIONSHIPS, "invalid"), "self"),
  subjectName: z.optional(personName()),
  subjectPhone: z.optional(
    z.string().check(
      z.trim(),
      z.refine((v) => v === "" || PhoneSchemaPattern.test(v), "phone_invalid"),
    ),
  ),
  /** A 就诊人 of the requester's own account the request is about (then no name or phone is asked). Blank: someone else. */
  subjectPatientId: z.optional(
    z.string().check(
      z.trim(),
      z.refine((v) => v === "" || Uuid.safeParse(v).success, "invalid"),
    ),
  ),
  /** A guardian gives the birth date of a child the platform does not know (a 就诊人's is on record). */
  subjectBirthDate: z.optional(z.string().check(z.trim(), z.maxLength(10, "date_invalid"))),
  /** A close relative's own lawful interest in a deceased person's information (PIPL Art. 49). */
  relativeInterest: z.optional(text(2000)),
  proofAttachmentIds: z._default(z.array(z.uuid("invalid")).check(z.maxLength(5, "too_many_files")), []),
  /** What each proof document is, by its attachment id. */
  proofKinds: z._default(z.record(z.string(), z.enum(PROOF_KINDS, "proof_kind_required")), {}),
  /** Real-name confirmation for sensitive requests: the name and the last four characters of the ID number. */
  identityName: z.optional(personName()),
  identityLast4: z.optional(
    z.string().check(
      z.trim(),
      z.refine((v) => v === "" || /^[0-9]{3}[0-9Xx]$/.test(v), "id_last4_invalid"),
    ),
  ),
  description: z._default(text(5000), ""),
});

/** A correction row's field: blank in the form's empty row until one is chosen (then "required" if left so). */
const CorrectableFieldInput = z.pipe(
  z.union([z.enum(CORRECTABLE_FIELDS), z.literal("")], { error: "invalid" }),
  z.transform((field: CorrectableField | "", ctx) => {
    if (field !== "") return field;
    ctx.issues.push({ code: "custom", message: "required", input: field });
    return z.NEVER;
  }),
);

const Categories = z.array(z.enum(DATA_CATEGORIES, "invalid")).check(z.minLength(1, "choose_one"), z.maxLength(DATA_CATEGORIES.length));

const ByType = z.discriminatedUnion(
  "type",
  [
    z.extend(Base, { type: z.literal("access"), categories: Categories }),
    z.extend(Base, { type: z.literal("portability"), categories: Categories }),
    z.extend(Base, {
      type: z.literal("correction"),
      corrections: z
        .array(
          z.object({
            field: CorrectableFieldInput,
            recordId: z.string().check(z.minLength(1, "required"), z.maxLength(64, "invalid")),
            requested: line(500, z.minLength(1, "required")),
          }),
        )
        .check(z.minLength(1, "choose_one"), z.maxLength(20, "too_many")),
      reason: requiredText(2000),
      evidenceAttachmentIds: z._default(z.array(z.uuid("invalid")).check(z.maxLength(5, "too_many_files")), []),
    }),
    z.extend(Base, {
      type: z.literal("deletion"),
      categories: z._default(z.array(z.enum(DATA_CATEGORIES, "invalid")).check(z.maxLength(DATA_CATEGORIES.length)), []),
      items: z._default(
        z
          .array(z.object({ category: z.enum(DATA_CATEGORIES, "invalid"), id: z.string().check(z.minLength(1), z.maxLength(64)) }))
          .check(z.maxLength(200, "too_many")),
        [],
      ),
      ground: z.enum(DELETION_GROUNDS, "choose_ground"),
    }),
    z.extend(Base, { type: z.literal("consent"), consents: z.array(z.enum(CONSENT_KEYS, "invalid")).check(z.minLength(1, "choose_one")) }),
    z.extend(Base, { type: z.literal("cancellation") }),
    z.extend(Base, { type: z.literal("automated_decision"), decisionId: z.uuid("choose_one"), dispute: requiredText(2000) }),
    z.extend(Base, {
      type: z.literal("complaint"),
      relatedRequestRef: z.optional(z.string().check(z.trim(), z.regex(REF_PATTERN, "invalid"))),
      description: requiredText(5000),
    }),
  ],
  { error: "invalid_type" },
);

export const SubmitInput = ByType.check(
  z.superRefine((v: z.output<typeof ByType>, ctx) => {
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
  }),
);

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
