import { z } from "zod";
import { REQUEST_TYPES, type RequestType } from "@/lib/domain";
import { PUBLISHED_PROMISE_WORKING_DAYS } from "@/lib/sla/policies";
import { isSafeText } from "@/lib/text/safe-text";

const WorkingDays = z.coerce.number("policy_range").int("policy_range").min(1, "policy_range").max(60, "policy_range");

/** One request type's row of the policies form: its target and its deadline, in working days. */
const PolicyCells = z
  .object({ target: WorkingDays, due: WorkingDays })
  .refine((p) => p.target <= p.due, { message: "target_after_due", path: ["target"] });

const Cells = Object.fromEntries(REQUEST_TYPES.map((t) => [t, PolicyCells])) as { [K in RequestType]: typeof PolicyCells };

/**
 * The whole policies form, `<type>.target` and `<type>.due` for every request type; messages are codes of the
 * `errors` catalog. Shared by the form (react-hook-form) and the server action. A deadline beyond what the privacy
 * policy promises (15 working days, §8.1 and §12) needs an explicit override with its reason, which is audited.
 */
export const PoliciesInput = z
  .object({
    ...Cells,
    override: z.preprocess((v) => v === true || v === "on", z.boolean()),
    overrideReason: z.string().trim().max(1_000, "tooLong").refine(isSafeText, "invalid_characters").catch(""),
  })
  .superRefine((p, ctx) => {
    const over = REQUEST_TYPES.filter((t) => p[t].due > PUBLISHED_PROMISE_WORKING_DAYS);
    if (over.length === 0) return;
    if (!p.override) for (const t of over) ctx.addIssue({ code: "custom", message: "policy_over_promise", path: [t, "due"] });
    else if (!p.overrideReason) ctx.addIssue({ code: "custom", message: "required", path: ["overrideReason"] });
  });
export type PoliciesInputT = z.infer<typeof PoliciesInput>;
