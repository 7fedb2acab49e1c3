import type { PatientRelationship, RequestStatus, RequestType } from "@/lib/domain/values";
import type { EditValues, RequestFormApi } from "./form-state";

export type FormProps = { form: RequestFormApi };

/** One of the patient's own requests, for a complaint about it. */
export type MyRequestOption = { ref: string; type: RequestType; status: RequestStatus };

/** A 就诊人 of the patient's own account (policy §3.3), as the form offers them. */
export type FamilyMemberOption = { id: string; name: string; relationship: PatientRelationship; age: number };

export const MAX = { description: 5000, reason: 2000, dispute: 2000 } as const;

/** A v4 UUID even where crypto.randomUUID is missing (plain-http pages are not a secure context). */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** An empty form of one type: its own fields only, a correction with one blank row to fill. */
export function defaultsFor(type: RequestType, idempotencyKey: string, relatedRequestRef?: string): EditValues {
  const base = { idempotencyKey, relationship: "self" as const, subjectPatientId: "", proofAttachmentIds: [], proofKinds: {}, description: "" };
  switch (type) {
    case "access":
    case "portability":
      return { ...base, type, categories: [] };
    case "correction":
      return { ...base, type, corrections: [{ field: "", recordId: "", requested: "" }], reason: "", evidenceAttachmentIds: [] };
    case "deletion":
      return { ...base, type, categories: [], items: [] };
    case "consent":
      return { ...base, type, consents: [] };
    case "cancellation":
      return { ...base, type };
    case "automated_decision":
      return { ...base, type, dispute: "" };
    case "complaint":
      return { ...base, type, relatedRequestRef };
  }
}
