import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { seedDatabase } from "@/db/seed";
import { accounts, addresses, attachments, auditLog, automatedDecisions, outbox, realNameVerifications, requestEvents, requests, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { createTestDb } from "@/test/db";
import { makeUser } from "@/test/fixtures";
import { submitRequest } from "./create";
import { SubmitInput } from "./submit-schema";

let db: Db;
let cleanup: () => Promise<void>;
let patientA: Actor;
let patientB: Actor;
let nameA: string;
let idA: string;
let accountA: string;
let accountB: string;
const now = new Date("2026-11-27T07:00:00Z"); // Friday 15:00 in Shanghai
const opts = { now, locale: "zh-CN" as const };

async function actorFor(phone: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.phone, phone));
  return { id: u!.id, role: "patient", displayName: u!.displayName, phone, email: null };
}
const input = (v: Record<string, unknown>) => SubmitInput.parse({ idempotencyKey: randomUUID(), ...v });

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  await seedDatabase(db, { now: new Date("2026-11-01T00:00:00Z") });
  patientA = await actorFor("19900000003");
  patientB = await actorFor("19900000004");
  const [a] = await db.select().from(accounts).where(eq(accounts.phone, "19900000003"));
  const [b] = await db.select().from(accounts).where(eq(accounts.phone, "19900000004"));
  accountA = a!.id;
  accountB = b!.id;
  const [rn] = await db.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, accountA));
  nameA = rn!.realName;
  idA = rn!.idNumber;
});
afterAll(() => cleanup());

