import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { attachments, auditLog, outbox, requests, requestVerifications, users } from "@/db/schema";
import { performAction } from "@/lib/actions/perform";
import { requestCode, verifyCode } from "@/lib/auth/otp";
import { computeDeadline, DEFAULT_SLA_POLICIES, shanghaiDateOf } from "@/lib/sla";
import { addCalendarDays } from "@/lib/sla/shanghai";
import { createPatient, createStaff, newTestPhone, type TestStaff } from "@/lib/testing/factories";
import { testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { bundledIndex } from "@/test/fixtures";
import { logIntake, logIntakeDefinition } from "./intake";
import { IntakeInput, receiptInstant } from "./intake-schema";
import { listMyRequests } from "./queries";
import { storeUpload } from "@/lib/uploads/store";
import { PDF_BYTES } from "@/test/portal-fixtures";

let db: Db;
let cleanup: () => Promise<void>;
let agent: TestStaff;
let manager: TestStaff;
let admin: TestStaff;
const now = testNow();
const today = shanghaiDateOf(now);
const yesterday = addCalendarDays(today, -1);

const input = (v: Record<string, unknown> = {}) =>
  IntakeInput.parse({
    idempotencyKey: randomUUID(),
    channel: "phone",
    receivedDate: yesterday,
    receivedTime: "17:50",
    type: "access",
    categories: ["consultations", "prescriptions"],
    patientName: "王小鹿",
    patientPhone: newTestPhone(),
    identityCheck: "security_questions",
    identityNote: "核对了最近一次问诊日期",
    ...v,
  });

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  agent = await createStaff(db, "agent", { now });
  manager = await createStaff(db, "manager", { now });
  admin = await createStaff(db, "admin", { now });
});
afterAll(() => cleanup());

