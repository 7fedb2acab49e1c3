import type { Request } from "@/db/schema";

/**
 * Whose records a request is about (DESIGN.md "Identity and acting for others"): an account's holder
 * (`patientId` null), or one of the 就诊人 the account consults for (policy §3.3) — a person with records of
 * their own and no account. A 就诊人's records are theirs only: not the account holder's, not another family
 * member's.
 */
export type Subject = { accountId: string; patientId: string | null };

/** The account holder of `accountId`. */
export const accountHolder = (accountId: string): Subject => ({ accountId, patientId: null });

/** The subject a request is about, or null when the platform does not know them. */
export function subjectOf(request: Pick<Request, "subjectAccountId" | "subjectPatientId">): Subject | null {
  return request.subjectAccountId ? { accountId: request.subjectAccountId, patientId: request.subjectPatientId ?? null } : null;
}

/** A subject as given, or a bare account id as its holder (callers that know only the account). */
export function asSubject(subject: Subject | string): Subject {
  return typeof subject === "string" ? accountHolder(subject) : subject;
}
