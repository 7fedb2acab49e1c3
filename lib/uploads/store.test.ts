import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { attachments, auditLog, requests } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { makeRequest, makeUser } from "@/test/fixtures";
import { EXE_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES, staffMessage } from "@/test/portal-fixtures";
import { UPLOAD_LIMITS } from "./file-type";
import { discardUpload, openAttachment, storeUpload } from "./store";

let db: Db;
let cleanup: () => Promise<void>;
let alice: Actor, bob: Actor, agent: Actor;
/** Uploads are stamped with the moment they arrive; requests here were filed two days before. */
const now = testNow();
const filed = { receivedAt: daysFrom(now, -2) };

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  alice = await makeUser(db, "patient");
  bob = await makeUser(db, "patient");
  agent = await makeUser(db, "agent");
});
afterAll(() => cleanup());

describe("storing uploads in PostgreSQL", () => {
  it("stores a PDF, a JPEG and a PNG with their bytes, hash and an audit row", async () => {
    for (const [bytes, name, type] of [
      [PDF_BYTES, "授权委托书.pdf", "application/pdf"],
      [JPEG_BYTES, "户口簿.jpg", "image/jpeg"],
      [PNG_BYTES, "证明.png", "image/png"],
    ] as const) {
      const result = await storeUpload(db, alice, { purpose: "proof", filename: name, bytes }, now);
      expect(result).toMatchObject({ ok: true, upload: { filename: name, contentType: type, sizeBytes: bytes.length } });
      if (!result.ok) continue;
      const [row] = await db.select().from(attachments).where(eq(attachments.id, result.upload.id));
      expect(row).toMatchObject({ uploaderId: alice.id, requestId: null, purpose: "proof" });
      expect(Buffer.from(row!.content!).equals(Buffer.from(bytes))).toBe(true);
      expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(
        await db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.entityId, result.upload.id), eq(auditLog.action, "attachment.upload"))),
      ).toHaveLength(1);
    }
  });

  it("refuses a disguised executable and an oversized file, and stores nothing", async () => {
    const before = (await db.select().from(attachments).where(eq(attachments.uploaderId, bob.id))).length;
    expect(await storeUpload(db, bob, { purpose: "proof", filename: "proof.pdf", bytes: EXE_BYTES }, now)).toEqual({
      ok: false,
      error: "upload_type",
    });
    const big = new Uint8Array(UPLOAD_LIMITS.maxBytes + 1);
    big.set(PDF_BYTES);
    expect(await storeUpload(db, bob, { purpose: "proof", filename: "big.pdf", bytes: big }, now)).toEqual({ ok: false, error: "upload_too_large" });
    expect(await db.select().from(attachments).where(eq(attachments.uploaderId, bob.id))).toHaveLength(before);
  });

  it("limits the files a patient holds unsent", async () => {
    const carol = await makeUser(db, "patient");
    for (let i = 0; i < UPLOAD_LIMITS.maxPending; i++) {
      expect((await storeUpload(db, carol, { purpose: "evidence", filename: `${i}.png`, bytes: PNG_BYTES }, now)).ok).toBe(true);
    }
    expect(await storeUpload(db, carol, { purpose: "evidence", filename: "more.png", bytes: PNG_BYTES }, now)).toEqual({
      ok: false,
      error: "upload_count",
    });
  });
});

describe("who may read a file", () => {
  it("the uploader may; another patient gets not-found, as for an id that does not exist", async () => {
    const stored = await storeUpload(db, alice, { purpose: "proof", filename: "p.pdf", bytes: PDF_BYTES }, now);
    if (!stored.ok) throw new Error("upload failed");
    const file = await openAttachment(db, alice, stored.upload.id, now);
    expect(file.filename).toBe("p.pdf");
    await expect(openAttachment(db, bob, stored.upload.id, now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(openAttachment(db, bob, randomUUID(), now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(openAttachment(db, bob, "../../etc/passwd", now)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("staff read a proof once it belongs to a request, and every view is audited", async () => {
    const stored = await storeUpload(db, alice, { purpose: "proof", filename: "guardian.pdf", bytes: PDF_BYTES }, now);
    if (!stored.ok) throw new Error("upload failed");
    await expect(openAttachment(db, agent, stored.upload.id, now)).rejects.toBeInstanceOf(NotFoundError);
    const r = await makeRequest(db, alice, filed);
    await db.update(attachments).set({ requestId: r.id }).where(eq(attachments.id, stored.upload.id));
    await openAttachment(db, agent, stored.upload.id, now);
    await openAttachment(db, agent, stored.upload.id, now);
    const views = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, stored.upload.id), eq(auditLog.action, "attachment.download")));
    expect(views.filter((v) => v.actorId === agent.id)).toHaveLength(2);
    expect(views[0]!.requestId).toBe(r.id);
  });

  it("the requester reads staff's message files, never a file on an internal note", async () => {
    const r = await makeRequest(db, alice, filed);
    const visible = await staffMessage(db, agent, r.id, "请查收", { file: { purpose: "message", name: "说明.pdf" } });
    const internal = await staffMessage(db, agent, r.id, "内部", { internal: true, file: { purpose: "message", name: "内部.pdf" } });
    expect((await openAttachment(db, alice, visible.fileId!, now)).filename).toBe("说明.pdf");
    await expect(openAttachment(db, alice, internal.fileId!, now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(openAttachment(db, bob, visible.fileId!, now)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a result file is never served to the requester here (released results go through their signed link), only to staff", async () => {
    const r = await makeRequest(db, alice, filed);
    const { fileId } = await staffMessage(db, agent, r.id, "结果", { file: { purpose: "result", name: "副本.pdf" } });
    await db.update(requests).set({ status: "completed", closedAt: now }).where(eq(requests.id, r.id));
    await expect(openAttachment(db, alice, fileId!, now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(openAttachment(db, bob, fileId!, now)).rejects.toBeInstanceOf(NotFoundError);
    expect((await openAttachment(db, agent, fileId!, now)).filename).toBe("副本.pdf");
  });

  it("a patient takes back an unsent upload; its content is erased; a sent one cannot be taken back", async () => {
    const stored = await storeUpload(db, alice, { purpose: "evidence", filename: "e.png", bytes: PNG_BYTES }, now);
    if (!stored.ok) throw new Error("upload failed");
    await expect(discardUpload(db, bob, stored.upload.id, now)).rejects.toBeInstanceOf(NotFoundError);
    await discardUpload(db, alice, stored.upload.id, now);
    const [row] = await db.select().from(attachments).where(eq(attachments.id, stored.upload.id));
    expect(row!.content).toBeNull();
    expect(row!.deletedAt).not.toBeNull();
    await expect(openAttachment(db, alice, stored.upload.id, now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(discardUpload(db, alice, stored.upload.id, now)).rejects.toBeInstanceOf(NotFoundError);
  });
});
