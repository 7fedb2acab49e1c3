import { describe, expect, it } from "vitest";
import { REQUEST_TYPES } from "@/lib/domain";
import type { PatientRecords } from "@/lib/platform/patient-records";
import { formRecords } from "./form-records";

const records: PatientRecords = {
  hasAccount: true,
  realName: { realName: "郭子豪", idNumberMasked: "440***************" },
  correctable: [{ field: "account.email", recordId: "r1", current: "a@example.com" }],
  addressCount: 1,
  consents: [{ key: "marketing", granted: true, changedAt: "2026-01-01T00:00:00.000Z" }],
  decisions: [{ id: "d1", kind: "risk_control", outcome: "低风险", decidedAt: "2026-01-01T00:00:00.000Z" }],
  items: { photos: [{ id: "p1", title: "舌照", at: null, restrictedUntil: null }] },
  blockers: ["balance"],
};

describe("formRecords", () => {
  it.each(REQUEST_TYPES)("%s: the browser gets the list that type chooses from, never the real name", (type) => {
    const sent = formRecords(type, records);
    expect(JSON.stringify(sent)).not.toContain("郭子豪");
    expect(JSON.stringify(sent)).not.toContain("440");
    expect(sent.realNameOnFile).toBe(true);
    expect(sent.correctable.length > 0).toBe(type === "correction");
    expect(sent.consents.length > 0).toBe(type === "consent");
    expect(sent.decisions.length > 0).toBe(type === "automated_decision");
    expect(Object.keys(sent.items).length > 0).toBe(type === "deletion");
    expect(sent.blockers.length > 0).toBe(type === "cancellation");
  });

  it("an account without a real-name record is not asked for one", () => {
    expect(formRecords("access", { ...records, realName: null }).realNameOnFile).toBe(false);
  });
});
