import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { accounts, addresses, consultationPhotos, consultations, outbox, orders, prescriptions, requests, type Request } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { familyMemberSubject, familyMembersOf } from "@/lib/platform/family-members";
import { ownedIds, ownsDecision } from "@/lib/platform/ownership";
import { accountHolder, subjectOf } from "@/lib/platform/subject";
import { platformRecordsFor } from "@/lib/requests/platform-records";
import { createPatient, createStaff, type FileInput, type TestPatient } from "@/lib/testing/factories";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { requestInProgress, shanghaiDate, yearsAfter } from "@/test/fulfilment-fixtures";
import { prepareAccessPackage } from "./access";
import { applyCancellation } from "./cancellation";
import { collectCategories } from "./collect";
import { applyDeletion } from "./deletion";
import { runStep } from "./steps";

/**
 * 就诊人 (policy §3.3): family members an account consults for, with records of their own and no account. A
 * request about one works on that person's records only — not the account holder's, not another family
 * member's — and the account holder's own requests leave the family members' records alone. Every test makes
 * its own patient with 就诊人 (lib/testing/factories.ts); time comes from TEST_NOW.
 */
let db: Db;
let cleanup: () => Promise<void>;
let agent: Actor;
const now = testNow();
const filed = daysFrom(now, -2);
/** Birth dates for a child under 14 and a parent, whatever TEST_NOW is. */
const childBorn = `${now.getUTCFullYear() - 9}-05-20`;
const teenBorn = `${now.getUTCFullYear() - 16}-01-10`;
const parentBorn = `${now.getUTCFullYear() - 72}-03-08`;

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  agent = (await createStaff(db, "agent", { now: filed })).actor;
});
afterAll(() => cleanup?.());

/** A patient whose account consults for a child and a parent, each with complete records of their own. */
const familyPatient = () =>
  createPatient(db, {
    now: filed,
    familyMembers: [
      { relationship: "child", birthDate: childBorn },
      { relationship: "parent", birthDate: parentBorn },
    ],
  });

/**
 * A request the patient files, claimed by our agent, about `patientId` (null: themself). Filing for a 就诊人 is
 * lib/requests/create.ts's; here the request's subject is set as filing will set it.
 */
async function requestAbout(p: TestPatient, patientId: string | null, input: FileInput): Promise<Request> {
  const r = await requestInProgress(db, agent, p, input, { now: filed });
  if (patientId === null) return r;
  const [updated] = await db.update(requests).set({ subjectPatientId: patientId }).where(eq(requests.id, r.id)).returning();
  return updated!;
}

const idsOf = (rows: { id?: unknown }[]) => rows.map((r) => String(r.id)).sort();

/** The consultation, photo and prescription ids of one person of the account (patientId null: the holder). */
async function recordsOf(accountId: string, patientId: string | null) {
  const who = patientId === null ? isNull(consultations.patientId) : eq(consultations.patientId, patientId);
  const cs = await db
    .select({ id: consultations.id })
    .from(consultations)
    .where(and(eq(consultations.accountId, accountId), who));
  const photos = cs.length
    ? await db
        .select({ id: consultationPhotos.id })
        .from(consultationPhotos)
        .where(
          inArray(
            consultationPhotos.consultationId,
            cs.map((c) => c.id),
          ),
        )
    : [];
  const ps = await db
    .select({ id: prescriptions.id })
    .from(prescriptions)
    .where(
      and(eq(prescriptions.accountId, accountId), patientId === null ? isNull(prescriptions.patientId) : eq(prescriptions.patientId, patientId)),
    );
  return { consultations: idsOf(cs), photos: idsOf(photos), prescriptions: idsOf(ps) };
}

