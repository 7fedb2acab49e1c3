"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { REQUEST_TYPES } from "@/db/schema/enums";
import { requireRole } from "@/lib/auth/session";
import { updateSlaPolicies, type PolicyInput } from "@/lib/calendar/admin";
import { PolicyRow } from "@/lib/calendar/policy-schema";
import { logUnexpected } from "@/lib/errors";

export type PoliciesState =
  | { ok: true; changed: number }
  | { ok: false; fieldErrors: Record<string, string>; ref?: string }
  | null;

/** Saves the deadlines of every request type at once; any invalid row stops the whole save. */
export async function savePoliciesAction(_: PoliciesState, form: FormData): Promise<PoliciesState> {
  const actor = await requireRole("admin");
  const rows: PolicyInput[] = [];
  const fieldErrors: Record<string, string> = {};
  for (const type of REQUEST_TYPES) {
    const parsed = PolicyRow.safeParse({ type, targetWorkingDays: form.get(`${type}.target`), dueWorkingDays: form.get(`${type}.due`) });
    if (parsed.success) rows.push(parsed.data);
    else for (const issue of parsed.error.issues) fieldErrors[`${type}.${issue.path[0] === "dueWorkingDays" ? "due" : "target"}`] ??= issue.message;
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  try {
    const changed = await updateSlaPolicies(await getDb(), actor, rows, new Date());
    revalidatePath("/admin/policies");
    return { ok: true, changed };
  } catch (e) {
    return { ok: false, fieldErrors: {}, ref: logUnexpected(e, { action: "savePolicies" }) };
  }
}
