/**
 * One zod schema per staff action on a request. Messages are codes of the `errors` catalog (lib/actions/codes.ts); the
 * version the page was rendered with travels with every workflow action (optimistic concurrency).
 */
import { z } from "zod";
import { isSafeLine, isSafeText } from "@/lib/text/safe-text";
import { REFUSAL_REASONS, REQUEST_OUTCOMES } from "@/lib/domain";
import { DECEASED_STAFF_CHECKS } from "@/lib/identity/authority";

export const TEXT_MAX = 10_000;
export const REASON_MAX = 1_000;
export const FEE_MAX = 100_000;

// Staff text reaches patients (replies, questions, refusals): the same rule as what patients type — no NUL or other
// control characters (PostgreSQL refuses NUL), no invisible bidi overrides that make a reply read otherwise.
const text = (max: number) => z.string("required").trim().min(1, "required").max(max, "tooLong").refine(isSafeText, "invalid_characters");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "tooLong")
    .refine(isSafeText, "invalid_characters")
    .optional()
    .transform((s) => (s ? s : undefined));

/**
 * The request and the version the page was rendered with. A version that is not a number is no version the
 * request ever had: it is answered like any older one, `stale`.
 */
const base = {
  ref: z.string("required").trim().min(1, "required").max(40, "invalidChoice"),
  version: z.coerce.number().int().min(0).catch(-1),
};

/** "12", "12.5", "12.50": at most two decimals, above 0, at most 100,000 yuan. */
const amount = z
  .string("required")
  .trim()
  .min(1, "required")
  .regex(/^\d{1,6}(\.\d{1,2})?$/, "invalidAmount")
  .transform(Number)
  .refine((n) => n > 0 && n <= FEE_MAX, "invalidAmount");

/** What each form asks for: the browser validates these, the server the same with the request and version. */
export const StaffFormSchemas = {
  claim: z.object({}),
  start: z.object({}),
  assign: z.object({ assigneeId: z.uuid("invalidChoice") }),
  pause: z.object({ reason: z.enum(["identity", "clarification"], "invalidChoice"), message: text(TEXT_MAX) }),
  resume: z.object({ message: optionalText(TEXT_MAX) }),
  /** A cost fee on a repeated request (§8.7): amount, why, and how the patient pays (shown to them). */
  quote_fee: z.object({ amount, reason: text(REASON_MAX), payment: text(REASON_MAX) }),
  complete: z.object({ outcome: z.enum(REQUEST_OUTCOMES, "invalidChoice"), reply: text(TEXT_MAX) }),
  // A declined fee is the patient's answer (answer_fee), never a reason staff pick.
  refuse: z.object({
    reason: z.enum(REFUSAL_REASONS, "invalidChoice").exclude(["repeat_fee_declined"], "invalidChoice"),
    explanation: text(TEXT_MAX),
  }),
  reopen: z.object({ reason: text(REASON_MAX) }),
  /** Accepting the proofs of who asks and for whom: what the decision rests on. */
  /** `checked`: what staff confirm having checked (a close relative's request: the deceased's own arrangements). */
  verify: z.object({
    note: text(REASON_MAX),
    checked: z.array(z.enum(DECEASED_STAFF_CHECKS, "invalidChoice")).max(DECEASED_STAFF_CHECKS.length, "invalidChoice").default([]),
  }),
  note: z.object({ body: text(TEXT_MAX) }),
  reply: z.object({ body: text(TEXT_MAX) }),
} as const;

export const StaffActionSchemas = {
  claim: StaffFormSchemas.claim.extend(base),
  start: StaffFormSchemas.start.extend(base),
  assign: StaffFormSchemas.assign.extend(base),
  pause: StaffFormSchemas.pause.extend(base),
  resume: StaffFormSchemas.resume.extend(base),
  quote_fee: StaffFormSchemas.quote_fee.extend(base),
  complete: StaffFormSchemas.complete.extend(base),
  refuse: StaffFormSchemas.refuse.extend(base),
  reopen: StaffFormSchemas.reopen.extend(base),
  verify: StaffFormSchemas.verify.extend(base),
  note: StaffFormSchemas.note.extend({ ref: base.ref }),
  reply: StaffFormSchemas.reply.extend({ ref: base.ref }),
} as const;

export type StaffActionKind = keyof typeof StaffActionSchemas;
export const STAFF_ACTION_KINDS = Object.keys(StaffActionSchemas) as StaffActionKind[];
/** Actions only managers (and admins) may take. */
export const MANAGER_ACTIONS: readonly StaffActionKind[] = ["assign", "reopen"];

/** A manager's edit of one reply template (lib/requests/reply-templates.ts). */
export const TemplateEdit = z.object({
  id: z.uuid("invalidChoice"),
  title: z.string("required").trim().min(1, "required").max(200, "tooLong").refine(isSafeLine, "invalid_characters"),
  body: z.string("required").trim().min(1, "required").max(10_000, "tooLong").refine(isSafeText, "invalid_characters"),
});
export type TemplateEditT = z.infer<typeof TemplateEdit>;
