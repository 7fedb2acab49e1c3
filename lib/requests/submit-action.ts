import "server-only";
import type { ActionDefinition } from "@/lib/actions/perform";
import type { ErrorCode } from "@/lib/actions/codes";
import { failure, type ActionFailure, type FieldErrors } from "@/lib/actions/result";
import type { CancellationBlocker } from "@/lib/platform/ownership";
import { resolveSubject, submitRequest, type SubmitError } from "./create";
import { expectedDue, type ExpectedDue } from "./expected-due";
import { hasRealNameRecord } from "@/lib/identity/real-name";
import { needsRealNameCheck } from "./identity-rule";
import { SubmitInput } from "./submit-schema";

export type Filed = { ref: string; dueDate: string; dueAt: Date; provisional: boolean; replayed: boolean };

/** Each cancellation blocker as an issue the patient reads (what is in the way and what to do). */
const BLOCKER_CODES: Record<CancellationBlocker, ErrorCode> = {
  unfinished_consultation: "blocker_unfinished_consultation",
  undelivered_order: "blocker_undelivered_order",
  balance: "blocker_balance",
};

/** A failed check of submitRequest as the catalog's code, with the field it is about. */
function submitFailure(
  error: SubmitError,
  extra: { duplicateRef?: string; blockers?: readonly CancellationBlocker[]; fieldErrors?: Partial<Record<string, ErrorCode>> },
): ActionFailure {
  const fields: Partial<Record<SubmitError, FieldErrors>> = {
    identity_required: { identityName: "required", identityLast4: "identity_required" },
    identity_mismatch: { identityLast4: "identity_mismatch" },
    identity_locked: { identityLast4: "identity_locked" },
  };
  switch (error) {
    case "duplicate":
      return failure("duplicate", { params: { request: extra.duplicateRef ?? "" } });
    case "cancellation_blocked":
      // Staff read "cancellation_blocked" in their own words; the patient is told what to do first, item by item.
      return failure("cancellation_not_yet", {
        issues: (extra.blockers ?? []).map((b) => ({ code: BLOCKER_CODES[b], params: { blocker: b } })),
      });
    default:
      return failure(error, { fieldErrors: { ...(fields[error] ?? {}), ...(extra.fieldErrors as FieldErrors | undefined) } });
  }
}

/**
 * Filing a request, for the portal's form (app/(patient)/requests/new/actions.ts) and POST /api/requests alike:
 * validated, then lib/requests/create.ts (identity, ownership, duplicates, one transaction, never twice for one
 * idempotency key). Nothing the patient typed for the identity check comes back.
 */
export const submitRequestDefinition = {
  name: "submitRequest",
  roles: ["patient"],
  schema: SubmitInput,
  run: async ({ actor, db, input, now, locale }) => {
    const result = await submitRequest(db, actor, input, { now, locale });
    if (!result.ok) return submitFailure(result.error, result);
    const { ref, dueDate, dueAt, provisional, replayed } = result;
    return { ok: true, ref, dueDate, dueAt, provisional, replayed };
  },
  revalidate: () => ["/requests"],
} satisfies ActionDefinition<typeof SubmitInput, Filed>;

/** The review step: the form's checks again, and the reply date the deadline engine gives for now. Writes nothing. */
export const previewRequestDefinition = {
  name: "previewRequest",
  roles: ["patient"],
  schema: SubmitInput,
  run: async ({ actor, db, input, now }) => {
    // The real-name fields are asked for only where the account has a record to compare them with.
    if (needsRealNameCheck(input) && (!input.identityName || !input.identityLast4) && (await hasRealNameRecord(db, actor))) {
      return failure("identity_required", { fieldErrors: { identityName: "required", identityLast4: "required" } });
    }
    // Who the request is for, and whether this requester may ask it for them (age, 就诊人, proofs), before review.
    const subject = await resolveSubject(db, actor, input, now);
    if (!subject.ok) return submitFailure(subject.error, subject);
    return { ok: true, ...(await expectedDue(db, input.type, now)) };
  },
} satisfies ActionDefinition<typeof SubmitInput, ExpectedDue>;