describe("the factory's 就诊人", () => {
  it("gives the account family members with consultations, photos and prescriptions of their own", async () => {
    const p = await familyPatient();
    expect(p.familyMembers.map((f) => [f.relationship, f.birthDate])).toEqual([
      ["child", childBorn],
      ["parent", parentBorn],
    ]);
    for (const f of p.familyMembers) {
      const own = await recordsOf(p.accountId!, f.id);
      expect(own.consultations.length).toBeGreaterThan(0);
      expect(own.consultations).toEqual([...f.consultationIds].sort());
      expect(own.photos.length).toBe(own.consultations.length * 2);
      expect(own.prescriptions).toEqual([...f.prescriptionIds].sort());
      expect(own.prescriptions.length).toBe(own.consultations.length);
    }
    // The holder's records are theirs as before; a patient made without the option has no 就诊人.
    expect((await recordsOf(p.accountId!, null)).consultations.length).toBeGreaterThan(0);
    expect((await createPatient(db, { now: filed })).familyMembers).toEqual([]);
  });

  it("lists the signed-in patient's 就诊人 with their age, and nobody else's", async () => {
    const p = await familyPatient();
    const other = await createPatient(db, { now: filed, familyMembers: [{ relationship: "child", birthDate: teenBorn }] });
    const list = await familyMembersOf(db, p.actor, now);
    // The eldest first: the parent, then the child.
    expect(list.map((m) => m.id)).toEqual([p.familyMembers[1]!.id, p.familyMembers[0]!.id]);
    const [parent, child] = list as [(typeof list)[number], (typeof list)[number]];
    expect(child).toMatchObject({ name: p.familyMembers[0]!.name, relationship: "child", birthDate: childBorn });
    expect(child.age).toBeGreaterThanOrEqual(8);
    expect(child.age).toBeLessThan(14);
    expect(parent.relationship).toBe("parent");
    expect(parent.age).toBeGreaterThanOrEqual(70);
    expect(Object.keys(child).sort()).toEqual(["age", "birthDate", "id", "name", "relationship"]);
    const theirs = await familyMembersOf(db, other.actor, now);
    expect(theirs.map((m) => m.id)).toEqual([other.familyMembers[0]!.id]);
    expect(theirs[0]!.age).toBeGreaterThanOrEqual(14);
    expect(theirs[0]!.age).toBeLessThan(18);
    expect(await familyMembersOf(db, (await createPatient(db, { now: filed, records: false })).actor, now)).toEqual([]);
  });
});

describe("an access copy", () => {
  it("for a 就诊人 holds that person's consultations, photos and prescriptions only", async () => {
    const p = await familyPatient();
    const [child, parent] = p.familyMembers as [TestPatient["familyMembers"][number], TestPatient["familyMembers"][number]];
    const r = await requestAbout(p, child.id, {
      type: "access",
      categories: ["account", "real_name", "consultations", "photos", "prescriptions", "orders", "addresses", "consents", "browsing_logs"],
    });
    expect(subjectOf(r)).toEqual({ accountId: p.accountId, patientId: child.id });
    const data = await collectCategories(db, subjectOf(r)!, r.scope.categories as never);
    const rows = (c: string) => data.find((d) => d.category === c)!.rows;
    const theirs = await recordsOf(p.accountId!, child.id);
    expect(idsOf(rows("consultations"))).toEqual(theirs.consultations);
    expect(idsOf(rows("photos"))).toEqual(theirs.photos);
    expect(idsOf(rows("prescriptions"))).toEqual(theirs.prescriptions);
    expect(data.find((d) => d.category === "photos")!.files).toHaveLength(theirs.photos.length);
    // Nothing of the account holder's own: no account, real name, orders, addresses, consents or logs.
    for (const c of ["account", "real_name", "orders", "addresses", "consents", "browsing_logs"]) expect(rows(c), c).toEqual([]);
    // …and nothing of the other family member's.
    const parents = await recordsOf(p.accountId!, parent.id);
    expect(rows("consultations").some((row) => parents.consultations.includes(String(row.id)))).toBe(false);

    // The package staff prepare holds the same rows.
    const prepared = await runStep(db, agent, r.ref, "access.prepare", (tx, req) => prepareAccessPackage(tx, req, agent, now), now);
    expect(prepared.ok).toBe(true);
    if (prepared.ok) expect(prepared.result.rows).toBe(theirs.consultations.length + theirs.photos.length + theirs.prescriptions.length);
  });

  it("for the account holder excludes the family members' records", async () => {
    const p = await familyPatient();
    const r = await requestAbout(p, null, { type: "access", categories: ["consultations", "photos", "prescriptions", "account"] });
    expect(subjectOf(r)).toEqual({ accountId: p.accountId, patientId: null });
    const data = await collectCategories(db, subjectOf(r)!, ["consultations", "photos", "prescriptions", "account"]);
    const rows = (c: string) => data.find((d) => d.category === c)!.rows;
    const own = await recordsOf(p.accountId!, null);
    expect(idsOf(rows("consultations"))).toEqual(own.consultations);
    expect(idsOf(rows("photos"))).toEqual(own.photos);
    expect(idsOf(rows("prescriptions"))).toEqual(own.prescriptions);
    expect(rows("account")).toHaveLength(1);
    const family = p.familyMembers.flatMap((f) => [...f.consultationIds, ...f.prescriptionIds]);
    expect([...rows("consultations"), ...rows("prescriptions")].some((row) => family.includes(String(row.id)))).toBe(false);
  });

  it("staff see the 就诊人 and only their record counts", async () => {
    const p = await familyPatient();
    const child = p.familyMembers[0]!;
    const r = await requestAbout(p, child.id, { type: "access", categories: ["consultations", "prescriptions", "orders"] });
    const seen = await platformRecordsFor(db, agent, r);
    expect(seen.patient).toMatchObject({ name: child.name, relationship: "child", birthDate: childBorn });
    expect(seen.realName).toBeNull();
    const counts = Object.fromEntries(seen.categories.map((c) => [c.category, c.total]));
    expect(counts).toEqual({ consultations: child.consultationIds.length, prescriptions: child.prescriptionIds.length, orders: 0 });
  });
});

