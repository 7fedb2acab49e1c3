import { z } from "zod";
import { RELATIONSHIPS } from "@/db/schema/enums";
import { CONSENT_KEYS } from "@/db/schema/platform";
import { PhoneSchemaPattern } from "@/lib/auth/otp-rules";
import { CORRECTABLE_FIELDS, DATA_CATEGORIES, DELETION_GROUNDS } from "./categories";

/**
 * What a patient submits, per request type: one schema shared by the forms (react-hook-form) and the server
 * (server actions and POST /api/requests). Messages are keys of the `portal.errors` catalog.
 */
const text = (max: number) => z.string().trim().max(max, "too_long");
const requiredText = (max: number) => text(max).min(1, "required");

const Base = z.object({
  idempotencyKey: z.uuid("invalid"),
  relationship: z.enum(RELATIONSHIPS, "invalid").default("self"),
  subjectName: text(50).optional(),
  subjectPhone: z.string().trim().regex(PhoneSchemaPattern, "phone_invalid").optional(),
  proofAttachmentIds: z.array(z.uuid("invalid")).max(5, "too_many_files").default([]),
  /** Real-name confirmation for sensitive requests: the name and the last four characters of the ID number. */
  identityName: text(50).optional(),
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
        .array(z.object({ field: z.enum(CORRECTABLE_FIELDS, "invalid"), recordId: z.string().min(1).max(64), requested: requiredText(500) }))
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
        .regex(/^DSR-\d{4}-\d{6,}$/, "invalid")
        .optional(),
      description: requiredText(5000),
    }),
  ], { error: "invalid_type" })
  .superRefine((v, ctx) => {
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
