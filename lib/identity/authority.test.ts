import { describe, expect, it } from "vitest";
import { REQUEST_TYPES } from "@/lib/domain";
import { addCalendarDays, shanghaiDateOf } from "@/lib/sla";
import { testNow } from "@/test/clock";
import { ageOn, authorityProblems, DECEASED_RELATIVE_TYPES, REQUIRED_PROOFS, type AuthorityInput } from "./authority";

const now = testNow();
const today = shanghaiDateOf(now);
/** The birth date of someone who turns `years` old today. */
const bornYearsAgo = (years: number) => `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
const input = (v: Partial<AuthorityInput>): AuthorityInput => ({ relationship: "self", type: "access", proofKinds: [], now, ...v });

describe("age", () => {
  it("counts whole years on the Shanghai date: the birthday itself is the new age, the day before is not", () => {
    expect(ageOn(bornYearsAgo(18), now)).toBe(18);
    expect(ageOn(addCalendarDays(bornYearsAgo(18), 1), now)).toBe(17);
    expect(ageOn(addCalendarDays(bornYearsAgo(14), -1), now)).toBe(14);
  });
  it("takes the Shanghai date of the moment, not the UTC one", () => {
    // 2027-03-01 00:30 in Shanghai is still 28 February in UTC: someone born on 1 March 2009 is 18 in Shanghai.
    expect(ageOn("2009-03-01", new Date("2027-02-28T16:30:00Z"))).toBe(18);
  });
});

describe("who may act for whom", () => {
  it("a guardian acts for a minor only: the birth date is required, not in the future, under 18", () => {
    const proofs = { proofKinds: ["household_register" as const] };
    expect(authorityProblems(input({ relationship: "guardian", ...proofs, subjectBirthDate: bornYearsAgo(10) }))).toEqual([]);
    expect(authorityProblems(input({ relationship: "guardian", ...proofs, subjectBirthDate: addCalendarDays(bornYearsAgo(18), 1) }))).toEqual([]);
    expect(authorityProblems(input({ relationship: "guardian", ...proofs, subjectBirthDate: bornYearsAgo(18) }))).toEqual([
      { field: "subjectBirthDate", code: "subject_not_a_minor" },
    ]);
    expect(authorityProblems(input({ relationship: "guardian", ...proofs }))).toEqual([{ field: "subjectBirthDate", code: "required" }]);
    expect(authorityProblems(input({ relationship: "guardian", ...proofs, subjectBirthDate: addCalendarDays(today, 1) }))).toEqual([
      { field: "subjectBirthDate", code: "date_invalid" },
    ]);
  });

  it("under 14 only a guardian may act; 14–17 may file themselves", () => {
    expect(authorityProblems(input({ requesterBirthDate: addCalendarDays(bornYearsAgo(14), 1) }))).toEqual([
      { field: null, code: "minor_needs_guardian" },
    ]);
    expect(authorityProblems(input({ requesterBirthDate: bornYearsAgo(14) }))).toEqual([]);
    expect(authorityProblems(input({ requesterBirthDate: bornYearsAgo(40) }))).toEqual([]);
    expect(authorityProblems(input({ requesterBirthDate: null }))).toEqual([]);
  });

  it("a close relative of a deceased patient: only access, correction and deletion, with their own interest stated", () => {
    const proofs = { proofKinds: ["death_certificate" as const, "household_register" as const], relativeInterest: "继承纠纷需要病历" };
    for (const type of REQUEST_TYPES) {
      const problems = authorityProblems(input({ relationship: "close_relative", type, ...proofs }));
      expect(problems.length === 0).toBe(DECEASED_RELATIVE_TYPES.includes(type));
    }
    expect(authorityProblems(input({ relationship: "close_relative", ...proofs, relativeInterest: "  " }))).toEqual([
      { field: "relativeInterest", code: "required" },
    ]);
  });

  it("each relationship needs its proofs: death proof and the relationship; an authorisation and the agent's ID", () => {
    expect(authorityProblems(input({ relationship: "close_relative", relativeInterest: "x", proofKinds: ["household_register"] }))).toEqual([
      { field: "proofAttachmentIds", code: "proof_missing_death", missing: ["death_certificate"] },
    ]);
    expect(authorityProblems(input({ relationship: "authorised_agent", proofKinds: ["authorisation"] }))).toEqual([
      { field: "proofAttachmentIds", code: "proof_missing_agent_id", missing: ["id_card"] },
    ]);
    expect(authorityProblems(input({ relationship: "authorised_agent", proofKinds: ["authorisation", "id_card"] }))).toEqual([]);
    expect(authorityProblems(input({ relationship: "guardian", subjectBirthDate: bornYearsAgo(5), proofKinds: ["id_card"] }))).toEqual([
      { field: "proofAttachmentIds", code: "proof_missing_relationship", missing: [REQUIRED_PROOFS.guardian[0]![0]] },
    ]);
  });

  it("a guardian of a 就诊人 of their own account brings no proof the hospital already holds; the age still counts", () => {
    const family = { relationship: "guardian" as const, subjectOnRecord: true, proofKinds: [] };
    expect(authorityProblems(input(family))).toEqual([]);
    expect(authorityProblems(input({ ...family, subjectBirthDate: bornYearsAgo(9) }))).toEqual([]);
    expect(authorityProblems(input({ ...family, subjectBirthDate: bornYearsAgo(30) }))).toEqual([
      { field: "subjectBirthDate", code: "subject_not_a_minor" },
    ]);
    // An adult 就诊人's agent or a deceased 就诊人's relative proves what the record does not say.
    expect(authorityProblems(input({ relationship: "authorised_agent", subjectOnRecord: true, proofKinds: [] })).map((p) => p.code)).toEqual([
      "proof_missing_authorisation",
    ]);
  });

  it("a birth date that is not a real date is refused, never counted", () => {
    for (const bad of ["2020-02-30", "20-01-01", "1850-01-01", "abc"])
      expect(authorityProblems(input({ relationship: "guardian", proofKinds: ["birth_certificate"], subjectBirthDate: bad }))).toEqual([
        { field: "subjectBirthDate", code: "date_invalid" },
      ]);
  });
});