describe("deletion for a 就诊人", () => {
  it("restricts only their medical records, from their own last visit, and tells the pharmacies that filled their prescriptions", async () => {
    const p = await familyPatient();
    const [child, parent] = p.familyMembers as [TestPatient["familyMembers"][number], TestPatient["familyMembers"][number]];
    const holderBefore = await db.select().from(addresses).where(eq(addresses.accountId, p.accountId!));
    const r = await requestAbout(p, child.id, {
      type: "deletion",
      categories: ["consultations", "photos", "prescriptions", "addresses"],
      ground: "no_longer_necessary",
    });
    const result = await runStep(db, agent, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now);
    expect(result.ok).toBe(true);

    const restricted = (ids: string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : db
            .select({ id: consultations.id })
            .from(consultations)
            .where(and(inArray(consultations.id, ids), isNotNull(consultations.restrictedAt)));
    expect(await restricted(child.consultationIds)).toHaveLength(child.consultationIds.length);
    expect(await restricted(parent.consultationIds)).toHaveLength(0);
    const holder = await recordsOf(p.accountId!, null);
    expect(await restricted(holder.consultations)).toHaveLength(0);
    const heldPrescriptions = await db
      .select()
      .from(prescriptions)
      .where(and(eq(prescriptions.accountId, p.accountId!), isNotNull(prescriptions.restrictedAt)));
    expect(idsOf(heldPrescriptions)).toEqual([...child.prescriptionIds].sort());
    const heldPhotos = await db
      .select({ id: consultationPhotos.id, consultationId: consultationPhotos.consultationId })
      .from(consultationPhotos)
      .innerJoin(consultations, eq(consultations.id, consultationPhotos.consultationId))
      .where(and(eq(consultations.accountId, p.accountId!), isNotNull(consultationPhotos.restrictedAt)));
    expect(heldPhotos.length).toBe(child.consultationIds.length * 2);
    expect(heldPhotos.every((ph) => child.consultationIds.includes(ph.consultationId))).toBe(true);

    // Held 15 years from the child's own last visit.
    const visits = await db.select().from(consultations).where(inArray(consultations.id, child.consultationIds));
    const last = shanghaiDate(new Date(Math.max(...visits.map((v) => (v.endedAt ?? v.startedAt).getTime()))));
    for (const v of visits) expect(v.deletableAfter).toBe(yearsAfter(last, 15));

    // The account holder's addresses are not the child's: untouched.
    expect(await db.select().from(addresses).where(eq(addresses.accountId, p.accountId!))).toHaveLength(holderBefore.length);
    if (result.ok) {
      const outcomes = result.result.outcomes as { category: string; outcome: string }[];
      expect(outcomes.find((o) => o.category === "addresses")).toMatchObject({ outcome: "not_held", reason: "account_holder_only" });
      expect(outcomes.find((o) => o.category === "consultations")?.outcome).toBe("restricted");
    }
    // The pharmacies told are those of the orders that filled the child's prescriptions.
    const filled = await db.select({ pharmacy: orders.pharmacy }).from(orders).where(inArray(orders.prescriptionId, child.prescriptionIds));
    const notices = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.requestId, r.id), eq(outbox.channel, "recipient_notice")));
    expect(new Set(notices.filter((n) => (n.payload as { kind: string }).kind === "partner_pharmacy").map((n) => n.recipient))).toEqual(
      new Set(filled.map((o) => o.pharmacy)),
    );
  });

  it("by the account holder leaves the family members' records alone", async () => {
    const p = await familyPatient();
    const r = await requestAbout(p, null, { type: "deletion", categories: ["consultations", "prescriptions"], ground: "no_longer_necessary" });
    expect((await runStep(db, agent, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now)).ok).toBe(true);
    const family = p.familyMembers.flatMap((f) => f.consultationIds);
    const held = await db
      .select()
      .from(consultations)
      .where(and(eq(consultations.accountId, p.accountId!), isNotNull(consultations.restrictedAt)));
    expect(held.length).toBeGreaterThan(0);
    expect(held.some((c) => family.includes(c.id))).toBe(false);
  });
});

