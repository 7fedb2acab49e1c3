import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { addresses, consents, requests } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { submitRequest } from "@/lib/requests/create";
import { SubmitInput } from "@/lib/requests/submit-schema";
import { createPatient, newTestPhone, type TestPatient } from "@/lib/testing/factories";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { makeUser } from "@/test/fixtures";
import { loadPatientRecords, maskIdForPatient } from "./patient-records";

let db: Db;
let cleanup: () => Promise<void>;
let zhang: TestPatient;
let liu: TestPatient;
const now = testNow();

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  zhang = await createPatient(db, { now });
  liu = await createPatient(db, { now });
});
afterAll(() => cleanup());

describe("a patient's own records, as the forms offer them", () => {
  it("holds only the patient's own account, with the ID number masked past the part the check asks for", async () => {
    const mine = await loadPatientRecords(db, zhang.actor, now);
    const { accountId, idNumber, name } = zhang;
    expect(mine.hasAccount).toBe(true);
    expect(mine.realName).toEqual({ realName: name, idNumberMasked: maskIdForPatient(idNumber) });
    expect(JSON.stringify(mine)).not.toContain(idNumber);
    // Eight digits past the check's part: the last four alone may match a bank card's or a phone's by chance.
    expect(JSON.stringify(mine)).not.toContain(idNumber.slice(-8));
    expect(mine.realName!.idNumberMasked).toMatch(/^\d{3}\*{15}$/);
    // Every correctable record is the patient's: the account, their real-name record, their addresses.
    const myAddresses = new Set((await db.select({ id: addresses.id }).from(addresses).where(eq(addresses.accountId, accountId!))).map((a) => a.id));
    for (const c of mine.correctable) {
      if (c.field.startsWith("account.")) expect(c.recordId).toBe(accountId);
      if (c.field.startsWith("address.")) expect(myAddresses.has(c.recordId)).toBe(true);
    }
    const theirs = await loadPatientRecords(db, liu.actor, now);
    const mineIds = new Set([
      ...mine.correctable.map((c) => c.recordId),
      ...Object.values(mine.items)
        .flat()
        .map((i) => i.id),
    ]);
    for (const id of [
      ...theirs.correctable.map((c) => c.recordId),
      ...Object.values(theirs.items)
        .flat()
        .map((i) => i.id),
    ])
      expect(mineIds.has(id)).toBe(false);
  });

  it("lists every consent with its state, the decisions, and items to delete", async () => {
    const mine = await loadPatientRecords(db, zhang.actor, now);
    const stored = await db.select().from(consents).where(eq(consents.accountId, zhang.accountId!));
    expect(mine.consents).toHaveLength(9);
    for (const c of stored) expect(mine.consents.find((x) => x.key === c.key)!.granted).toBe(c.granted);
    expect(mine.decisions.length).toBeGreaterThan(0);
    expect(mine.items.consultations!.length).toBeGreaterThan(0);
    expect(mine.items.photos!.every((p) => p.kind === "tongue" || p.kind === "face")).toBe(true);
  });

  it("offers the browsing logs of the last month only, as of the moment asked", async () => {
    const mine = await loadPatientRecords(db, zhang.actor, now);
    const logs = mine.items.browsing_logs!;
    expect(logs.length).toBeGreaterThan(0);
    for (const l of logs) {
      expect(Date.parse(l.at!)).toBeLessThanOrEqual(now.getTime());
      expect(Date.parse(l.at!)).toBeGreaterThanOrEqual(daysFrom(now, -31).getTime());
    }
    // Six weeks on, the same logs have aged out of what the form offers.
    expect((await loadPatientRecords(db, zhang.actor, daysFrom(now, 42))).items.browsing_logs).toEqual([]);
  });

  it("says what stops an account from closing", async () => {
    for (const blocker of ["unfinished_consultation", "undelivered_order", "balance"] as const) {
      const p = await createPatient(db, { now, blocker });
      expect((await loadPatientRecords(db, p.actor, now)).blockers).toEqual([blocker]);
    }
    expect((await loadPatientRecords(db, zhang.actor, now)).blockers).toEqual([]);
  });

  it("a new patient has no records; staff have no 'own' records", async () => {
    const fresh = await makeUser(db, "patient", { phone: newTestPhone() });
    expect(await loadPatientRecords(db, fresh, now)).toMatchObject({ hasAccount: false, correctable: [], consents: [] });
    const noRecords = await createPatient(db, { now, records: false });
    expect(await loadPatientRecords(db, noRecords.actor, now)).toMatchObject({ hasAccount: false, correctable: [], consents: [] });
    await expect(loadPatientRecords(db, await makeUser(db, "agent"), now)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("a correction offered by the form files, and nothing is stored for a field of someone else's", async () => {
    const mine = await loadPatientRecords(db, zhang.actor, now);
    const theirs = await loadPatientRecords(db, liu.actor, now);
    const detail = mine.correctable.find((c) => c.field === "address.detail")!;
    const input = (recordId: string) =>
      SubmitInput.parse({
        idempotencyKey: randomUUID(),
        type: "correction",
        reason: "门牌号错了",
        corrections: [{ field: "address.detail", recordId, requested: "天河路385号2号楼" }],
      });
    const forged = input(theirs.correctable.find((c) => c.field === "address.detail")!.recordId);
    expect(await submitRequest(db, zhang.actor, forged, { now, locale: "zh-CN" })).toEqual({ ok: false, error: "not_yours" });
    expect(await db.select().from(requests).where(eq(requests.idempotencyKey, forged.idempotencyKey))).toHaveLength(0);
    const ok = await submitRequest(db, zhang.actor, input(detail.recordId), { now, locale: "zh-CN" });
    expect(ok.ok).toBe(true);
  });
});

describe("the records of a 就诊人 of the patient's account", () => {
  it("lists only that family member's medical records; the account holder's own list leaves them out; another account's 就诊人 is not found", async () => {
    const born = `${now.getUTCFullYear() - 8}-06-01`;
    const p = await createPatient(db, {
      now,
      familyMembers: [
        { relationship: "child", birthDate: born },
        { relationship: "parent", birthDate: "1950-02-02" },
      ],
    });
    const [child, parent] = p.familyMembers;
    const theirs = await loadPatientRecords(db, p.actor, now, { patientId: child!.id });
    expect(Object.keys(theirs.items).sort()).toEqual(["consultations", "photos", "prescriptions"]);
    expect(theirs.items.consultations!.map((i) => i.id).sort()).toEqual([...child!.consultationIds].sort());
    expect(theirs.items.prescriptions!.map((i) => i.id).sort()).toEqual([...child!.prescriptionIds].sort());
    expect(theirs.items.photos).toHaveLength(child!.consultationIds.length * 2);
    expect(theirs).toMatchObject({ realName: null, correctable: [], consents: [], decisions: [], blockers: [] });

    const own = await loadPatientRecords(db, p.actor, now);
    const family = [...child!.consultationIds, ...parent!.consultationIds, ...child!.prescriptionIds, ...parent!.prescriptionIds];
    expect([...own.items.consultations!, ...own.items.prescriptions!].some((i) => family.includes(i.id))).toBe(false);
    expect(own.items.consultations!.length).toBeGreaterThan(0);

    await expect(loadPatientRecords(db, zhang.actor, now, { patientId: child!.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(loadPatientRecords(db, p.actor, now, { patientId: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
  });
});
