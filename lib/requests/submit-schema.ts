import { z } from "zod";
import { PhoneSchemaPattern } from "@/lib/auth/otp-rules";
import { REF_PATTERN } from "@/lib/domain/ref";
import { CONSENT_KEYS, RELATIONSHIPS } from "@/lib/domain/values";
import { isPersonName, isSafeLine, isSafeText } from "@/lib/text/safe-text";
import { CORRECTABLE_FIELDS, DATA_CATEGORIES, DELETION_GROUNDS, type CorrectableField } from "./categories";

/**
 * What a patient submits, per request type: one schema shared by the forms (react-hook-form) and the server
 * (server actions and POST /api/requests). Messages are keys of the `portal.errors` catalog.
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
  subjectPhone: z.string().trim().regex(PhoneSchemaPattern, "phone_invalid").optional(),
  proofAttachmentIds: z.array(z.uuid("invalid")).max(5, "too_many_files").default([]),
  /** Real-name confirmation for sensitive requests: the name and the last four characters of the ID number. */
  identityName: personName().optional(),
  identityLast4: z
    .string()
    .trim()
    .regex(/^[0-9]{3}[0-9Xx]$/, "id_last4_invalid")
    .optional(),
  description: text(5000).default(""),
});

const Categories = z.array(z.enum(DATA_CATEGORIES, "invalid")).min(1, "choose_one").max(DATA_CATEGORIES.length);

export const SubmitInput = z
  .discriminatedUnion("type", [
    Base.extend({ type: z.literal("access"), categories: Categories }),
    Base.extend({ type: z.literal("portability"), categories: Categories }),
    Base.extend({
      type: z.literal("correction"),
      corrections: z
        .array(z.object({ field: z.enum(CORRECTABLE_FIELDS, "invalid"), recordId: z.string().min(1).max(64), requested: line(500).min(1, "required") }))
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
      relatedRequestRef: z
        .string()
        .trim()
        .regex(REF_PATTERN, "invalid")
        .optional(),
      description: requiredText(5000),
    }),
  ], { error: "invalid_type" })
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
    if (v.relationship !== "self") {
      if (!v.subjectName) ctx.addIssue({ code: "custom", message: "required", path: ["subjectName"] });
      if (!v.subjectPhone) ctx.addIssue({ code: "custom", message: "required", path: ["subjectPhone"] });
      if (v.proofAttachmentIds.length === 0) ctx.addIssue({ code: "custom", message: "proof_required", path: ["proofAttachmentIds"] });
    }
  });

export type SubmitInputT = z.infer<typeof SubmitInput>;

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
