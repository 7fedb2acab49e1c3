import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { attachments, messages, requestEvents, requests } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { storeUpload } from "@/lib/uploads/store";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { makeRequest, makeUser } from "@/test/fixtures";
import { PDF_BYTES, PNG_BYTES, staffMessage } from "@/test/portal-fixtures";
import { answerFee, ReplyInput, replyToStaff, withdrawRequest } from "./patient-actions";
import { getMyRequest, listMyRequestChoices } from "./patient-view";
import { applyTransition } from "./transitions";

let db: Db;
let cleanup: () => Promise<void>;
let alice: Actor, bob: Actor, agent: Actor;
/** Now (TEST_NOW); Alice's requests were filed twelve days before, claimed an hour later and paused the next day. */
const now = testNow();
const t0 = daysFrom(now, -12);

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  alice = await makeUser(db, "patient");
  bob = await makeUser(db, "patient");
  agent = await makeUser(db, "agent");
});
afterAll(() => cleanup());

/** A request of Alice's that an agent has claimed and asked a question about. */
async function pausedRequest(reason: "clarification" | "identity" | "fee" = "clarification") {
  // A fee may only be quoted on a repeat (§8.7).
  const r = await makeRequest(db, alice, { receivedAt: t0, extra: { isRepeat: reason === "fee" } });
  await applyTransition(db, agent, { ref: r.ref, version: 0, action: { kind: "claim" } }, new Date(t0.getTime() + 3600_000));
  const day2 = daysFrom(t0, 1);
  const fee = { kind: "quote_fee", amount: 30, reason: "12个月内第3次申请", payment: "在小鹿中医 App“我的订单”中支付" } as const;
  const paused =
    reason === "fee"
      ? await applyTransition(db, agent, { ref: r.ref, version: 1, action: fee }, day2)
      : await applyTransition(db, agent, { ref: r.ref, version: 1, action: { kind: "pause", reason, message: "请补充说明您要删除哪些照片" } }, day2);
  if (!paused.ok) throw new Error(paused.error);
  return paused.request;
}

