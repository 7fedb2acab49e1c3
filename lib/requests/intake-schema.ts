import { z } from "zod";
import { PhoneSchemaPattern } from "@/lib/auth/otp-rules";
import { INTAKE_CHANNELS, INTAKE_IDENTITY_CHECKS, REQUEST_TYPES, type RequestType } from "@/lib/domain/values";
import { LOCALES } from "@/lib/i18n/locales";
import { isPersonName, isSafeLine, isSafeText } from "@/lib/text/safe-text";
import { DATA_CATEGORIES, DELETION_GROUNDS } from "./categories";

/**
 * What staff enter when they log a request received by phone, letter, e-mail or at the counter: one schema for
 * the form and the server action (lib/requests/intake.ts). The scope is a staff-friendly subset of the patient's
 * form: the data categories for access, portability and deletion (and a deletion's ground), a written description
 * of what is asked for every other type. Messages are codes of the one catalog (lib/actions/codes.ts).
 */
const text = (max: number) => z.string().trim().max(max, "too_long").refine(isSafeText, "invalid_characters");

/** Types whose scope is a choice of data categories; the others are described in words. */
export const CATEGORY_TYPES = ["access", "portability", "deletion"] as const satisfies readonly RequestType[];
export const isCategoryType = (t: RequestType) => (CATEGORY_TYPES as readonly RequestType[]).includes(t);

export const IntakeInput = z
  .object({
    idempotencyKey: z.uuid("invalid"),
    channel: z.enum(INTAKE_CHANNELS, "invalidChoice"),
    /** The original time of receipt, as a Shanghai date and time. */
    receivedDate: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "date_invalid"),
    receivedTime: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "date_invalid"),
    type: z.enum(REQUEST_TYPES, "invalid_type"),
    categories: z.array(z.enum(DATA_CATEGORIES, "invalid")).max(DATA_CATEGORIES.length).default([]),
    ground: z.union([z.enum(DELETION_GROUNDS), z.literal("")], "choose_ground").default(""),
    description: text(5000).default(""),
    patientName: z
      .string()
      .trim()
      .min(1, "required")
      .max(50, "too_long")
      .refine((v) => isSafeLine(v) && isPersonName(v), "name_invalid"),
    patientPhone: z.string().trim().regex(PhoneSchemaPattern, "phone_invalid"),
    /** The language the patient is answered in (SMS and replies). */
    locale: z.enum(LOCALES, "invalidChoice").default("zh-CN"),
    identityCheck: z.enum(INTAKE_IDENTITY_CHECKS, "invalidChoice"),
    identityNote: text(1000).default(""),
    /** Scanned letters and other documents staff uploaded for this request (POST /api/uploads?purpose=proof). */
    attachmentIds: z.array(z.uuid("invalid")).max(5, "too_many_files").default([]),
  })
  .superRefine((v, ctx) => {
    // A date that matches the pattern but does not exist (2026-02-30).
    const d = new Date(`${v.receivedDate}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v.receivedDate) {
      ctx.addIssue({ code: "custom", message: "date_invalid", path: ["receivedDate"] });
    }
    if (isCategoryType(v.type)) {
      if (v.categories.length === 0) ctx.addIssue({ code: "custom", message: "choose_one", path: ["categories"] });
    } else if (v.description === "") {
      ctx.addIssue({ code: "custom", message: "required", path: ["description"] });
    }
    if (v.type === "deletion" && v.ground === "") ctx.addIssue({ code: "custom", message: "choose_ground", path: ["ground"] });
    if (v.identityCheck === "not_verified" && v.identityNote === "") {
      // Why it could not be checked is what the agent who works the request needs first.
      ctx.addIssue({ code: "custom", message: "note_required", path: ["identityNote"] });
    }
  });
export type IntakeInputT = z.infer<typeof IntakeInput>;

/** The instant of a Shanghai date and time (UTC+8 all year). */
export function receiptInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}