describe("ownership", () => {
  it("a record or 就诊人 of another account is never the subject's", async () => {
    const p = await familyPatient();
    const other = await familyPatient();
    const mine = p.familyMembers[0]!;
    const theirs = other.familyMembers[0]!;
    expect(await familyMemberSubject(db, p.accountId!, mine.id, now)).toMatchObject({
      subject: { accountId: p.accountId, patientId: mine.id },
      member: { name: mine.name },
    });
    expect(await familyMemberSubject(db, p.accountId!, theirs.id, now)).toBeNull();
    expect(await familyMemberSubject(db, p.accountId!, "not-a-uuid", now)).toBeNull();

    // Another account's 就诊人 named with this account: nothing is owned.
    expect(await ownedIds(db, { accountId: p.accountId!, patientId: theirs.id }, "consultations", theirs.consultationIds)).toEqual(new Set());
    expect(await ownedIds(db, { accountId: p.accountId!, patientId: mine.id }, "consultations", theirs.consultationIds)).toEqual(new Set());
    // Their own: theirs; not the holder's, not the other family member's.
    expect(await ownedIds(db, { accountId: p.accountId!, patientId: mine.id }, "consultations", mine.consultationIds)).toEqual(
      new Set(mine.consultationIds),
    );
    expect(await ownedIds(db, accountHolder(p.accountId!), "consultations", mine.consultationIds)).toEqual(new Set());
    expect(await ownedIds(db, { accountId: p.accountId!, patientId: p.familyMembers[1]!.id }, "prescriptions", mine.prescriptionIds)).toEqual(
      new Set(),
    );
    // A bare account id is the account holder (as before).
    const own = await recordsOf(p.accountId!, null);
    expect(await ownedIds(db, p.accountId!, "consultations", own.consultations)).toEqual(new Set(own.consultations));
    expect(await ownedIds(db, { accountId: p.accountId!, patientId: mine.id }, "consultations", own.consultations)).toEqual(new Set());
    // A 就诊人 has no addresses or automated decisions of their own.
    const [address] = await db.select().from(addresses).where(eq(addresses.accountId, p.accountId!));
    expect(await ownedIds(db, { accountId: p.accountId!, patientId: mine.id }, "addresses", [address!.id])).toEqual(new Set());
    expect(await ownsDecision(db, { accountId: p.accountId!, patientId: mine.id }, "00000000-0000-4000-8000-000000000000")).toBe(false);
  });
});

describe("closing an account with 就诊人", () => {
  it("holds the family members' medical records too, each from their own last visit, detached from the account", async () => {
    const p = await familyPatient();
    const child = p.familyMembers[0]!;
    const r = await requestAbout(p, null, { type: "cancellation" });
    const result = await runStep(db, agent, r.ref, "cancellation.apply", (tx, req) => applyCancellation(tx, req, now), now);
    expect(result.ok).toBe(true);
    const [a] = await db.select().from(accounts).where(eq(accounts.id, p.accountId!));
    expect(a!.status).toBe("cancelled");
    const visits = await db.select().from(consultations).where(inArray(consultations.id, child.consultationIds));
    const last = shanghaiDate(new Date(Math.max(...visits.map((v) => (v.endedAt ?? v.startedAt).getTime()))));
    for (const v of visits) {
      expect(v.restrictedAt).not.toBeNull();
      expect(v.accountId).toBeNull();
      expect(v.patientId).toBe(child.id);
      expect(v.deletableAfter).toBe(yearsAfter(last, 15));
    }
  });
});
