"use server";

import { getLocale } from "next-intl/server";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { requireRole } from "@/lib/auth/session";
import { logUnexpected } from "@/lib/errors";
import { asLocale } from "@/lib/i18n/locales";
import type { CancellationBlocker } from "@/lib/platform/ownership";
import { submitRequest, type SubmitError } from "@/lib/requests/create";
import { expectedDue, type ExpectedDue } from "@/lib/requests/expected-due";
import { SubmitInput } from "@/lib/requests/submit-schema";

/** Field path ("corrections.0.requested") → error code of `portal.errors`. */
export type FieldErrors = Record<string, string>;

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "form";
    out[path] ??= issue.message;
  }
  return out;
}

export type PreviewResult = ({ ok: true } & ExpectedDue) | { ok: false; fieldErrors?: FieldErrors; error?: string };

/** The review step: the same validation as filing, and the reply date the deadline engine gives for now. */
export async function previewRequestAction(raw: unknown): Promise<PreviewResult> {
  await requireRole("patient");
  const parsed = SubmitInput.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    return { ok: true, ...(await expectedDue(await getDb(), parsed.data.type, new Date())) };
  } catch (e) {
    return { ok: false, error: `unexpected:${logUnexpected(e, { action: "previewRequest" })}` };
  }
}

export type SubmitActionResult =
  | { ok: true; ref: string }
  | { ok: false; error: SubmitError | "invalid" | `unexpected:${string}`; fieldErrors?: FieldErrors; duplicateRef?: string; blockers?: CancellationBlocker[] };

/**
 * Files the request (lib/requests/create.ts): validated again here, committed before we answer, never twice for
 * one idempotency key. Nothing the patient typed for the identity check comes back.
 */
export async function submitRequestAction(raw: unknown): Promise<SubmitActionResult> {
  const actor = await requireRole("patient");
  const parsed = SubmitInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const result = await submitRequest(await getDb(), actor, parsed.data, { now: new Date(), locale: asLocale(await getLocale()) });
    if (result.ok) return { ok: true, ref: result.ref };
    const fieldErrors = result.fieldErrors ? Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k, v[0] ?? "invalid"])) : undefined;
    return { ok: false, error: result.error, fieldErrors, duplicateRef: result.duplicateRef, blockers: result.blockers };
  } catch (e) {
    return { ok: false, error: `unexpected:${logUnexpected(e, { action: "submitRequest" })}` };
  }
}
