import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { attachments, auditLog } from "@/db/schema";
import { verifyAuditChain } from "@/lib/audit/verify";
import { createPatient, createStaff, fileRequest, newTestPhone, step, type TestPatient } from "@/lib/testing/factories";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { purgeAbandonedUploads, purgeProofDocuments } from "./proof-retention";
import { storeUpload } from "./store";

const now = testNow();
let db: Db;
let cleanup: () => Promise<void>;
let patient: TestPatient;

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  patient = await createPatient(db, { now });
});
afterAll(() => cleanup());

async function requestWithProof(at: Date) {
  const upload = await storeUpload(db, patient.actor, { purpose: "proof", filename: "户口簿.pdf", bytes: PDF }, at);
  if (!upload.ok) throw new Error(upload.error);
  const filed = await fileRequest(
    db,
    patient,
    {
      type: "complaint",
      description: "为孩子咨询",
      relationship: "guardian",
      subjectName: "郑小芬",
      subjectPhone: newTestPhone(),
      subjectBirthDate: "2016-06-01",
      proofAttachmentIds: [upload.upload.id],
      proofKinds: { [upload.upload.id]: "household_register" },
    },
    { now: at },
  );
  return { filed, proofId: upload.upload.id };
}

describe("proof documents are deleted a set time after their request closes", () => {
  it("keeps them while open and for 30 days after closing, then deletes the content, audited; a dry run changes nothing", async () => {
    const staff = await createStaff(db, "agent", { now });
    const filedAt = daysFrom(now, -40);
    const closedLongAgo = await requestWithProof(filedAt);
    await step(db, staff.actor, closedLongAgo.filed.ref, { kind: "claim" }, filedAt);
    await step(
      db,
      staff.actor,
      closedLongAgo.filed.ref,
      { kind: "refuse", reason: "identity_not_verified", explanation: "授权书未签名。" },
      daysFrom(now, -31),
    );
    const closedRecently = await requestWithProof(filedAt);
    await step(db, staff.actor, closedRecently.filed.ref, { kind: "claim" }, filedAt);
    await step(
      db,
      staff.actor,
      closedRecently.filed.ref,
      { kind: "refuse", reason: "identity_not_verified", explanation: "授权书未签名。" },
      daysFrom(now, -29),
    );
    const stillOpen = await requestWithProof(filedAt);

    const dry = await purgeProofDocuments(db, { apply: false, now });
    expect(dry.attachments).toContain(closedLongAgo.proofId);
    expect(dry.attachments).not.toContain(closedRecently.proofId);
    expect(dry.attachments).not.toContain(stillOpen.proofId);
    const [untouched] = await db.select().from(attachments).where(eq(attachments.id, closedLongAgo.proofId));
    expect(untouched!.content).not.toBeNull();

    const applied = await purgeProofDocuments(db, { apply: true, now });
    expect(applied.requests).toContain(closedLongAgo.filed.ref);
    const [gone] = await db.select().from(attachments).where(eq(attachments.id, closedLongAgo.proofId));
    expect(gone).toMatchObject({ content: null, deletedAt: now });
    for (const kept of [closedRecently.proofId, stillOpen.proofId]) {
      const [row] = await db.select().from(attachments).where(eq(attachments.id, kept));
      expect(row!.content).not.toBeNull();
    }
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "proof.purge"));
    expect(audit.find((a) => a.entityId === closedLongAgo.filed.ref)?.data).toMatchObject({ attachmentIds: [closedLongAgo.proofId], days: 30 });
    expect((await verifyAuditChain(db)).ok).toBe(true);

    // Run again: nothing more to do.
    expect((await purgeProofDocuments(db, { apply: true, now })).attachments).not.toContain(closedLongAgo.proofId);
  });
});

describe("uploads never filed with a request are deleted after 24 hours", () => {
  it("deletes the content of abandoned uploads older than a day, keeps newer ones and filed ones", async () => {
    const old = await storeUpload(db, patient.actor, { purpose: "proof", filename: "旧.pdf", bytes: PDF }, daysFrom(now, -2));
    const fresh = await storeUpload(db, patient.actor, { purpose: "proof", filename: "新.pdf", bytes: PDF }, new Date(now.getTime() - 3600_000));
    const filed = await requestWithProof(daysFrom(now, -3));
    if (!old.ok || !fresh.ok) throw new Error("upload refused");
    const report = await purgeAbandonedUploads(db, { apply: true, now });
    expect(report.attachments).toContain(old.upload.id);
    expect(report.attachments).not.toContain(fresh.upload.id);
    expect(report.attachments).not.toContain(filed.proofId);
    const [gone] = await db.select().from(attachments).where(eq(attachments.id, old.upload.id));
    expect(gone).toMatchObject({ content: null, deletedAt: now });
  });
});
