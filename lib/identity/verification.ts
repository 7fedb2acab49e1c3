/**
 * The verification record's rules (DESIGN.md "Identity and acting for others"), pure: what the system itself can
 * vouch for when a request is filed. Staff decisions on proofs are workflow transitions (lib/workflow/machine.ts).
 */
import type { Relationship, VerificationMethod, VerificationResult, VerificationStatus } from "@/lib/domain";

export type VerificationRecord = {
  method: VerificationMethod;
  result: VerificationResult;
  evidence: { attachmentIds?: string[]; checked?: string[] };
  note: string | null;
  decidedById: string | null;
  decidedAt: Date;
};

/**
 * At submission the SMS sign-in proved possession of the account, and a real-name match (where one was asked)
 * confirmed the holder. That is enough for a request about oneself; a request for anyone else waits for staff
 * to accept the proofs of the relationship, whatever the requester proved about themselves.
 */
export function verificationAtSubmission(input: { relationship: Relationship; realNameMatchedAt: Date | null; now: Date }): {
  status: VerificationStatus;
  records: VerificationRecord[];
} {
  const records: VerificationRecord[] = [
    { method: "sms_possession", result: "passed", evidence: {}, note: null, decidedById: null, decidedAt: input.now },
  ];
  if (input.realNameMatchedAt) {
    records.push({
      method: "real_name_match",
      result: "passed",
      evidence: { checked: ["name", "id_last4"] },
      note: null,
      decidedById: null,
      decidedAt: input.realNameMatchedAt,
    });
  }
  return { status: input.relationship === "self" ? "verified" : "pending", records };
}
