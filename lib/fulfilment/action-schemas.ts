/**
 * The fulfilment panel's forms, one zod schema each, shared by the browser (react-hook-form) and the server
 * action. Messages are codes of the `errors` catalog (lib/actions/codes.ts). The correction form sends one
 * decision (approve | reject) and reason per requested change, under `decisions.<n>`, with the change's index.
 */
import { z } from "zod";
import { DATA_CATEGORIES } from "@/lib/requests/categories";
import { REASON_MAX } from "@/lib/requests/staff-action-schemas";
import { isSafeText } from "@/lib/text/safe-text";
import { ITEM_REFUSAL_REASONS } from "./items";

const ref = z.string("required").trim().min(1, "required").max(40, "invalidChoice");
const confirm = z.literal("yes", "confirmRequired");

const decision = z.object({
  index: z.coerce.number("invalidChoice").int("invalidChoice").min(0, "invalidChoice").max(99, "invalidChoice"),
  approve: z.enum(["approve", "reject"], "decisionRequired").transform((v) => v === "approve"),
  reason: z
    .string()
    .trim()
    .max(REASON_MAX, "tooLong")
    .refine(isSafeText, "invalid_characters")
    .optional()
    .transform((s) => (s ? s : undefined)),
});

/**
 * Requested categories staff decline, each with a refusal reason the requester is told: one `withhold.<n>` entry
 * per category the form lists, its reason empty when the category is done as asked (those entries are dropped).
 */
const withhold = z.preprocess(
  (v) => (Array.isArray(v) ? v.filter((w) => w && typeof w === "object" && (w as { reason?: unknown }).reason) : v),
  z
    .array(z.object({ category: z.enum(DATA_CATEGORIES, "invalidChoice"), reason: z.enum(ITEM_REFUSAL_REASONS, "invalidChoice") }))
    .max(DATA_CATEGORIES.length, "invalidChoice")
    .default([]),
);

/** What each form asks for; the request (and a notice's id) travel beside it. */
export const FulfilmentFormSchemas = {
  prepare: z.object({ withhold }),
  release: z.object({ confirm }),
  correction: z.object({ decisions: z.array(decision).min(1, "decisionRequired").max(100, "invalidChoice") }),
  deletion: z.object({
    confirm,
    /** Categories staff ask to delete outright instead of what the data map says; refused for held ones. */
    forceDelete: z.array(z.enum(DATA_CATEGORIES, "invalidChoice")).max(DATA_CATEGORIES.length, "invalidChoice").default([]),
    withhold,
  }),
  consent: z.object({}),
  cancellation: z.object({ confirm }),
  confirm_recipient: z.object({ note: z.string().trim().max(REASON_MAX, "tooLong").refine(isSafeText, "invalid_characters").default("") }),
} as const;

export const FulfilmentSchemas = {
  prepare: FulfilmentFormSchemas.prepare.extend({ ref }),
  release: FulfilmentFormSchemas.release.extend({ ref }),
  correction: FulfilmentFormSchemas.correction.extend({ ref }),
  deletion: FulfilmentFormSchemas.deletion.extend({ ref }),
  consent: FulfilmentFormSchemas.consent.extend({ ref }),
  cancellation: FulfilmentFormSchemas.cancellation.extend({ ref }),
  confirm_recipient: FulfilmentFormSchemas.confirm_recipient.extend({
    ref,
    noticeId: z.coerce.number("invalidChoice").int("invalidChoice").positive("invalidChoice"),
  }),
} as const;

export type FulfilmentActionKind = keyof typeof FulfilmentSchemas;
