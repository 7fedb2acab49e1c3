import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { accounts, addresses, attachments, auditLog, automatedDecisions, outbox, requestEvents, requests } from "@/db/schema";
import { computeDeadline, DEFAULT_SLA_POLICIES, shanghaiDateOf, weekdayOf } from "@/lib/sla";
import { createPatient, newTestPhone, type TestPatient } from "@/lib/testing/factories";
import { daysFrom, testNow } from "@/test/clock";
import { repeatWindowStart } from "@/lib/domain/repeat-window";
import { createTestDb } from "@/test/db";
import { bundledIndex, makeUser } from "@/test/fixtures";
import { submitRequest } from "./create";
import { SubmitInput } from "./submit-schema";

let db: Db;
let cleanup: () => Promise<void>;
let a: TestPatient;
let b: TestPatient;
const now = testNow();
const opts = { now, locale: "zh-CN" as const };
const WEEKDAYS_ZH = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

const input = (v: Record<string, unknown>) => SubmitInput.parse({ idempotencyKey: randomUUID(), ...v });
const identityOf = (p: TestPatient) => ({ identityName: p.name, identityLast4: p.last4 });

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  a = await createPatient(db, { now });
  b = await createPatient(db, { now });
});
afterAll(() => cleanup());

describe("filing a request", () => {
  it("files with a reference, the legal deadline counted from the Shanghai date of receipt, an event, an SMS and an audit row", async () => {
    const result = await submitRequest(db, a.actor, input({ type: "access", categories: ["account", "orders"] }), opts);
    // The deadline engine with the bundled calendar: 15 working days after the receipt date, provisional when the
    // counting reaches a year whose notice is not loaded (2027 and later).
    const expected = computeDeadline(now, DEFAULT_SLA_POLICIES.access, bundledIndex());
    expect(result).toMatchObject({ ok: true, replayed: false, dueDate: expected.dueDate, provisional: expected.provisional });
    if (!result.ok) return;
    expect(result.ref).toMatch(new RegExp(`^DSR-${shanghaiDateOf(now).slice(0, 4)}-\\d{6}$`));
    expect(result.dueDate > shanghaiDateOf(now)).toBe(true);
    expect(bundledIndex().workingDaysBetween(shanghaiDateOf(now), result.dueDate)).toBe(15);
    expect(result.provisional).toBe(!bundledIndex().isLoadedYear(Number(result.dueDate.slice(0, 4))));
    expect(result.dueAt.toISOString()).toBe(new Date(`${result.dueDate}T23:59:59.999+08:00`).toISOString());
    const [row] = await db.select().from(requests).where(eq(requests.ref, result.ref));
    expect(row).toMatchObject({
      type: "access",
      status: "submitted",
      subjectAccountId: a.accountId,
      subjectPhone: a.phone,
      scope: { categories: ["account", "orders"] },
      receivedAt: now,
      dueDate: expected.dueDate,
      targetDate: expected.targetDate,
      provisional: expected.provisional,
      isRepeat: false,
    });
    expect(await db.select().from(requestEvents).where(eq(requestEvents.requestId, row!.id))).toHaveLength(1);
    const [sms] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.requestId, row!.id), eq(outbox.channel, "sms")));
    expect(sms!.body).toContain(result.ref);
    expect(sms!.body).toContain(`${expected.dueDate} ${WEEKDAYS_ZH[weekdayOf(expected.dueDate)]}`);
    expect(await db.select().from(auditLog).where(eq(auditLog.requestId, row!.id))).toHaveLength(1);
  });

  it("flags a request of the same type for the same subject within the last 12 months as a repeat", async () => {
    const p = await createPatient(db, { now: daysFrom(now, -400) });
    const file = (at: Date, consents: string[]) => submitRequest(db, p.actor, input({ type: "consent", consents }), { now: at, locale: "zh-CN" });
    const repeatOf = async (r: Awaited<ReturnType<typeof file>>) =>
      (
        await db
          .select({ isRepeat: requests.isRepeat })
          .from(requests)
          .where(eq(requests.ref, r.ok ? r.ref : ""))
      )[0]!.isRepeat;
    const second = daysFrom(now, -1);
    // A minute before the second one's window opens (12 calendar months in Shanghai, leap days and all).
    const first = new Date(repeatWindowStart(second).getTime() - 60_000);
    expect(await repeatOf(await file(first, ["marketing"]))).toBe(false);
    expect(await repeatOf(await file(second, ["personalised_recommendations"]))).toBe(false);
    expect(await repeatOf(await file(now, ["device_location"]))).toBe(true);
  });

  it("never files twice for one idempotency key, even at the same moment", async () => {
    const same = input({ type: "consent", consents: ["marketing"] });
    const [x, y] = await Promise.all([submitRequest(db, a.actor, same, opts), submitRequest(db, a.actor, same, opts)]);
    expect(x.ok && y.ok && x.ref === y.ref).toBe(true);
    expect([x.ok && x.replayed, y.ok && y.replayed].sort()).toEqual([false, true]);
    expect(await db.select().from(requests).where(eq(requests.idempotencyKey, same.idempotencyKey))).toHaveLength(1);
  });

  it("stops a second open request of the same type and scope, naming the first", async () => {
    const first = await submitRequest(db, a.actor, input({ type: "portability", categories: ["orders"] }), opts);
    const second = await submitRequest(db, a.actor, input({ type: "portability", categories: ["orders"] }), opts);
    expect(second).toEqual({ ok: false, error: "duplicate", duplicateRef: first.ok ? first.ref : "" });
    expect((await submitRequest(db, a.actor, input({ type: "portability", categories: ["addresses"] }), opts)).ok).toBe(true);
  });

  it("tells general questions apart by what they ask: a different one is filed, the same one again is a duplicate", async () => {
    const ask = (description: string) => submitRequest(db, a.actor, input({ type: "complaint", description }), opts);
    const first = await ask("你们把我的信息给了哪些药房？");
    expect(first.ok).toBe(true);
    expect((await ask("为什么要收集我的设备信息？")).ok).toBe(true);
    expect(await ask("  你们把我的信息给了哪些药房？ ")).toEqual({ ok: false, error: "duplicate", duplicateRef: first.ok ? first.ref : "" });
  });

  it("asks for the real-name check on health records and refuses a wrong one; five mismatches lock it until the next day", async () => {
    const health = { type: "access", categories: ["prescriptions"] };
    expect(await submitRequest(db, b.actor, input(health), opts)).toMatchObject({ ok: false, error: "identity_required" });
    for (let i = 0; i < 5; i++) {
      expect(await submitRequest(db, b.actor, input({ ...health, identityName: "不是我", identityLast4: "0000" }), opts)).toEqual({
        ok: false,
        error: "identity_mismatch",
      });
    }
    const right = { ...health, ...identityOf(b) };
    expect(await submitRequest(db, b.actor, input(right), opts)).toEqual({ ok: false, error: "identity_locked" });
    const tomorrow = { ...opts, now: new Date(now.getTime() + 25 * 3600_000) };
    expect((await submitRequest(db, b.actor, input(right), tomorrow)).ok).toBe(true);
  });

  it("refuses a correction of a record that is not the patient's, and files one of theirs with the current value", async () => {
    const [otherAddress] = await db.select().from(addresses).where(eq(addresses.accountId, b.accountId!));
    const theirs = input({
      type: "correction",
      corrections: [{ field: "address.detail", recordId: otherAddress!.id, requested: "新地址" }],
      reason: "搬家了",
    });
    expect(await submitRequest(db, a.actor, theirs, opts)).toEqual({ ok: false, error: "not_yours" });
    const ok = await submitRequest(
      db,
      a.actor,
      input({ type: "correction", corrections: [{ field: "account.nickname", recordId: a.accountId, requested: "小张" }], reason: "改名" }),
      opts,
    );
    expect(ok.ok).toBe(true);
    const [row] = await db
      .select()
      .from(requests)
      .where(eq(requests.ref, ok.ok ? ok.ref : ""));
    const [account] = await db.select().from(accounts).where(eq(accounts.id, a.accountId!));
    expect(row!.scope.corrections![0]).toMatchObject({ field: "account.nickname", current: account!.nickname, requested: "小张" });
  });

  it("refuses an automated decision or a deletion item of someone else", async () => {
    const [decision] = await db.select().from(automatedDecisions).where(eq(automatedDecisions.accountId, b.accountId!));
    expect(await submitRequest(db, a.actor, input({ type: "automated_decision", decisionId: decision!.id, dispute: "不同意" }), opts)).toEqual({
      ok: false,
      error: "not_yours",
    });
    const [address] = await db.select().from(addresses).where(eq(addresses.accountId, b.accountId!));
    const deletion = input({
      type: "deletion",
      items: [{ category: "addresses", id: address!.id }],
      ground: "no_longer_necessary",
      ...identityOf(a),
    });
    expect(await submitRequest(db, a.actor, deletion, opts)).toEqual({ ok: false, error: "not_yours" });
  });

  it.each(["unfinished_consultation", "undelivered_order", "balance"] as const)(
    "refuses to close an account with a blocker (%s), and closes one without",
    async (blocker) => {
      const blocked = await createPatient(db, { now, blocker });
      const result = await submitRequest(db, blocked.actor, input({ type: "cancellation", ...identityOf(blocked) }), opts);
      expect(result).toMatchObject({ ok: false, error: "cancellation_blocked", blockers: [blocker] });
      expect(await db.select().from(requests).where(eq(requests.requesterId, blocked.actor.id))).toHaveLength(0);
      const free = await createPatient(db, { now });
      expect(await submitRequest(db, free.actor, input({ type: "cancellation", ...identityOf(free) }), opts)).toMatchObject({ ok: true });
    },
  );

  it("acting for someone needs proof documents uploaded by the requester", async () => {
    const base = {
      type: "complaint",
      description: "代孩子咨询",
      relationship: "guardian",
      subjectName: "测试孩子",
      subjectPhone: newTestPhone(),
      subjectBirthDate: `${now.getUTCFullYear() - 8}-06-01`,
    };
    expect(SubmitInput.safeParse({ idempotencyKey: randomUUID(), ...base }).success).toBe(false);
    const stranger = await makeUser(db, "patient");
    const [foreign] = await db
      .insert(attachments)
      .values({
        uploaderId: stranger.id,
        purpose: "proof",
        filename: "a.pdf",
        contentType: "application/pdf",
        sizeBytes: 4,
        sha256: "x",
        content: new Uint8Array([37, 80, 68, 70]),
      })
      .returning();
    const withForeign = input({ ...base, proofAttachmentIds: [foreign!.id], proofKinds: { [foreign!.id]: "household_register" }, ...identityOf(a) });
    expect(await submitRequest(db, a.actor, withForeign, opts)).toEqual({ ok: false, error: "proof_invalid" });
    expect(await db.select().from(requests).where(eq(requests.idempotencyKey, withForeign.idempotencyKey))).toHaveLength(0);
  });
});

