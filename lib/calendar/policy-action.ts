import "server-only";
import type { ActionDefinition } from "@/lib/actions/perform";
import { failure } from "@/lib/actions/result";
import { REQUEST_TYPES } from "@/lib/domain";
import { updateSlaPolicies } from "./admin";
import { PoliciesInput } from "./policy-schema";

/**
 * Saves the deadlines of every request type at once; any invalid row stops the whole save. A deadline beyond the
 * privacy policy's promise (15 working days) is saved only with the override ticked and its reason, audited.
 */
export const savePoliciesDefinition = {
  name: "savePolicies",
  roles: ["admin"],
  schema: PoliciesInput,
  run: async ({ actor, db, input, now }) => {
    const rows = REQUEST_TYPES.map((type) => ({ type, targetWorkingDays: input[type].target, dueWorkingDays: input[type].due }));
    const saved = await updateSlaPolicies(db, actor, rows, now, { overrideReason: input.override ? input.overrideReason : undefined });
    if (!saved.ok) return failure(saved.error, { fieldErrors: Object.fromEntries(saved.types.map((t) => [`${t}.due`, saved.error])) });
    return { ok: true, changed: saved.changed };
  },
  revalidate: () => ["/admin/policies"],
} satisfies ActionDefinition<typeof PoliciesInput, { changed: number }>;
