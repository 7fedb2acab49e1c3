"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireRole } from "@/lib/auth/session";
import { MANAGER_ROLES } from "@/lib/policy";
import { logUnexpected, NotFoundError } from "@/lib/errors";
import { TemplateEdit, updateReplyTemplate } from "@/lib/requests/reply-templates";
import type { StaffActionResult } from "@/lib/requests/staff-action-schemas";

/** A manager saves one reply template (title and body); nothing is written on bad input. */
export async function saveTemplateAction(_: StaffActionResult, form: FormData): Promise<StaffActionResult> {
  const actor = await requireRole(...MANAGER_ROLES);
  const parsed = TemplateEdit.safeParse({ id: form.get("id"), title: form.get("title"), body: form.get("body") });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const i of parsed.error.issues) fieldErrors[String(i.path[0])] ??= `staff.errors.${i.message}`;
    return { ok: false, fieldErrors, message: "staff.errors.checkForm" };
  }
  try {
    await updateReplyTemplate(await getDb(), actor, parsed.data, new Date());
    revalidatePath("/queue/templates");
    return { ok: true, fieldErrors: {}, message: "staff.templates.saved" };
  } catch (e) {
    if (e instanceof NotFoundError) return { ok: false, fieldErrors: {}, message: "staff.errors.notFound" };
    return { ok: false, fieldErrors: {}, message: "errors.unexpected", errorRef: logUnexpected(e, { action: "saveTemplate" }) };
  }
}