describe("filing a request", () => {
  it("files with a reference, the legal deadline, an event, an SMS and an audit row", async () => {
    const result = await submitRequest(db, patientA, input({ type: "access", categories: ["account", "orders"] }), opts);
    expect(result).toMatchObject({ ok: true, replayed: false, provisional: false });
    if (!result.ok) return;
    expect(result.ref).toMatch(/^DSR-2026-\d{6}$/);
    // Received Fri 27 Nov 2026: 15 working days → Fri 18 Dec.
    expect(result.dueDate).toBe("2026-12-18");
    const [row] = await db.select().from(requests).where(eq(requests.ref, result.ref));
    expect(row).toMatchObject({ type: "access", status: "submitted", subjectAccountId: accountA, subjectPhone: "19900000003", scope: { categories: ["account", "orders"] } });
    expect(await db.select().from(requestEvents).where(eq(requestEvents.requestId, row!.id))).toHaveLength(1);
    const [sms] = await db.select().from(outbox).where(and(eq(outbox.requestId, row!.id), eq(outbox.channel, "sms")));
    expect(sms!.body).toContain(result.ref);
    expect(sms!.body).toContain("2026-12-18 星期五");
    expect(await db.select().from(auditLog).where(eq(auditLog.requestId, row!.id))).toHaveLength(1);
  });

  it("never files twice for one idempotency key, even at the same moment", async () => {
    const same = input({ type: "consent", consents: ["marketing"] });
    const [x, y] = await Promise.all([submitRequest(db, patientA, same, opts), submitRequest(db, patientA, same, opts)]);
    expect(x.ok && y.ok && x.ref === y.ref).toBe(true);
    expect([x.ok && x.replayed, y.ok && y.replayed].sort()).toEqual([false, true]);
    expect(await db.select().from(requests).where(eq(requests.idempotencyKey, same.idempotencyKey))).toHaveLength(1);
  });

  it("stops a second open request of the same type and scope, naming the first", async () => {
    const first = await submitRequest(db, patientA, input({ type: "portability", categories: ["orders"] }), opts);
    const second = await submitRequest(db, patientA, input({ type: "portability", categories: ["orders"] }), opts);
    expect(second).toEqual({ ok: false, error: "duplicate", duplicateRef: first.ok ? first.ref : "" });
    expect((await submitRequest(db, patientA, input({ type: "portability", categories: ["addresses"] }), opts)).ok).toBe(true);
  });

  it("tells general questions apart by what they ask: a different one is filed, the same one again is a duplicate", async () => {
    const ask = (description: string) => submitRequest(db, patientA, input({ type: "complaint", description }), opts);
    const first = await ask("你们把我的信息给了哪些药房？");
    expect(first.ok).toBe(true);
    expect((await ask("为什么要收集我的设备信息？")).ok).toBe(true);
    expect(await ask("  你们把我的信息给了哪些药房？ ")).toEqual({ ok: false, error: "duplicate", duplicateRef: first.ok ? first.ref : "" });
  });

  it("asks for the real-name check on health records and refuses a wrong one; five mismatches lock it", async () => {
    const health = { type: "access", categories: ["prescriptions"] };
    expect(await submitRequest(db, patientB, input(health), opts)).toMatchObject({ ok: false, error: "identity_required" });
    for (let i = 0; i < 5; i++) {
      expect(await submitRequest(db, patientB, input({ ...health, identityName: "不是我", identityLast4: "0000" }), opts)).toEqual({
        ok: false,
        error: "identity_mismatch",
      });
    }
    const [rn] = await db.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, accountB));
    const right = { ...health, identityName: rn!.realName, identityLast4: rn!.idNumber.slice(-4) };
    expect(await submitRequest(db, patientB, input(right), opts)).toEqual({ ok: false, error: "identity_locked" });
    const tomorrow = { ...opts, now: new Date(now.getTime() + 25 * 3600_000) };
    expect((await submitRequest(db, patientB, input(right), tomorrow)).ok).toBe(true);
  });

  it("refuses a correction of a record that is not the patient's, and files one of theirs with the current value", async () => {
    const [otherAddress] = await db.select().from(addresses).where(eq(addresses.accountId, accountB));
    const theirs = input({ type: "correction", corrections: [{ field: "address.detail", recordId: otherAddress!.id, requested: "新地址" }], reason: "搬家了" });
    expect(await submitRequest(db, patientA, theirs, opts)).toEqual({ ok: false, error: "not_yours" });
    const ok = await submitRequest(db, patientA, input({ type: "correction", corrections: [{ field: "account.nickname", recordId: accountA, requested: "小张" }], reason: "改名" }), opts);
    expect(ok.ok).toBe(true);
    const [row] = await db.select().from(requests).where(eq(requests.ref, ok.ok ? ok.ref : ""));
    const [account] = await db.select().from(accounts).where(eq(accounts.id, accountA));
    expect(row!.scope.corrections![0]).toMatchObject({ field: "account.nickname", current: account!.nickname, requested: "小张" });
  });

  it("refuses an automated decision or a deletion item of someone else", async () => {
    const [decision] = await db.select().from(automatedDecisions).where(eq(automatedDecisions.accountId, accountB));
    expect(await submitRequest(db, patientA, input({ type: "automated_decision", decisionId: decision!.id, dispute: "不同意" }), opts)).toEqual({ ok: false, error: "not_yours" });
    const [address] = await db.select().from(addresses).where(eq(addresses.accountId, accountB));
    const deletion = input({ type: "deletion", items: [{ category: "addresses", id: address!.id }], ground: "no_longer_necessary", identityName: nameA, identityLast4: idA.slice(-4) });
    expect(await submitRequest(db, patientA, deletion, opts)).toEqual({ ok: false, error: "not_yours" });
  });

  it("checks the preconditions of closing an account", async () => {
    // Patient 13 has an unfinished consultation, patient 14 an undelivered order (db/seed/data.ts).
    const blocked = await actorFor("19900000014");
    const [rn] = await db
      .select()
      .from(realNameVerifications)
      .innerJoin(accounts, eq(accounts.id, realNameVerifications.accountId))
      .where(eq(accounts.phone, "19900000014"));
    const result = await submitRequest(
      db,
      blocked,
      input({ type: "cancellation", identityName: rn!.real_name_verifications.realName, identityLast4: rn!.real_name_verifications.idNumber.slice(-4) }),
      opts,
    );
    expect(result).toMatchObject({ ok: false, error: "cancellation_blocked" });
    expect(!result.ok && result.blockers).toContain("undelivered_order");
  });

  it("acting for someone needs proof documents uploaded by the requester", async () => {
    const base = { type: "complaint", description: "代孩子咨询", relationship: "guardian", subjectName: "周一诺", subjectPhone: "19900000099" };
    expect(SubmitInput.safeParse({ idempotencyKey: randomUUID(), ...base }).success).toBe(false);
    const stranger = await makeUser(db, "patient");
    const [foreign] = await db
      .insert(attachments)
      .values({ uploaderId: stranger.id, purpose: "proof", filename: "a.pdf", contentType: "application/pdf", sizeBytes: 4, sha256: "x", content: new Uint8Array([37, 80, 68, 70]) })
      .returning();
    const withForeign = input({ ...base, proofAttachmentIds: [foreign!.id], identityName: nameA, identityLast4: idA.slice(-4) });
    expect(await submitRequest(db, patientA, withForeign, opts)).toEqual({ ok: false, error: "proof_invalid" });
    expect(await db.select().from(requests).where(eq(requests.idempotencyKey, withForeign.idempotencyKey))).toHaveLength(0);
  });
});