describe("a patient's view of their own request", () => {
  it("shows public events and messages, never internal notes; another patient gets not-found", async () => {
    const r = await pausedRequest();
    await staffMessage(db, agent, r.id, "内部备注：疑似重复申请", { internal: true });
    await db.insert(requestEvents).values({ requestId: r.id, kind: "note", actorId: agent.id, public: false });
    const view = await getMyRequest(db, alice, r.ref, now);
    expect(view.request.ref).toBe(r.ref);
    expect(view.messages.map((m) => m.body)).toEqual(["请补充说明您要删除哪些照片"]);
    expect(view.messages[0]!.fromMe).toBe(false);
    expect(view.events.map((e) => e.kind)).not.toContain("assigned");
    expect(view.events.map((e) => e.kind)).not.toContain("note");
    expect(view.events.map((e) => e.kind)).toContain("paused");
    await expect(getMyRequest(db, bob, r.ref, now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMyRequest(db, bob, "DSR-2026-999999", now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMyRequest(db, alice, "'; drop table requests; --", now)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listMyRequestChoices(db, bob)).map((c) => c.ref)).not.toContain(r.ref);
  });

  it("a package fulfilment prepared is offered only once released, and only until its download period ends", async () => {
    const r = await makeRequest(db, alice, { receivedAt: t0, extra: { status: "in_progress" } });
    const { fileId } = await staffMessage(db, agent, r.id, "打包", { file: { purpose: "result", name: "package.zip" } });
    const step = (name: string, result: Record<string, unknown>, at = now) =>
      db.insert(requestEvents).values({
        requestId: r.id,
        kind: "fulfilment_step",
        actorId: agent.id,
        public: true,
        data: { step: name, status: "done", result },
        occurredAt: at,
      });
    await step("access.prepare", { attachmentId: fileId });
    // Prepared, not released — not even when the request is completed.
    expect((await getMyRequest(db, alice, r.ref, now)).results).toEqual([]);
    await db.update(requests).set({ status: "completed", closedAt: now }).where(eq(requests.id, r.id));
    expect((await getMyRequest(db, alice, r.ref, now)).results).toEqual([]);
    await step("access.release", {
      attachmentId: fileId,
      releasedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
    });
    const view = await getMyRequest(db, alice, r.ref, now);
    expect(view.results.map((f) => f.filename)).toEqual(["package.zip"]);
    const link = new URL(view.results[0]!.href, "http://x");
    expect(link.pathname).toBe(`/api/downloads/${fileId}`);
    const { openReleasedResult } = await import("@/lib/fulfilment/downloads");
    expect(
      (await openReleasedResult(db, alice, fileId!, { expires: link.searchParams.get("expires"), sig: link.searchParams.get("sig") }, now)).filename,
    ).toBe("package.zip");
    const later = new Date(now.getTime() + 8 * 86_400_000);
    expect(await getMyRequest(db, alice, r.ref, later)).toMatchObject({ results: [], expiredResults: 1 });
  });
});

describe("a patient's own actions", () => {
  it("answering a question resumes the paused clock, moves the due date, and links the files to the answer", async () => {
    const r = await pausedRequest();
    const upload = await storeUpload(db, alice, { purpose: "message", filename: "照片清单.png", bytes: PNG_BYTES }, now);
    if (!upload.ok) throw new Error("upload");
    const answer = ReplyInput.parse({
      ref: r.ref,
      version: r.version,
      message: "删除 9 月 3 日的舌照 <b>和面照</b>",
      attachmentIds: [upload.upload.id],
    });
    // Eleven days after the pause: whatever the holidays, some working days passed, and the due date moves by them.
    expect(await replyToStaff(db, alice, answer, now)).toEqual({ ok: true, resumed: true });
    const [row] = await db.select().from(requests).where(eq(requests.id, r.id));
    expect(row!.status).toBe("in_progress");
    expect(row!.pausedAt).toBeNull();
    expect(row!.dueDate > r.dueDate).toBe(true);
    const [msg] = await db.select().from(messages).where(eq(messages.body, "删除 9 月 3 日的舌照 <b>和面照</b>"));
    const [file] = await db.select().from(attachments).where(eq(attachments.id, upload.upload.id));
    expect(file).toMatchObject({ requestId: r.id, messageId: msg!.id });
    const view = await getMyRequest(db, alice, r.ref, now);
    expect(view.messages.at(-1)).toMatchObject({ fromMe: true, files: [{ filename: "照片清单.png" }] });
  });

  it("an answer with someone else's file writes nothing at all", async () => {
    const r = await pausedRequest();
    const bobs = await storeUpload(db, bob, { purpose: "message", filename: "b.pdf", bytes: PDF_BYTES }, now);
    if (!bobs.ok) throw new Error("upload");
    const answer = ReplyInput.parse({ ref: r.ref, version: r.version, message: "见附件", attachmentIds: [bobs.upload.id] });
    expect(await replyToStaff(db, alice, answer, now)).toEqual({ ok: false, error: "files_invalid" });
    const [row] = await db.select().from(requests).where(eq(requests.id, r.id));
    expect(row!.status).toBe("awaiting_requester");
    expect(row!.version).toBe(r.version);
    expect(await db.select().from(messages).where(eq(messages.body, "见附件"))).toHaveLength(0);
  });

  it("a stale answer and another patient's answer change nothing", async () => {
    const r = await pausedRequest();
    expect(await replyToStaff(db, alice, ReplyInput.parse({ ref: r.ref, version: r.version - 1, message: "旧页面" }), now)).toEqual({
      ok: false,
      error: "stale",
    });
    await expect(replyToStaff(db, bob, ReplyInput.parse({ ref: r.ref, version: r.version, message: "不是我的" }), now)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(ReplyInput.safeParse({ ref: r.ref, version: 0, message: "x".repeat(100_000) }).success).toBe(false);
  });

  it("a message on an open request that does not wait on the patient is just a message", async () => {
    const r = await makeRequest(db, alice, { receivedAt: t0 });
    expect(await replyToStaff(db, alice, ReplyInput.parse({ ref: r.ref, version: r.version, message: "补充：还有一张照片" }), now)).toEqual({
      ok: true,
    });
    const view = await getMyRequest(db, alice, r.ref, now);
    expect(view.request.status).toBe("submitted");
    expect(view.messages.map((m) => m.body)).toEqual(["补充：还有一张照片"]);
    expect(view.events.map((e) => e.kind)).toContain("message");
  });

  it("a quoted fee is accepted or declined by the patient, not answered with a message", async () => {
    const accepted = await pausedRequest("fee");
    expect(await replyToStaff(db, alice, ReplyInput.parse({ ref: accepted.ref, version: accepted.version, message: "好" }), now)).toEqual({
      ok: false,
      error: "not_allowed",
    });
    expect(await answerFee(db, alice, { ref: accepted.ref, version: accepted.version, accept: true }, now)).toEqual({ ok: true });
    expect((await getMyRequest(db, alice, accepted.ref, now)).request).toMatchObject({ status: "in_progress", feeStatus: "accepted" });
    const declined = await pausedRequest("fee");
    expect(await answerFee(db, alice, { ref: declined.ref, version: declined.version, accept: false }, now)).toEqual({ ok: true });
    // Declining ends the request as refused (§8.7), with its reason and the written explanation — not as withdrawn.
    expect((await getMyRequest(db, alice, declined.ref, now)).request).toMatchObject({
      status: "refused",
      feeStatus: "declined",
      refusalReason: "repeat_fee_declined",
    });
  });

  it("withdraws an open request once; a closed one cannot be withdrawn or messaged", async () => {
    const r = await makeRequest(db, alice, { receivedAt: t0 });
    await expect(withdrawRequest(db, bob, { ref: r.ref, version: 0 }, now)).rejects.toBeInstanceOf(NotFoundError);
    expect(await withdrawRequest(db, alice, { ref: r.ref, version: 0 }, now)).toEqual({ ok: true });
    expect(await withdrawRequest(db, alice, { ref: r.ref, version: 1 }, now)).toEqual({ ok: false, error: "wrong_status" });
    expect(await replyToStaff(db, alice, ReplyInput.parse({ ref: r.ref, version: 1, message: "还在吗" }), now)).toEqual({
      ok: false,
      error: "wrong_status",
    });
  });
});
