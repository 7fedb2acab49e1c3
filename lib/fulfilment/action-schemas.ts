/**
 * The fulfilment panel's forms, one zod schema each. Messages are codes of the `staff.errors` catalog. The
 * correction form sends one `decision.<n>` (approve | reject) and `reason.<n>` per requested change; it is
 * gathered into a list before validation.
 */
import { z } from "zod";
import { DATA_CATEGORIES } from "@/lib/requests/categories";
import { REASON_MAX } from "@/lib/requests/staff-action-schemas";

const ref = z.string("required").trim().min(1, "required").max(40, "invalidChoice");

const decision = z.object({
  index: z.coerce.number("invalidChoice").int("invalidChoice").min(0, "invalidChoice").max(99, "invalidChoice"),
  approve: z.enum(["approve", "reject"], "decisionRequired").transform((v) => v === "approve"),
  reason: z
    .string()
    .trim()
    .max(REASON_MAX, "tooLong")
    .optional()
    .transform((s) => (s ? s : undefined)),
});

export const FulfilmentSchemas = {
  prepare: z.object({ ref }),
  release: z.object({ ref, confirm: z.literal("yes", "confirmRequired") }),
  correction: z.object({ ref, decisions: z.array(decision).min(1, "decisionRequired").max(100, "invalidChoice") }),
  deletion: z.object({
    ref,
    confirm: z.literal("yes", "confirmRequired"),
    /** Categories staff ask to delete outright instead of what the data map says; refused for held ones. */
    forceDelete: z.array(z.enum(DATA_CATEGORIES, "invalidChoice")).max(DATA_CATEGORIES.length, "invalidChoice").default([]),
  }),
  consent: z.object({ ref }),
  cancellation: z.object({ ref, confirm: z.literal("yes", "confirmRequired") }),
  confirm_recipient: z.object({
    ref,
    noticeId: z.coerce.number("invalidChoice").int("invalidChoice").positive("invalidChoice"),
    note: z.string().trim().max(REASON_MAX, "tooLong").default(""),
  }),
} as const;

export type FulfilmentActionKind = keyof typeof FulfilmentSchemas;

/** The form's entries as the schema expects them: per-change decisions gathered, repeated fields as lists. */
export function fulfilmentInput(kind: FulfilmentActionKind, form: [string, string][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of form) if (!k.includes(".") && k !== "forceDelete") out[k] = v;
  if (kind === "deletion") out.forceDelete = form.filter(([k]) => k === "forceDelete").map(([, v]) => v);
  if (kind === "correction") {
    const byIndex = new Map<string, Record<string, string>>();
    for (const [k, v] of form) {
      const m = /^(decision|reason)\.(\d{1,3})$/.exec(k);
      if (!m) continue;
      const entry = byIndex.get(m[2]!) ?? { index: m[2]! };
      entry[m[1] === "decision" ? "approve" : "reason"] = v;
      byIndex.set(m[2]!, entry);
    }
    out.decisions = [...byIndex.values()];
  }
  return out;
}
