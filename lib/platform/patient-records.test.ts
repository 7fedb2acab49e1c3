import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { seedDatabase } from "@/db/seed";
import { addresses, consents, requests } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { submitRequest } from "@/lib/requests/create";
import { SubmitInput } from "@/lib/requests/submit-schema";
import { createTestDb } from "@/test/db";
import { makeUser } from "@/test/fixtures";
import { demoPatient, realNameOf } from "@/test/portal-fixtures";
import { loadPatientRecords, maskIdForPatient } from "./patient-records";

let db: Db;
let cleanup: () => Promise<void>;
let zhang: Actor;
let liu: Actor;
const now = new Date("2026-11-27T07:00:00Z");

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  await seedDatabase(db, { now: new Date("2026-11-20T00:00:00Z") });
  zhang = await demoPatient(db, "19900000003");
  liu = await demoPatient(db, "19900000004");
});
afterAll(() => cleanup());

describe("a patient's own records, as the forms offer them", () => {
  it("holds only the patient's own account, with the ID number masked past the part the check asks for", async () => {
    const mine = await loadPatientRecords(db, zhang, now);
    const { accountId, idNumber, name } = await realNameOf(db, "19900000003");
    expect(mine.hasAccount).toBe(true);
    expect(mine.realName).toEqual({ realName: name, idNumberMasked: maskIdForPatient(idNumber) });
    expect(JSON.stringify(mine)).not.toContain(idNumber);
    expect(JSON.stringify(mine)).not.toContain(idNumber.slice(-4) + '"');
    expect(mine.realName!.idNumberMasked).toMatch(/^\d{3}\*{15}$/);
    // Every correctable record is the patient's: the account, their real-name record, their addresses.
    const myAddresses = new Set((await db.select({ id: addresses.id }).from(addresses).where(eq(addresses.accountId, accountId))).map((a) => a.id));
    for (const c of mine.correctable) {
      if (c.field.startsWith("account.")) expect(c.recordId).toBe(accountId);
      if (c.field.startsWith("address.")) expect(myAddresses.has(c.recordId)).toBe(true);
    }
    const theirs = await loadPatientRecords(db, liu, now);
    const mineIds = new Set([...mine.correctable.map((c) => c.recordId), ...Object.values(mine.items).flat().map((i) => i.id)]);
    for (const id of [...theirs.correctable.map((c) => c.recordId), ...Object.values(theirs.items).flat().map((i) => i.id)]) expect(mineIds.has(id)).toBe(false);
  });

  it("lists every consent with its state, the decisions, and items to delete", async () => {
    const mine = await loadPatientRecords(db, zhang, now);
    const { accountId } = await realNameOf(db, "19900000003");
    const stored = await db.select().from(consents).where(eq(consents.accountId, accountId));
    expect(mine.consents).toHaveLength(9);
    for (const c of stored) expect(mine.consents.find((x) => x.key === c.key)!.granted).toBe(c.granted);
    expect(mine.decisions.length).toBeGreaterThan(0);
    expect(mine.items.consultations!.length).toBeGreaterThan(0);
    expect(mine.items.photos!.every((p) => p.kind === "tongue" || p.kind === "face")).toBe(true);
  });

  it("says what stops an account from closing", async () => {
    expect((await loadPatientRecords(db, await demoPatient(db, "19900000013"), now)).blockers).toContain("unfinished_consultation");
    expect((await loadPatientRecords(db, await demoPatient(db, "19900000014"), now)).blockers).toContain("undelivered_order");
    expect((await loadPatientRecords(db, zhang, now)).blockers).toEqual([]);
  });

  it("a new patient has no records; staff have no 'own' records", async () => {
    const fresh = await makeUser(db, "patient", { phone: "19912345678" });
    expect(await loadPatientRecords(db, fresh, now)).toMatchObject({ hasAccount: false, correctable: [], consents: [] });
    await expect(loadPatientRecords(db, await makeUser(db, "agent"), now)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("a correction offered by the form files, and nothing is stored for a field of someone else's", async () => {
    const mine = await loadPatientRecords(db, zhang, now);
    const theirs = await loadPatientRecords(db, liu, now);
    const detail = mine.correctable.find((c) => c.field === "address.detail")!;
    const input = (recordId: string) =>
      SubmitInput.parse({ idempotencyKey: randomUUID(), type: "correction", reason: "门牌号错了", corrections: [{ field: "address.detail", recordId, requested: "天河路385号2号楼" }] });
    const forged = input(theirs.correctable.find((c) => c.field === "address.detail")!.recordId);
    expect(await submitRequest(db, zhang, forged, { now, locale: "zh-CN" })).toEqual({ ok: false, error: "not_yours" });
    expect(await db.select().from(requests).where(eq(requests.idempotencyKey, forged.idempotencyKey))).toHaveLength(0);
    const ok = await submitRequest(db, zhang, input(detail.recordId), { now, locale: "zh-CN" });
    expect(ok.ok).toBe(true);
  });
});
