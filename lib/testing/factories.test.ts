import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { orders, prescriptions, users } from "@/db/schema";
import { verifyStaffSignIn } from "@/lib/auth/staff";
import { cancellationBlockers } from "@/lib/platform/ownership";
import { createTestDb, type TestDb } from "@/test/db";
import { testNow } from "@/test/clock";
import { createPatient, createStaff, requestAwaitingAnswer } from "./factories";

let t: TestDb;
let db: Db;
const now = testNow();

beforeAll(async () => {
  t = await createTestDb();
  db = t.handle.db;
});
afterAll(() => t?.cleanup());

describe("test factories", () => {
  it("a patient has complete records of their own, dated before now, and nothing that blocks a cancellation", async () => {
    const a = await createPatient(db, { now });
    const b = await createPatient(db, { now });
    expect(a.phone).not.toBe(b.phone);
    expect(a.last4).toMatch(/^[0-9X]{4}$/);
    const rx = await db.select().from(prescriptions).where(eq(prescriptions.accountId, a.accountId!));
    const os = await db.select().from(orders).where(eq(orders.accountId, a.accountId!));
    expect(rx.length).toBeGreaterThan(0);
    expect(os.length).toBe(rx.length);
    expect(rx.every((p) => p.issuedAt.getTime() < now.getTime())).toBe(true);
    expect(await cancellationBlockers(db, a.accountId!)).toEqual([]);
  });

  it("a blocker is what it says", async () => {
    for (const blocker of ["unfinished_consultation", "undelivered_order", "balance"] as const) {
      const p = await createPatient(db, { now, blocker });
      expect(await cancellationBlockers(db, p.accountId!)).toEqual([blocker]);
    }
  });

  it("a patient without records has a portal user only", async () => {
    const p = await createPatient(db, { now, records: false });
    expect(p.accountId).toBeNull();
    expect((await db.select().from(users).where(eq(users.phone, p.phone))).length).toBe(1);
  });

  it("a staff member signs in with the password given back", async () => {
    const s = await createStaff(db, "agent", { now });
    const ok = await verifyStaffSignIn(db, { email: s.email, password: s.password, ip: "127.0.0.1", now });
    expect(ok).toMatchObject({ ok: true });
  });

  it("a request awaiting the patient's answer: claimed, paused, the question on it", async () => {
    const p = await createPatient(db, { now });
    const s = await createStaff(db, "agent", { now });
    const r = await requestAwaitingAnswer(db, p, s.actor, {
      now,
      input: { type: "deletion", categories: ["browsing_logs"], ground: "no_longer_necessary" },
      question: "请说明要删除哪一段时间的浏览记录。",
    });
    expect(r).toMatchObject({ status: "awaiting_requester", assigneeId: s.actor.id, requesterId: p.actor.id });
  });
});