describe("filing for someone by law (lib/identity/authority.ts), checked on the day of filing", () => {
  const year = now.getUTCFullYear();

  it("a guardian files for a 就诊人 child of their own account without proof: the child is the subject, their records only", async () => {
    const parent = await createPatient(db, { now, familyMembers: [{ relationship: "child", birthDate: `${year - 7}-03-01` }] });
    const child = parent.familyMembers[0]!;
    const result = await submitRequest(
      db,
      parent.actor,
      input({ type: "access", relationship: "guardian", subjectPatientId: child.id, categories: ["consultations"], ...identityOf(parent) }),
      opts,
    );
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const [row] = await db.select().from(requests).where(eq(requests.ref, result.ref));
    expect(row).toMatchObject({ relationship: "guardian", subjectPatientId: child.id, subjectAccountId: parent.accountId, subjectName: child.name });
  });

  it("another account's 就诊人 is not the requester's to name: refused at that field, nothing filed", async () => {
    const other = await createPatient(db, { now, familyMembers: [{ relationship: "child", birthDate: `${year - 7}-03-01` }] });
    const filing = input({
      type: "access",
      relationship: "guardian",
      subjectPatientId: other.familyMembers[0]!.id,
      categories: ["photos"],
      ...identityOf(a),
    });
    expect(await submitRequest(db, a.actor, filing, opts)).toEqual({ ok: false, error: "not_yours", fieldErrors: { subjectPatientId: "not_yours" } });
    expect(await db.select().from(requests).where(eq(requests.idempotencyKey, filing.idempotencyKey))).toHaveLength(0);
  });

  it("a guardian acts only for a minor: an adult 就诊人 or a birth date 18 years back is refused", async () => {
    const family = await createPatient(db, { now, familyMembers: [{ relationship: "child", birthDate: `${year - 25}-01-01` }] });
    const adultChild = input({
      type: "access",
      relationship: "guardian",
      subjectPatientId: family.familyMembers[0]!.id,
      categories: ["photos"],
      ...identityOf(family),
    });
    expect(await submitRequest(db, family.actor, adultChild, opts)).toMatchObject({ ok: false, error: "subject_not_a_minor" });
    const upload = await db
      .insert(attachments)
      .values({
        uploaderId: a.actor.id,
        purpose: "proof",
        filename: "户口簿.pdf",
        contentType: "application/pdf",
        sizeBytes: 4,
        sha256: "x",
        content: new Uint8Array([37, 80, 68, 70]),
      })
      .returning();
    const named = input({
      type: "complaint",
      description: "代孩子咨询",
      relationship: "guardian",
      subjectName: "测试孩子",
      subjectPhone: newTestPhone(),
      subjectBirthDate: `${year - 19}-01-01`,
      proofAttachmentIds: [upload[0]!.id],
      proofKinds: { [upload[0]!.id]: "household_register" },
      ...identityOf(a),
    });
    expect(await submitRequest(db, a.actor, named, opts)).toEqual({
      ok: false,
      error: "subject_not_a_minor",
      fieldErrors: { subjectBirthDate: "subject_not_a_minor" },
    });
    expect(await db.select().from(requests).where(eq(requests.idempotencyKey, named.idempotencyKey))).toHaveLength(0);
  });
});
