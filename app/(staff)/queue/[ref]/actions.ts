"use server";

import { revalidatePath } from "next/cache";
import { forbidden } from "next/navigation";
import { getDb } from "@/db/client";
import { requireRole } from "@/lib/auth/session";
import { canManage, STAFF_ROLES } from "@/lib/policy";
import type { StaffActionKind, StaffActionResult } from "@/lib/requests/staff-action-schemas";
import { performStaffAction } from "@/lib/requests/staff-actions";

/**
 * The request page's server actions, one per staff action: the role first, then validation and the change in
 * one transaction (lib/requests/staff-actions.ts), then the page is rendered again with the new version.
 */
async function run(kind: StaffActionKind, form: FormData, managersOnly = false): Promise<StaffActionResult> {
  const actor = await requireRole(...STAFF_ROLES);
  if (managersOnly && !canManage(actor)) forbidden();
  const raw = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  const result = await performStaffAction(await getDb(), actor, kind, raw);
  if (result.ok && typeof raw.ref === "string") {
    revalidatePath(`/queue/${raw.ref.toUpperCase()}`);
    revalidatePath("/queue");
  }
  return result;
}

type Action = (prev: StaffActionResult, form: FormData) => Promise<StaffActionResult>;

export const claimAction: Action = async (_, form) => run("claim", form);
export const startAction: Action = async (_, form) => run("start", form);
export const assignAction: Action = async (_, form) => run("assign", form, true);
export const pauseAction: Action = async (_, form) => run("pause", form);
export const resumeAction: Action = async (_, form) => run("resume", form);
export const quoteFeeAction: Action = async (_, form) => run("quote_fee", form);
export const completeAction: Action = async (_, form) => run("complete", form);
export const refuseAction: Action = async (_, form) => run("refuse", form);
export const reopenAction: Action = async (_, form) => run("reopen", form, true);
export const noteAction: Action = async (_, form) => run("note", form);
export const replyAction: Action = async (_, form) => run("reply", form);
