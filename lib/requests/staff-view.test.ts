import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { accounts, addresses, attachments, auditLog, consents, replyTemplates } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { makeRequest, makeUser } from "@/test/fixtures";
import { insertRequests } from "@/test/staff-fixtures";
import { readAttachmentForStaff } from "./attachment-access";
import { requestAuditTrail } from "./audit-trail";
import { platformRecordsFor } from "./platform-records";
import { earlierSameRequests } from "./repeats";
import { fillTemplate, listReplyTemplates, TEMPLATE_KEYS, updateReplyTemplate } from "./reply-templates";
import { performStaffAction } from "./staff-actions";
import { openRequestForStaff, requestMessages, requestTimeline } from "./staff-view";

let db: Db;
let cleanup: () => Promise<void>;
let patient: Actor, agent: Actor, manager: Actor;
beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  patient = await makeUser(db, "patient", { phone: "19932000001" });
  agent = await makeUser(db, "agent");
  manager = await makeUser(db, "manager");
});
afterAll(() => cleanup());

/** Staff look at requests at NOW (TEST_NOW); the requests were filed three days before. */
const NOW = testNow();
const filed = { receivedAt: daysFrom(NOW, -3) };
const auditOf = async (requestId: string) => db.select().from(auditLog).where(eq(auditLog.requestId, requestId)).orderBy(auditLog.id);

