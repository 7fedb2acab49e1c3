"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireRole } from "@/lib/auth/session";
import { STAFF_ROLES } from "@/lib/policy";
import { performFulfilmentAction } from "@/lib/fulfilment/actions";
import type { FulfilmentActionKind } from "@/lib/fulfilment/action-schemas";
import type { StaffActionResult } from "@/lib/requests/staff-action-schemas";

/**
 * The fulfilment panel's server actions: the role first, then lib/fulfilment/actions.ts validates the form and
 * runs the step in one transaction; the page is rendered again with what changed.
 */
async function run(kind: FulfilmentActionKind, form: FormData): Promise<StaffActionResult> {
  const actor = await requireRole(...STAFF_ROLES);
  const entries = [...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string");
  const result = await performFulfilmentAction(await getDb(), actor, kind, entries);
  const ref = form.get("ref");
  if (typeof ref === "string") revalidatePath(`/queue/${ref.toUpperCase()}`);
  return result;
}

type Action = (prev: StaffActionResult, form: FormData) => Promise<StaffActionResult>;

export const prepareAction: Action = async (_, form) => run("prepare", form);
export const releaseAction: Action = async (_, form) => run("release", form);
export const correctionAction: Action = async (_, form) => run("correction", form);
export const deletionAction: Action = async (_, form) => run("deletion", form);
export const consentAction: Action = async (_, form) => run("consent", form);
export const cancellationAction: Action = async (_, form) => run("cancellation", form);
export const confirmRecipientAction: Action = async (_, form) => run("confirm_recipient", form);
