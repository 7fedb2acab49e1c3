/**
 * One zod schema per staff action on a request. Messages are codes of the `staff.errors` catalog; the
 * version the page was rendered with travels with every workflow action (optimistic concurrency).
 */
import { z } from "zod";
import { REFUSAL_REASONS, REQUEST_OUTCOMES } from "@/db/schema/enums";

export const TEXT_MAX = 10_000;
export const REASON_MAX = 1_000;
export const FEE_MAX = 100_000;

const text = (max: number) => z.string("required").trim().min(1, "required").max(max, "tooLong");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "tooLong")
    .optional()
    .transform((s) => (s ? s : undefined));

const base = {
  ref: z.string("required").trim().min(1, "required").max(40, "invalidChoice"),
  version: z.coerce.number("stale").int("stale").min(0, "stale"),
};

/** "12", "12.5", "12.50": at most two decimals, above 0, at most 100,000 yuan. */
const amount = z
  .string("required")
  .trim()
  .min(1, "required")
  .regex(/^\d{1,6}(\.\d{1,2})?$/, "invalidAmount")
  .transform(Number)
  .refine((n) => n > 0 && n <= FEE_MAX, "invalidAmount");

export const StaffActionSchemas = {
  claim: z.object(base),
  start: z.object(base),
  assign: z.object({ ...base, assigneeId: z.uuid("invalidChoice") }),
  pause: z.object({ ...base, reason: z.enum(["identity", "clarification"], "invalidChoice"), message: text(TEXT_MAX) }),
  resume: z.object({ ...base, message: optionalText(TEXT_MAX) }),
  quote_fee: z.object({ ...base, amount, reason: text(REASON_MAX) }),
  complete: z.object({ ...base, outcome: z.enum(REQUEST_OUTCOMES, "invalidChoice"), reply: text(TEXT_MAX) }),
  refuse: z.object({ ...base, reason: z.enum(REFUSAL_REASONS, "invalidChoice"), explanation: text(TEXT_MAX) }),
  reopen: z.object({ ...base, reason: text(REASON_MAX) }),
  note: z.object({ ref: base.ref, body: text(TEXT_MAX) }),
  reply: z.object({ ref: base.ref, body: text(TEXT_MAX) }),
} as const;

export type StaffActionKind = keyof typeof StaffActionSchemas;
export const STAFF_ACTION_KINDS = Object.keys(StaffActionSchemas) as StaffActionKind[];
/** Actions only managers (and admins) may take. */
export const MANAGER_ACTIONS: readonly StaffActionKind[] = ["assign", "reopen"];

/** The result every staff action returns: field errors and the message are catalog keys. */
export type StaffActionResult = {
  ok: boolean;
  fieldErrors: Record<string, string>;
  /** A catalog key (e.g. "workflowErrors.stale", "staff.done.claim"). */
  message?: string;
  /** The reference id of an unexpected error, shown to the user. */
  errorRef?: string;
};