describe("staff intake", () => {
  it("counts the deadline from a receipt yesterday at 17:50 Shanghai, for a phone that never signed in, who then sees it", async () => {
    const data = input();
    const result = await logIntake(db, agent.actor, data, { now });
    const receivedAt = new Date(`${yesterday}T17:50:00+08:00`);
    const expected = computeDeadline(receivedAt, DEFAULT_SLA_POLICIES.access, bundledIndex());
    expect(result).toMatchObject({ ok: true, dueDate: expected.dueDate, newPatient: true, replayed: false });
    if (!result.ok) return;
    // Counting from yesterday, not from the moment of logging.
    expect(bundledIndex().workingDaysBetween(yesterday, result.dueDate)).toBe(DEFAULT_SLA_POLICIES.access.dueWorkingDays);

    const [row] = await db.select().from(requests).where(eq(requests.ref, result.ref));
    expect(row).toMatchObject({
      channel: "phone",
      loggedById: agent.actor.id,
      receivedAt,
      dueDate: expected.dueDate,
      targetDate: expected.targetDate,
      subjectName: "王小鹿",
      subjectPhone: data.patientPhone,
      subjectAccountId: null,
      relationship: "self",
      verificationStatus: "verified",
      scope: { categories: ["consultations", "prescriptions"] },
    });

    // The verification record says who checked what.
    const checks = await db.select().from(requestVerifications).where(eq(requestVerifications.requestId, row!.id));
    expect(checks).toEqual([
      expect.objectContaining({
        method: "staff_check",
        result: "passed",
        evidence: { checked: ["security_questions"] },
        note: "核对了最近一次问诊日期",
        decidedById: agent.actor.id,
      }),
    ]);

    // The reference goes by SMS to the patient's phone, in the request's language.
    const sms = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.requestId, row!.id), eq(outbox.channel, "sms")));
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ template: "request_logged" });
    expect(sms[0]!.body).toContain(result.ref);
    expect(sms[0]!.body).toContain("登录个人信息权利中心");

    // Audited as logged by this agent via the phone, received at that moment; a receipt before today on its own.
    const audit = await db.select().from(auditLog).where(eq(auditLog.requestId, row!.id));
    const intake = audit.find((a) => a.action === "request.intake");
    expect(intake).toMatchObject({ actorId: agent.actor.id });
    expect(intake!.data).toMatchObject({ channel: "phone", receivedAt: receivedAt.toISOString(), loggedBy: agent.actor.displayName });
    expect(audit.find((a) => a.action === "request.intake_backdated")?.data).toMatchObject({ receivedDate: yesterday, loggedDate: today });

    // Signing in with that phone finds the same user (no second one) and the request in their list.
    await requestCode(db, { phone: data.patientPhone, ip: "10.0.0.9", now, locale: "zh-CN" });
    const [codeSms] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipient, data.patientPhone), eq(outbox.template, "otp")));
    const code = codeSms!.body.match(/(\d{6})/)![1]!;
    const signedIn = await verifyCode(db, { phone: data.patientPhone, code, ip: "10.0.0.9", now: new Date(now.getTime() + 10_000), locale: "zh-CN" });
    expect(signedIn.ok).toBe(true);
    if (!signedIn.ok) return;
    expect(signedIn.user.id).toBe(row!.requesterId);
    expect(await db.select().from(users).where(eq(users.phone, data.patientPhone))).toHaveLength(1);
    const mine = await listMyRequests(db, { ...signedIn.user, role: "patient", displayName: "", email: null });
    expect(mine.map((r) => r.ref)).toContain(result.ref);
  });

  it("files under the existing patient of that phone; no identity check leaves it pending; today's receipt is not flagged", async () => {
    const patient = await createPatient(db, { now });
    const at = new Date(now.getTime() - 3_600_000);
    const time = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
    const data = input({
      channel: "letter",
      receivedDate: shanghaiDateOf(at),
      receivedTime: time,
      type: "complaint",
      categories: [],
      description: "来信投诉：客服未按时答复。",
      patientPhone: patient.phone,
      identityCheck: "not_verified",
      identityNote: "信中未附身份证明",
    });
    const result = await logIntake(db, manager.actor, data, { now });
    expect(result).toMatchObject({ ok: true, newPatient: false });
    if (!result.ok) return;
    const [row] = await db.select().from(requests).where(eq(requests.ref, result.ref));
    expect(row).toMatchObject({
      requesterId: patient.actor.id,
      subjectAccountId: patient.accountId,
      channel: "letter",
      loggedById: manager.actor.id,
      verificationStatus: "pending",
      identityVerifiedAt: null,
      description: "来信投诉：客服未按时答复。",
    });
    const checks = await db.select().from(requestVerifications).where(eq(requestVerifications.requestId, row!.id));
    expect(checks).toEqual([
      expect.objectContaining({ method: "staff_check", result: "more_needed", evidence: { checked: [] }, note: "信中未附身份证明" }),
    ]);
    const actions = (await db.select().from(auditLog).where(eq(auditLog.requestId, row!.id))).map((a) => a.action);
    expect(actions).toEqual(["request.intake"]);
    expect((await listMyRequests(db, patient.actor)).map((r) => r.ref)).toContain(result.ref);
    expect(await db.select().from(users).where(eq(users.phone, patient.phone))).toHaveLength(1);
  });

  it("refuses a receipt later than now, writing nothing", async () => {
    const later = new Date(now.getTime() + 10 * 60_000);
    const data = input({
      receivedDate: shanghaiDateOf(later),
      receivedTime: new Date(later.getTime() + 8 * 3_600_000).toISOString().slice(11, 16),
    });
    expect(receiptInstant(data.receivedDate, data.receivedTime).getTime()).toBeGreaterThan(now.getTime());
    expect(await logIntake(db, agent.actor, data, { now })).toEqual({ ok: false, error: "receipt_in_future" });
    expect(await db.select().from(users).where(eq(users.phone, data.patientPhone))).toHaveLength(0);
    expect(await db.select().from(requests).where(eq(requests.subjectPhone, data.patientPhone))).toHaveLength(0);

    // Through the action pipeline: a field error on the time of receipt.
    const raw = { ...data, idempotencyKey: randomUUID() };
    const answered = await performAction(logIntakeDefinition, agent.actor, raw, { db, now, locale: "zh-CN" });
    expect(answered).toMatchObject({ ok: false, error: "receipt_in_future", fieldErrors: { receivedTime: "receipt_in_future" } });
    expect(await db.select().from(requests).where(eq(requests.subjectPhone, data.patientPhone))).toHaveLength(0);
  });

  it("answers bad input with field errors and writes nothing", async () => {
    const phone = newTestPhone();
    const raw = {
      idempotencyKey: randomUUID(),
      channel: "fax",
      receivedDate: "2026-02-30",
      receivedTime: "25:00",
      type: "access",
      categories: [],
      patientName: "",
      patientPhone: phone,
      identityCheck: "not_verified",
    };
    const answered = await performAction(logIntakeDefinition, agent.actor, raw, { db, now, locale: "zh-CN" });
    expect(answered).toMatchObject({
      ok: false,
      error: "invalid_input",
      fieldErrors: { channel: "invalidChoice", receivedTime: "date_invalid", patientName: "required" },
    });
    // The checks across fields, once each field is well formed.
    const across = await performAction(
      logIntakeDefinition,
      agent.actor,
      { ...raw, channel: "phone", receivedTime: "09:00", patientName: "王小鹿" },
      { db, now, locale: "zh-CN" },
    );
    expect(across).toMatchObject({
      ok: false,
      error: "invalid_input",
      fieldErrors: { receivedDate: "date_invalid", categories: "choose_one", identityNote: "note_required" },
    });
    expect(await db.select().from(users).where(eq(users.phone, phone))).toHaveLength(0);
  });

  it("is for agents and managers only: a patient and an admin are refused, nothing written", async () => {
    const patient = await createPatient(db, { now });
    for (const actor of [patient.actor, admin.actor]) {
      const data = input();
      const answered = await performAction(logIntakeDefinition, actor, data, { db, now, locale: "zh-CN" });
      expect(answered).toMatchObject({ ok: false, error: "forbidden" });
      expect(await db.select().from(users).where(eq(users.phone, data.patientPhone))).toHaveLength(0);
    }
    const ok = await performAction(logIntakeDefinition, manager.actor, input(), { db, now, locale: "zh-CN" });
    expect(ok.ok).toBe(true);
  });

  it("tells open requests described in words apart by their description; the same one again is a duplicate", async () => {
    const phone = newTestPhone();
    const ask = (description: string) => input({ type: "correction", categories: [], description, patientPhone: phone });
    const first = await logIntake(db, agent.actor, ask("地址写错了，应为 3 号楼。"), { now });
    const other = await logIntake(db, agent.actor, ask("出生日期写错了。"), { now });
    expect(first.ok && other.ok).toBe(true);
    const again = await logIntake(db, agent.actor, ask("地址写错了，应为 3 号楼。"), { now });
    expect(again).toEqual({ ok: false, error: "duplicate", duplicateRef: first.ok ? first.ref : "" });
    const answered = await performAction(logIntakeDefinition, manager.actor, ask("出生日期写错了。"), { db, now, locale: "zh-CN" });
    expect(answered).toMatchObject({ ok: false, error: "intake_duplicate", params: { request: other.ok ? other.ref : "" } });
  });

  it("links the scanned letter staff uploaded; a file someone else uploaded is refused; admins upload nothing", async () => {
    const letter = await storeUpload(db, agent.actor, { purpose: "proof", filename: "来信.pdf", bytes: PDF_BYTES }, now);
    expect(letter.ok).toBe(true);
    if (!letter.ok) return;
    const result = await logIntake(db, agent.actor, input({ channel: "letter", attachmentIds: [letter.upload.id] }), { now });
    expect(result.ok).toBe(true);
    const [row] = await db.select().from(attachments).where(eq(attachments.id, letter.upload.id));
    const [request] = await db
      .select()
      .from(requests)
      .where(eq(requests.ref, result.ok ? result.ref : ""));
    expect(row).toMatchObject({ requestId: request!.id, purpose: "proof", uploaderId: agent.actor.id });

    const theirs = await storeUpload(db, manager.actor, { purpose: "proof", filename: "别人的.pdf", bytes: PDF_BYTES }, now);
    const data = input({ attachmentIds: [theirs.ok ? theirs.upload.id : ""] });
    expect(await logIntake(db, agent.actor, data, { now })).toEqual({ ok: false, error: "files_invalid" });
    expect(await db.select().from(requests).where(eq(requests.subjectPhone, data.patientPhone))).toHaveLength(0);
    expect(await db.select().from(users).where(eq(users.phone, data.patientPhone))).toHaveLength(0);
    await expect(storeUpload(db, admin.actor, { purpose: "proof", filename: "x.pdf", bytes: PDF_BYTES }, now)).rejects.toThrow();
    await expect(storeUpload(db, agent.actor, { purpose: "message", filename: "x.pdf", bytes: PDF_BYTES }, now)).rejects.toThrow();
  });

  it("answers a retry of the same form with the request already logged", async () => {
    const data = input();
    const first = await logIntake(db, agent.actor, data, { now });
    const again = await logIntake(db, agent.actor, data, { now });
    expect(first.ok && again.ok && again.ref === first.ref && again.replayed).toBe(true);
    expect(await db.select().from(requests).where(eq(requests.subjectPhone, data.patientPhone))).toHaveLength(1);
  });
});
