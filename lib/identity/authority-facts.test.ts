import { describe, expect, it } from "vitest";
import { authorityFacts } from "./authority-facts";

const now = new Date("2026-06-15T04:00:00Z");
const proof = (proofKind: string | null) => ({ purpose: "proof", proofKind: proofKind as never });
const base = { type: "access" as const, subjectPatientId: null, subjectBirthDate: null, relativeInterest: null };

describe("what staff see of a request made for someone else", () => {
  it("nothing for a request of one's own", () => {
    expect(authorityFacts({ ...base, relationship: "self" }, [], now)).toBeNull();
  });

  it("a guardian: the child's age today, the proofs as labelled, and what is still missing", () => {
    const facts = authorityFacts(
      { ...base, relationship: "guardian", subjectBirthDate: "2012-06-16" },
      [proof(null), { purpose: "message", proofKind: null }],
      now,
    );
    expect(facts).toMatchObject({ relationship: "guardian", familyMember: false, birthDate: { date: "2012-06-16", age: 13 }, proofKinds: [null] });
    expect(facts!.missing).toEqual(["household_register"]);
    expect(authorityFacts({ ...base, relationship: "guardian", subjectBirthDate: "2012-06-16" }, [proof("birth_certificate")], now)!.missing).toEqual(
      [],
    );
  });

  it("a guardian of the account's own 就诊人 is missing nothing; a relative and an agent each need two documents", () => {
    expect(authorityFacts({ ...base, relationship: "guardian", subjectPatientId: "p" }, [], now)).toMatchObject({ familyMember: true, missing: [] });
    expect(authorityFacts({ ...base, relationship: "close_relative", relativeInterest: "理赔" }, [proof("kinship_certificate")], now)).toMatchObject({
      relativeInterest: "理赔",
      missing: ["death_certificate"],
    });
    expect(authorityFacts({ ...base, relationship: "authorised_agent" }, [proof("authorisation")], now)!.missing).toEqual(["id_card"]);
  });
});
