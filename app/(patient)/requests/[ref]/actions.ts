"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireRole } from "@/lib/auth/session";
import { logUnexpected, NotFoundError } from "@/lib/errors";
import { answerFee, replyToStaff, withdrawRequest } from "@/lib/requests/patient-actions";
import { FeeAnswerInput, ReplyInput, VersionedRef } from "@/lib/requests/reply-schema";

/** `error` is a code of `workflowErrors` (stale, wrong_status…) or `portal.errors` (files_invalid, not_found, unexpected:REF). */
export type PatientActionState = { ok: true; resumed?: boolean } | { ok: false; error: string; fieldErrors?: Record<string, string> };

async function run(ref: string, action: string, fn: () => Promise<{ ok: true; resumed?: boolean } | { ok: false; error: string }>): Promise<PatientActionState> {
  try {
    const result = await fn();
    revalidatePath(`/requests/${ref}`);
    revalidatePath("/requests");
    return result;
  } catch (e) {
    if (e instanceof NotFoundError) return { ok: false, error: "not_found" };
    return { ok: false, error: `unexpected:${logUnexpected(e, { action })}` };
  }
}

/** A message to staff; when the request waits on the patient, their answer, which resumes the clock. */
export async function replyAction(raw: unknown): Promise<PatientActionState> {
  const actor = await requireRole("patient");
  const parsed = ReplyInput.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const i of parsed.error.issues) fieldErrors[i.path.map(String).join(".") || "form"] ??= i.message;
    return { ok: false, error: "invalid", fieldErrors };
  }
  return run(parsed.data.ref, "reply", async () => replyToStaff(await getDb(), actor, parsed.data));
}

export async function withdrawAction(raw: unknown): Promise<PatientActionState> {
  const actor = await requireRole("patient");
  const parsed = VersionedRef.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid" };
  return run(parsed.data.ref, "withdraw", async () => withdrawRequest(await getDb(), actor, parsed.data));
}

export async function feeAction(raw: unknown): Promise<PatientActionState> {
  const actor = await requireRole("patient");
  const parsed = FeeAnswerInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid" };
  return run(parsed.data.ref, "answerFee", async () => answerFee(await getDb(), actor, parsed.data));
}
