import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { requests, requestVerifications } from "@/db/schema";
import { runStep } from "@/lib/fulfilment/steps";
import { submitRequest } from "@/lib/requests/create";
import { SubmitInput } from "@/lib/requests/submit-schema";
import { applyTransition } from "@/lib/requests/transitions";
import { createPatient, createStaff, fileRequest, newTestPhone, step, type TestPatient, type TestStaff } from "@/lib/testing/factories";
import { storeUpload } from "@/lib/uploads/store";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { verificationAtSubmission } from "./verification";

const now = testNow();
const later = daysFrom(now, 1);
let db: Db;
let cleanup: () => Promise<void>;
let guardian: TestPatient;
let agent: TestStaff;

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  guardian = await createPatient(db, { now });
  agent = await createStaff(db, "agent", { now });
});
afterAll(() => cleanup());

/** The guardian files, with a proof document, for a child of their own (a person with no account). */
async function fileForChild() {
  const upload = await storeUpload(db, guardian.actor, { purpose: "proof", filename: "户口簿.pdf", bytes: PDF }, now);
  if (!upload.ok) throw new Error(upload.error);
  const filed = await fileRequest(
    db,
    guardian,
    {
      type: "access",
      categories: ["account"],
      relationship: "guardian",
      subjectName: "测试孩子",
      subjectPhone: newTestPhone(),
      subjectBirthDate: `${now.getUTCFullYear() - 8}-06-01`,
      proofAttachmentIds: [upload.upload.id],
      proofKinds: { [upload.upload.id]: "household_register" },
    },
    { now },
  );
  return { filed, proofId: upload.upload.id };
}

const records = (requestId: string) =>
  db.select().from(requestVerifications).where(eq(requestVerifications.requestId, requestId)).orderBy(requestVerifications.id);

describe("verification at submission (pure)", () => {
  it("a request about oneself is verified by the SMS sign-in, plus the real-name match where one passed", () => {
    expect(verificationAtSubmission({ relationship: "self", realNameMatchedAt: null, now }).status).toBe("verified");
    const matched = verificationAtSubmission({ relationship: "self", realNameMatchedAt: now, now });
    expect(matched.records.map((r) => r.method)).toEqual(["sms_possession", "real_name_match"]);
  });

  it("a request for anyone else waits for staff, whatever the requester proved about themselves", () => {
    for (const relationship of ["guardian", "close_relative", "authorised_agent"] as const) {
      expect(verificationAtSubmission({ relationship, realNameMatchedAt: now, now }).status).toBe("pending");
    }
  });
});

describe("the verification stage on the database", () => {
  it("a self-request is verified at filing and its record says how", async () => {
    const filed = await fileRequest(db, guardian, { type: "access", categories: ["account"] }, { now });
    expect(filed.verificationStatus).toBe("verified");
    expect((await records(filed.id)).map((r) => [r.method, r.result, r.decidedById])).toEqual([["sms_possession", "passed", null]]);
  });

  it("a request for a child waits for staff: no fulfilment step and no closing as fulfilled until they accept the proofs", async () => {
    const { filed, proofId } = await fileForChild();
    expect(filed.verificationStatus).toBe("pending");
    await step(db, agent.actor, filed.ref, { kind: "claim" }, now);

    let ran = false;
    const refused = await runStep(db, agent.actor, filed.ref, "access.prepare", async () => ((ran = true), {}), now);
    expect(refused).toEqual({ ok: false, error: "identity_not_verified" });
    expect(ran).toBe(false);
    const [current] = await db.select().from(requests).where(eq(requests.id, filed.id));
    const completed = await applyTransition(
      db,
      agent.actor,
      { ref: filed.ref, version: current!.version, action: { kind: "complete", outcome: "fulfilled", reply: "已提供" } },
      now,
    );
    expect(completed).toEqual({ ok: false, error: "identity_not_verified" });

    const verified = await step(db, agent.actor, filed.ref, { kind: "verify", note: "户口簿显示申请人为监护人" }, later);
    expect(verified.verificationStatus).toBe("verified");
    const decision = (await records(filed.id)).at(-1)!;
    expect(decision).toMatchObject({ method: "document_review", result: "passed", note: "户口簿显示申请人为监护人", decidedById: agent.actor.id });
    expect(decision.evidence).toEqual({ attachmentIds: [proofId] });
    expect(decision.decidedAt.getTime()).toBe(later.getTime());

    const allowed = await runStep(db, agent.actor, filed.ref, "access.prepare", async () => ({ prepared: true }), later);
    expect(allowed).toMatchObject({ ok: true, already: false });
  });

  it("a stranger's proofs refused: the refusal is recorded and nothing can be fulfilled", async () => {
    const { filed } = await fileForChild();
    await step(db, agent.actor, filed.ref, { kind: "claim" }, now);
    const refused = await step(
      db,
      agent.actor,
      filed.ref,
      { kind: "refuse", reason: "identity_not_verified", explanation: "证明材料无法证明监护关系。" },
      now,
    );
    expect(refused).toMatchObject({ status: "refused", verificationStatus: "rejected" });
    expect((await records(filed.id)).at(-1)).toMatchObject({ method: "document_review", result: "rejected", decidedById: agent.actor.id });
    expect(await runStep(db, agent.actor, filed.ref, "access.prepare", async () => ({}), now)).toEqual({ ok: false, error: "wrong_status" });
  });

  it("the verification record is append-only", async () => {
    const filed = await fileRequest(db, guardian, { type: "access", categories: ["orders"] }, { now });
    await expect(db.update(requestVerifications).set({ result: "rejected" }).where(eq(requestVerifications.requestId, filed.id))).rejects.toThrow();
    await expect(db.delete(requestVerifications).where(eq(requestVerifications.requestId, filed.id))).rejects.toThrow();
  });
});

describe("closing an account needs no real-name record (DESIGN.md: the SMS code proves control)", () => {
  it("an account that never did real-name verification files its own cancellation, verified by the SMS sign-in", async () => {
    const plain = await createPatient(db, { now, realName: false });
    const input = SubmitInput.parse({ type: "cancellation", idempotencyKey: randomUUID() });
    const result = await submitRequest(db, plain.actor, input, { now, locale: "zh-CN" });
    expect(result).toMatchObject({ ok: true });
    const [filed] = await db.select().from(requests).where(eq(requests.requesterId, plain.actor.id));
    expect(filed).toMatchObject({ type: "cancellation", verificationStatus: "verified", identityVerifiedAt: null });
  });

  it("an account with a real-name record still confirms it, and a wrong one is refused with nothing written", async () => {
    const withRecord = await createPatient(db, { now });
    const missing = await submitRequest(db, withRecord.actor, SubmitInput.parse({ type: "cancellation", idempotencyKey: randomUUID() }), {
      now,
      locale: "zh-CN",
    });
    expect(missing).toMatchObject({ ok: false, error: "identity_required" });
    const wrong = SubmitInput.parse({ type: "cancellation", idempotencyKey: randomUUID(), identityName: withRecord.name, identityLast4: "0000" });
    expect(await submitRequest(db, withRecord.actor, wrong, { now, locale: "zh-CN" })).toMatchObject({ ok: false, error: "identity_mismatch" });
    expect(await db.select().from(requests).where(eq(requests.requesterId, withRecord.actor.id))).toHaveLength(0);
  });
});
