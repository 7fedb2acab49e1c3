/**
 * What the law asks of a request made for someone else, as it was filed, for the staff who decide on it: the
 * relationship, the child's age today, the relative's stated interest, the proofs as labelled and what is still
 * missing (lib/identity/authority.ts). Pure.
 */
import type { Request } from "@/db/schema";
import type { ProofKind } from "@/lib/domain/values";
import type { Relationship } from "@/lib/domain";
import { ageOn, REQUIRED_PROOFS } from "./authority";

/** What the law asks of a request made for someone else, as filed: staff decide on it (lib/identity/authority.ts). */
export type AuthorityFacts = {
  relationship: Exclude<Relationship, "self">;
  /** The subject is a 就诊人 of the requester's own account (the hospital knows them). */
  familyMember: boolean;
  /** A guardian's child's birth date as given, and the age it makes today. */
  birthDate: { date: string; age: number } | null;
  relativeInterest: string | null;
  /** The kinds of the proof documents, as the requester labelled them (null: not labelled). */
  proofKinds: (ProofKind | null)[];
  /** The kinds of document still missing, one per requirement. */
  missing: ProofKind[];
};

export function authorityFacts(
  request: Pick<Request, "relationship" | "type" | "subjectPatientId" | "subjectBirthDate" | "relativeInterest">,
  files: readonly { purpose: string; proofKind: ProofKind | null }[],
  now: Date,
): AuthorityFacts | null {
  const { relationship } = request;
  if (relationship === "self") return null;
  const familyMember = Boolean(request.subjectPatientId);
  const proofKinds = files.filter((f) => f.purpose === "proof").map((f) => f.proofKind);
  const required = relationship === "guardian" && familyMember ? [] : REQUIRED_PROOFS[relationship];
  return {
    relationship,
    familyMember,
    birthDate: request.subjectBirthDate ? { date: request.subjectBirthDate, age: ageOn(request.subjectBirthDate, now) } : null,
    relativeInterest: request.relativeInterest,
    proofKinds,
    missing: required.filter((anyOf) => !anyOf.some((k) => proofKinds.includes(k))).map((anyOf) => anyOf[0]!),
  };
}