describe("the request page for staff", () => {
  it("opening it writes a request.view audit row; patients are refused, unknown or malformed refs are not found", async () => {
    const r = await makeRequest(db, patient, filed);
    const opened = await openRequestForStaff(db, agent, r.ref.toLowerCase(), NOW);
    expect(opened.request.id).toBe(r.id);
    expect(opened.requester.phone).toBe(patient.phone);
    expect((await auditOf(r.id)).map((a) => [a.action, a.actorId])).toEqual([["request.view", agent.id]]);
    await expect(openRequestForStaff(db, patient, r.ref, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(openRequestForStaff(db, agent, "DSR-2026-999998", NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(openRequestForStaff(db, agent, "../../etc/passwd", NOW)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("shows the whole timeline with internal events, and keeps notes apart from the public thread", async () => {
    const r = await makeRequest(db, patient, filed);
    await performStaffAction(db, agent, "claim", { ref: r.ref, version: 0 }, NOW);
    await performStaffAction(db, agent, "note", { ref: r.ref, body: "内部备注" }, NOW);
    await performStaffAction(db, agent, "pause", { ref: r.ref, version: 1, reason: "clarification", message: "请说明范围" }, NOW);
    const events = await requestTimeline(db, agent, r.id);
    expect(events.map((e) => [e.kind, e.public])).toEqual([
      ["assigned", false],
      ["status_changed", true],
      ["note", false],
      ["status_changed", true],
      ["paused", true],
    ]);
    const { thread, notes } = await requestMessages(db, agent, r.id);
    expect(thread.map((m) => m.body)).toEqual(["请说明范围"]);
    expect(notes.map((m) => m.body)).toEqual(["内部备注"]);
    await expect(requestMessages(db, patient, r.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requestTimeline(db, patient, r.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("finds the earlier requests of the same type from the same subject within 12 months (§8.7)", async () => {
    const p = await makeUser(db, "patient", { phone: "19932000002" });
    // Relative to the current request, received 19 days ago: 13½ months before, 7 months, 6 months (another type), 4 months, and 9 days after.
    const current = daysFrom(NOW, -19);
    const [old, earlier, otherType, currentReq, later] = await insertRequests(db, p, [
      { type: "access", receivedAt: daysFrom(current, -410) },
      { type: "access", receivedAt: daysFrom(current, -213), extra: { status: "completed" } },
      { type: "deletion", receivedAt: daysFrom(current, -183) },
      { type: "access", receivedAt: current },
      { type: "access", receivedAt: daysFrom(current, 9) },
    ]);
    // Someone else acting for the same subject counts too: the subject is the phone.
    const relative = await makeUser(db, "patient", { phone: "19932000003" });
    const [forSubject] = await insertRequests(db, relative, [
      { type: "access", receivedAt: daysFrom(current, -122), extra: { subjectPhone: "19932000002", relationship: "authorised_agent" } },
    ]);
    const found = await earlierSameRequests(db, agent, currentReq!);
    expect(found.map((x) => x.ref)).toEqual([forSubject!.ref, earlier!.ref]);
    expect(found.map((x) => x.ref)).not.toContain(old!.ref);
    expect(found.map((x) => x.ref)).not.toContain(otherType!.ref);
    expect(found.map((x) => x.ref)).not.toContain(later!.ref);
    await expect(earlierSameRequests(db, patient, currentReq!)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("serves a proof document to staff only, with an audit row per view and per download", async () => {
    const r = await makeRequest(db, patient, { ...filed, extra: { relationship: "guardian" } });
    const other = await makeRequest(db, patient, filed);
    const png = Buffer.from("89504e470d0a1a0a", "hex");
    const html = Buffer.from("<script>alert(1)</script>");
    const [proof, page] = await db
      .insert(attachments)
      .values([
        {
          requestId: r.id,
          uploaderId: patient.id,
          purpose: "proof",
          filename: "户口本.png",
          contentType: "image/png",
          sizeBytes: png.length,
          sha256: createHash("sha256").update(png).digest("hex"),
          content: png,
        },
        {
          requestId: r.id,
          uploaderId: patient.id,
          purpose: "proof",
          filename: "x.html",
          contentType: "text/html",
          sizeBytes: html.length,
          sha256: "x",
          content: html,
        },
      ])
      .returning();
    const viewed = await readAttachmentForStaff(db, agent, r.ref, proof!.id, "view", NOW);
    expect(viewed).toMatchObject({ contentType: "image/png", disposition: "inline", filename: "户口本.png" });
    expect(Buffer.from(viewed.content).equals(png)).toBe(true);
    await readAttachmentForStaff(db, agent, r.ref, proof!.id, "download", NOW);
    // Active content is never shown inline: it is handed over as opaque bytes.
    expect(await readAttachmentForStaff(db, agent, r.ref, page!.id, "view", NOW)).toMatchObject({
      contentType: "application/octet-stream",
      disposition: "attachment",
    });
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.requestId, r.id), eq(auditLog.entity, "attachment")));
    expect(rows.map((a) => [a.action, a.entityId])).toEqual([
      ["attachment.view", proof!.id],
      ["attachment.download", proof!.id],
      ["attachment.download", page!.id],
    ]);
    await expect(readAttachmentForStaff(db, patient, r.ref, proof!.id, "view", NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(readAttachmentForStaff(db, agent, other.ref, proof!.id, "view", NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(readAttachmentForStaff(db, agent, r.ref, "not-a-uuid", "view", NOW)).rejects.toBeInstanceOf(NotFoundError);
    await db.update(attachments).set({ deletedAt: NOW, content: null }).where(eq(attachments.id, proof!.id));
    await expect(readAttachmentForStaff(db, agent, r.ref, proof!.id, "view", NOW)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("shows managers the request's audit trail; agents may not read it", async () => {
    const r = await makeRequest(db, patient, filed);
    await openRequestForStaff(db, agent, r.ref, NOW);
    await performStaffAction(db, agent, "claim", { ref: r.ref, version: 0 }, NOW);
    const trail = await requestAuditTrail(db, manager, r.id);
    expect(trail.map((a) => a.action)).toEqual(["request.claim", "request.view"]);
    expect(trail[0]!.actorName).toBe(agent.displayName);
    await expect(requestAuditTrail(db, agent, r.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("reads the subject's own platform records for the request, never another account's", async () => {
    const [acc, stranger] = await db
      .insert(accounts)
      .values([
        { phone: "19932000009", nickname: "小鹿用户", email: "a@example.com" },
        { phone: "19932000010", nickname: "别人" },
      ])
      .returning();
    const [mine, theirs] = await db
      .insert(addresses)
      .values([
        { accountId: acc!.id, recipientName: "甲", phone: "19932000009", province: "青海", city: "海东", district: "平安", detail: "平安大道 1 号" },
        { accountId: stranger!.id, recipientName: "乙", phone: "19932000010", province: "北京", city: "北京", district: "东城", detail: "秘密地址" },
      ])
      .returning();
    await db.insert(consents).values([
      { accountId: acc!.id, key: "marketing", granted: true, changedAt: NOW },
      { accountId: acc!.id, key: "device_location", granted: false, changedAt: NOW },
    ]);
    const correction = await makeRequest(db, patient, {
      ...filed,
      type: "correction",
      extra: {
        subjectAccountId: acc!.id,
        scope: {
          corrections: [
            { field: "address.detail", recordId: mine!.id, current: "平安大道 1 号", requested: "平安大道 2 号" },
            { field: "addresses.detail", recordId: theirs!.id, current: "?", requested: "?" },
            { field: "accounts.nickname", recordId: acc!.id, current: "小鹿用户", requested: "小鹿" },
          ],
        },
      },
    });
    const c = await platformRecordsFor(db, agent, correction);
    expect(c.account?.nickname).toBe("小鹿用户");
    expect(c.corrections.map((x) => x.live)).toEqual(["平安大道 1 号", null, "小鹿用户"]);
    expect(JSON.stringify(c)).not.toContain("秘密地址");

    const consent = await makeRequest(db, patient, {
      ...filed,
      type: "consent",
      extra: { subjectAccountId: acc!.id, scope: { consents: ["marketing"] } },
    });
    const k = await platformRecordsFor(db, agent, consent);
    expect(k.consents.map((x) => [x.key, x.granted, x.asked])).toEqual([
      ["device_location", false, false],
      ["marketing", true, true],
    ]);

    const access = await makeRequest(db, patient, {
      ...filed,
      type: "access",
      extra: { subjectAccountId: acc!.id, scope: { categories: ["addresses", "accounts", "consents", "nonsense"] } },
    });
    const a = await platformRecordsFor(db, agent, access);
    expect(a.categories.map((x) => [x.category, x.total])).toEqual([
      ["addresses", 1],
      ["account", 1],
      ["consents", 2],
    ]);
    expect(a.unknownCategories).toEqual(["nonsense"]);

    const unknown = await makeRequest(db, patient, { ...filed, type: "access", extra: { scope: { categories: ["addresses"] } } });
    expect((await platformRecordsFor(db, agent, unknown)).categories).toEqual([]);
    await expect(platformRecordsFor(db, patient, access)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("offers reply templates per type in both languages, seeded once; managers edit them, audited", async () => {
    const [first, second] = await Promise.all([listReplyTemplates(db, agent, "deletion"), listReplyTemplates(db, agent, "deletion")]);
    expect(first).toHaveLength(TEMPLATE_KEYS.length * 2);
    expect(second).toHaveLength(TEMPLATE_KEYS.length * 2);
    const all = await db.select().from(replyTemplates).where(eq(replyTemplates.type, "deletion"));
    expect(all).toHaveLength(TEMPLATE_KEYS.length * 2);
    const zh = first.find((x) => x.key === "completed" && x.locale === "zh-CN")!;
    expect(zh.body).toContain("{ref}");
    expect(fillTemplate(zh.body, { ref: "DSR-2026-000001", due: "2026-10-13" })).toContain("DSR-2026-000001");
    expect(first.find((x) => x.key === "completed" && x.locale === "en")!.body).toMatch(/deletion request/);

    await expect(updateReplyTemplate(db, agent, { id: zh.id, title: "x", body: "y" }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await updateReplyTemplate(db, manager, { id: zh.id, title: "删除完成", body: "您好，{ref} 已删除。" }, NOW);
    const [edited] = await db.select().from(replyTemplates).where(eq(replyTemplates.id, zh.id));
    expect(edited).toMatchObject({ title: "删除完成", body: "您好，{ref} 已删除。", updatedBy: manager.id });
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "reply_template.update"));
    expect(audit).toMatchObject({ actorId: manager.id, entityId: "deletion/zh-CN/completed" });
    await expect(updateReplyTemplate(db, manager, { id: "00000000-0000-4000-8000-000000000000", title: "x", body: "y" }, NOW)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(listReplyTemplates(db, patient, "deletion")).rejects.toBeInstanceOf(ForbiddenError);

    // A default nobody edited follows the current wording (an old one that stated facts is not offered again);
    // the manager's edit stays.
    const en = first.find((x) => x.key === "completed" && x.locale === "en")!;
    await db.update(replyTemplates).set({ body: "Everything was deleted and partners told." }).where(eq(replyTemplates.id, en.id));
    const again = await listReplyTemplates(db, agent, "deletion");
    expect(again.find((x) => x.id === en.id)!.body).toBe(en.body);
    expect(again.find((x) => x.id === zh.id)!.body).toBe("您好，{ref} 已删除。");
  });
});
