/**
 * Who may act for whom, by law (DESIGN.md "Identity and acting for others"; PIPL Art. 31 and 49; policy §9), as
 * pure rules: filing asks them of a submission, the form asks them before it is sent, staff see the same answer.
 *
 * - A guardian acts for a minor (under 18); under 14 only a guardian may act (PIPL 31), so a child's own account
 *   files nothing; a 14–17-year-old may also file themselves.
 * - A close relative of a deceased patient acts for their own lawful interests, and only to access and copy,
 *   correct or delete (PIPL 49), with death proof and proof of the relationship; staff record that the deceased
 *   left no other arrangement.
 * - An authorised agent brings a signed authorisation naming the rights and the subject, and their own ID.
 */
import type { Relationship, RequestType } from "@/lib/domain";
import type { ProofKind } from "@/lib/domain/values";
import { shanghaiDateOf, type ShanghaiDate } from "@/lib/sla/shanghai";

export const ADULT_AGE = 18;
/** Below this age a child's personal information is handled only with the guardian (PIPL Art. 31). */
export const GUARDIAN_ONLY_AGE = 14;

export { PROOF_KINDS, type ProofKind } from "@/lib/domain/values";

/**
 * The proofs each relationship needs: every inner list is one requirement met by any of its kinds.
 * Guardian: the relationship (户口簿, 出生证明 or a guardianship certificate). Close relative: death proof and
 * the relationship. Agent: the signed authorisation and the agent's own ID.
 */
export const REQUIRED_PROOFS: Record<Exclude<Relationship, "self">, readonly (readonly ProofKind[])[]> = {
  guardian: [["household_register", "birth_certificate", "guardianship_certificate"]],
  close_relative: [["death_certificate"], ["household_register", "kinship_certificate"]],
  authorised_agent: [["authorisation"], ["id_card"]],
};

/** PIPL Art. 49: a close relative may access and copy, correct or delete a deceased person's information. */
export const DECEASED_RELATIVE_TYPES: readonly RequestType[] = ["access", "correction", "deletion"];

/** What may be asked about a 就诊人 of one's own account: their records (the account's own rights stay the holder's). */
export const FAMILY_MEMBER_TYPES: readonly RequestType[] = ["access", "portability", "deletion"];

/** What staff record having checked before they accept a relative's request for a deceased patient. */
export const DECEASED_STAFF_CHECKS = ["no_other_arrangement"] as const;

/** Whole years of age on `now`'s Shanghai date. */
export function ageOn(birthDate: ShanghaiDate | string, now: Date): number {
  const today = shanghaiDateOf(now);
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export type AuthorityProblem =
  | { field: "subjectBirthDate"; code: "required" | "subject_not_a_minor" | "date_invalid" }
  | { field: "relationship"; code: "type_not_allowed_for_deceased" }
  | { field: null; code: "minor_needs_guardian" }
  | { field: "relativeInterest"; code: "required" }
  | { field: "proofAttachmentIds"; code: ProofMissingCode; missing: readonly ProofKind[] };

/** One code per requirement of REQUIRED_PROOFS, named by its first kind. */
export type ProofMissingCode = "proof_missing_relationship" | "proof_missing_death" | "proof_missing_authorisation" | "proof_missing_agent_id";
const PROOF_MISSING: Partial<Record<ProofKind, ProofMissingCode>> = {
  household_register: "proof_missing_relationship",
  death_certificate: "proof_missing_death",
  authorisation: "proof_missing_authorisation",
  id_card: "proof_missing_agent_id",
};

export type AuthorityInput = {
  relationship: Relationship;
  type: RequestType;
  /**
   * The subject is a 就诊人 of the requester's own account: the hospital already knows them and their
   * relationship, so a guardian brings no proof of it (staff still decide). Their birth date is the record's.
   */
  subjectOnRecord?: boolean;
  /** The subject's birth date: the 就诊人's on record, or as the guardian gives it. Undefined: not known here (checked later). */
  subjectBirthDate?: string | null;
  /** The requester's own birth date where the hospital knows it (a self-request by a child's account). */
  requesterBirthDate?: string | null;
  /** The kinds of the proof documents attached. */
  proofKinds: readonly ProofKind[];
  /** A close relative's own lawful interest in the deceased's information. */
  relativeInterest?: string | null;
  now: Date;
};

const isRealDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v && v >= "1900-01-01";

/** Every reason the law does not let this requester file this request for this subject; empty when it may. */
export function authorityProblems(input: AuthorityInput): AuthorityProblem[] {
  return [...ageProblems(input, input.now), ...standingProblems(input)];
}

/** What depends on the day: a child's own account files nothing under 14; a guardian's subject is under 18. */
function ageProblems(input: Omit<AuthorityInput, "now">, now: Date): AuthorityProblem[] {
  if (input.relationship === "self")
    return input.requesterBirthDate && ageOn(input.requesterBirthDate, now) < GUARDIAN_ONLY_AGE
      ? [{ field: null, code: "minor_needs_guardian" }]
      : [];
  const born = input.subjectBirthDate;
  if (input.relationship !== "guardian" || !born || !isRealDate(born)) return [];
  if (born > shanghaiDateOf(now)) return [{ field: "subjectBirthDate", code: "date_invalid" }];
  return ageOn(born, now) >= ADULT_AGE ? [{ field: "subjectBirthDate", code: "subject_not_a_minor" }] : [];
}

/**
 * What does not depend on the day — the form checks it as the patient types (the age, on the server, with the
 * day of filing): which types a relative may ask, their stated interest, the proofs each relationship needs, and a
 * guardian's subject birth date given as a real date (a 就诊人's is on record, checked where it is read).
 */
export function standingProblems(input: Omit<AuthorityInput, "now">): AuthorityProblem[] {
  const problems: AuthorityProblem[] = [];
  const { relationship } = input;
  if (relationship === "self") return problems;
  if (relationship === "guardian" && !(input.subjectOnRecord && input.subjectBirthDate === undefined)) {
    if (!input.subjectBirthDate) problems.push({ field: "subjectBirthDate", code: "required" });
    else if (!isRealDate(input.subjectBirthDate)) problems.push({ field: "subjectBirthDate", code: "date_invalid" });
  }
  if (relationship === "close_relative") {
    if (!DECEASED_RELATIVE_TYPES.includes(input.type)) problems.push({ field: "relationship", code: "type_not_allowed_for_deceased" });
    if (!input.relativeInterest?.trim()) problems.push({ field: "relativeInterest", code: "required" });
  }
  const required = relationship === "guardian" && input.subjectOnRecord ? [] : REQUIRED_PROOFS[relationship];
  const missing = required.filter((anyOf) => !anyOf.some((k) => input.proofKinds.includes(k)));
  if (missing.length > 0)
    problems.push({ field: "proofAttachmentIds", code: PROOF_MISSING[missing[0]![0]!]!, missing: missing.map((anyOf) => anyOf[0]!) });
  return problems;
}
