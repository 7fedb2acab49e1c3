import type { RequestType } from "@/lib/domain/values";
import type { PatientRecords } from "@/lib/platform/patient-records";

/**
 * What the request form of one type shows of the patient's records: the list that type chooses from (the others
 * empty) and whether the account has a real-name record — not the name itself, which the form never shows.
 * The rest stays on the server; the browser is sent only this (issue 17: the form's first load).
 */
export type FormRecords = Pick<PatientRecords, "correctable" | "consents" | "decisions" | "items" | "blockers"> & { realNameOnFile: boolean };

export function formRecords(type: RequestType, records: PatientRecords): FormRecords {
  return {
    realNameOnFile: records.realName !== null,
    correctable: type === "correction" ? records.correctable : [],
    consents: type === "consent" ? records.consents : [],
    decisions: type === "automated_decision" ? records.decisions : [],
    items: type === "deletion" ? records.items : {},
    blockers: type === "cancellation" ? records.blockers : [],
  };
}
