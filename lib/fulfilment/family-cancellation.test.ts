import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, consultations, patients, prescriptions } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { createPatient, createStaff } from "@/lib/testing/factories";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { requestInProgress } from "@/test/fulfilment-fixtures";
import { applyCancellation } from "./cancellation";
import { purgeExpiredRetention } from "./retention";
import { runStep } from "./steps";

/**
 * Closing an account with 就诊人 (registry FAMILY_MEMBERS): a family member whose medical records the law keeps is
 * anonymised and stays linked to those records until the retention purge deletes the last of them; one with no
 * records is deleted with the account. Time comes from TEST_NOW.
 */
let db: Db;
let cleanup: () => Promise<void>;
let agent: Actor;
const now = testNow();
const filed = daysFrom(now, -2);

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  agent = (await createStaff(db, "agent", { now: filed })).actor;
});
afterAll(() => cleanup?.());

describe("cancellation and 就诊人", () => {
  it("anonymises a 就诊人 whose records are kept, linked to them; deletes one without; the purge deletes the kept one after the records", async () => {
    const p = await createPatient(db, { now: filed, familyMembers: [{ relationship: "child", birthDate: `${now.getUTCFullYear() - 9}-05-20` }] });
    const child = p.familyMembers[0]!;
    const [bare] = await db
      .insert(patients)
      .values({
        accountId: p.accountId!,
        name: "李秀兰",
        relationship: "parent",
        gender: "female",
        birthDate: "1954-03-08",
        idNumber: "110101195403081228",
      })
      .returning({ id: patients.id });

    const r = await requestInProgress(db, agent, p, { type: "cancellation" }, { now: filed });
    const result = await runStep(db, agent, r.ref, "cancellation.apply", (tx, req) => applyCancellation(tx, req, now), now);
    expect(result.ok && result.result.familyMembers).toEqual({ deleted: 1, anonymised: 1 });

    expect(await db.select().from(patients).where(eq(patients.id, bare!.id))).toHaveLength(0);
    const [kept] = await db.select().from(patients).where(eq(patients.id, child.id));
    expect(kept).toMatchObject({ name: "已注销就诊人", gender: null, idNumber: null, relationship: "child" });
    expect(JSON.stringify(kept)).not.toContain(child.name);
    const visits = await db.select().from(consultations).where(inArray(consultations.id, child.consultationIds));
    expect(visits.length).toBeGreaterThan(0);
    for (const v of visits) expect(v).toMatchObject({ patientId: child.id, accountId: null });
    expect(visits.every((v) => v.restrictedAt !== null)).toBe(true);

    // While a held record points at them, the 就诊人 stays.
    expect((await purgeExpiredRetention(db, { apply: false, now })).family_members).not.toContain(child.id);
    const later = new Date(`${Number(visits[0]!.deletableAfter!.slice(0, 4)) + 1}-06-01T03:00:00+08:00`);
    const dry = await purgeExpiredRetention(db, { apply: false, now: later });
    expect(dry.family_members).toContain(child.id);
    expect(await db.select().from(patients).where(eq(patients.id, child.id))).toHaveLength(1);

    const applied = await purgeExpiredRetention(db, { apply: true, now: later });
    expect(applied.consultations).toEqual(expect.arrayContaining(child.consultationIds));
    expect(await db.select().from(patients).where(eq(patients.id, child.id))).toHaveLength(0);
    expect(await db.select().from(prescriptions).where(inArray(prescriptions.id, child.prescriptionIds))).toHaveLength(0);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "retention.purge"), eq(auditLog.entity, "patients")));
    expect(audit!.data).toMatchObject({ ids: [child.id] });
  });
});
