import { and, eq, isNull, like, or } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  accounts,
  addresses,
  auditLog,
  bankCards,
  consents,
  consultationPhotos,
  consultations,
  outbox,
  prescriptions,
  realNameVerifications,
  requestEvents,
  users,
} from "@/db/schema";
import { requestCode, verifyCode } from "@/lib/auth/otp";
import type { Actor } from "@/lib/auth/session";
import { cancellationBlockers } from "@/lib/platform/ownership";
import { createPatient, createStaff, step, type FileInput, type TestPatient } from "@/lib/testing/factories";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { accountOf, addBankCard, requestInProgress, shanghaiDate, yearsAfter } from "@/test/fulfilment-fixtures";
import { prepareAccessPackage, releaseAccessPackage } from "./access";
import { applyCancellation } from "./cancellation";
import { applyConsentWithdrawal } from "./consent";
import { applyCorrections } from "./correction";
import { applyDeletion } from "./deletion";
import { checkDownloadLink, downloadExpiry, signedDownloadPath } from "./download-link";
import { purgeExpiredRetention } from "./retention";
import { doneSteps, runStep } from "./steps";

/**
 * Every test makes its own patient (complete records dated before they file) and the request they file through
 * the portal's own code; our agent claims it. Times derive from `now` (TEST_NOW): filed two days before the
 * fulfilment steps run.
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

/** A patient of our own, with complete records as of the day they file. */
const newPatient = () => createPatient(db, { now: filed });
const account = (p: TestPatient) => accountOf(db, p);
/** A request `p` filed, being worked by our agent. */
const workOn = (p: TestPatient, input: FileInput) => requestInProgress(db, agent, p, input, { now: filed });

describe("deletion", () => {
  it("deletes what may go, restricts medical records until 15 years after the last visit, notifies recipients; a re-run is a no-op", async () => {
    const p = await newPatient();
    const a = await account(p);
    await addBankCard(db, p, { now: filed });
    expect(await db.select().from(addresses).where(eq(addresses.accountId, a.id))).not.toHaveLength(0);
    const r = await workOn(p, { type: "deletion", categories: ["consultations", "addresses", "bank_cards", "orders"], ground: "no_longer_necessary" });
    const visits = await db.select().from(consultations).where(eq(consultations.accountId, a.id));
    expect(visits.length).toBeGreaterThan(0);
    const last = Math.max(...visits.map((v) => (v.endedAt ?? v.startedAt).getTime()));

    const first = await runStep(db, agent, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now);
    expect(first.ok && !first.already).toBe(true);
    expect(await db.select().from(addresses).where(eq(addresses.accountId, a.id))).toHaveLength(0);
    expect(await db.select().from(bankCards).where(eq(bankCards.accountId, a.id))).toHaveLength(0);
    const held = await db.select().from(consultations).where(eq(consultations.accountId, a.id));
    expect(held).toHaveLength(visits.length);
    const lastVisit = shanghaiDate(new Date(last));
    for (const c of held) {
      expect(c.restrictedAt).not.toBeNull();
      expect(c.deletableAfter).toBe(yearsAfter(lastVisit, 15));
    }
    const photos = await db
      .select({ restrictedAt: consultationPhotos.restrictedAt })
      .from(consultationPhotos)
      .innerJoin(consultations, eq(consultations.id, consultationPhotos.consultationId))
      .where(eq(consultations.accountId, a.id));
    expect(photos.every((p) => p.restrictedAt !== null)).toBe(true);
    const notices = await db.select().from(outbox).where(and(eq(outbox.requestId, r.id), eq(outbox.channel, "recipient_notice")));
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.map((n) => n.body).join()).toContain(r.ref);
    if (first.ok) {
      const outcomes = first.result.outcomes as { category: string; outcome: string }[];
      expect(outcomes.find((o) => o.category === "consultations")?.outcome).toBe("restricted");
      expect(outcomes.find((o) => o.category === "addresses")?.outcome).toBe("deleted");
    }

    const again = await runStep(db, agent, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now);
    expect(again.ok && again.already).toBe(true);
    expect(await db.select().from(outbox).where(and(eq(outbox.requestId, r.id), eq(outbox.channel, "recipient_notice")))).toHaveLength(notices.length);
  });

  it("refuses to delete outright a category a legal retention holds", async () => {
    const p = await newPatient();
    const a = await account(p);
    const unrestricted = () => db.select().from(prescriptions).where(and(eq(prescriptions.accountId, a.id), isNull(prescriptions.restrictedAt)));
    const before = await unrestricted();
    expect(before.length).toBeGreaterThan(0);
    const r = await workOn(p, { type: "deletion", categories: ["prescriptions"], ground: "no_longer_necessary" });
    const result = await runStep(db, agent, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now, [{ category: "prescriptions", erasure: "delete" }]), now);
    expect(result).toMatchObject({ ok: false, error: "refused", code: "legal_hold" });
    expect(await unrestricted()).toEqual(before);
    expect((await db.select().from(prescriptions).where(eq(prescriptions.accountId, a.id))).length).toBeGreaterThan(0);
  });

  it("a step that throws halfway leaves the records as they were, and is shown as failed", async () => {
    const p = await newPatient();
    const a = await account(p);
    const before = await db.select().from(addresses).where(eq(addresses.accountId, a.id));
    expect(before.length).toBeGreaterThan(0);
    const r = await workOn(p, { type: "deletion", categories: ["addresses"], ground: "no_consent" });
    const result = await runStep(db, agent, r.ref, "deletion.apply", async (tx, req) => {
      await applyDeletion(tx, req, now);
      throw new Error("disk on fire");
    }, now);
    expect(result).toMatchObject({ ok: false, error: "failed" });
    expect(await db.select().from(addresses).where(eq(addresses.accountId, a.id))).toHaveLength(before.length);
    const events = await db.select().from(requestEvents).where(and(eq(requestEvents.requestId, r.id), eq(requestEvents.kind, "fulfilment_step")));
    expect(events.map((e) => e.data.status)).toEqual(["failed"]);
    expect((await doneSteps(db, r.id)).size).toBe(0);
    const retry = await runStep(db, agent, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now);
    expect(retry.ok).toBe(true);
    expect(await db.select().from(addresses).where(eq(addresses.accountId, a.id))).toHaveLength(0);
  });

  it("only the assigned agent works the request, and only while it is in progress", async () => {
    const other = (await createStaff(db, "agent", { now: filed })).actor;
    const p = await newPatient();
    const a = await account(p);
    await addBankCard(db, p, { now: filed });
    const cards = await db.select().from(bankCards).where(eq(bankCards.accountId, a.id));
    const r = await workOn(p, { type: "deletion", categories: ["bank_cards"], ground: "no_consent" });
    expect(await runStep(db, other, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now)).toEqual({ ok: false, error: "not_allowed" });
    expect(await db.select().from(bankCards).where(eq(bankCards.accountId, a.id))).toHaveLength(cards.length);
    // Waiting on the patient, it is not worked, even by its assignee.
    await step(db, agent, r.ref, { kind: "pause", reason: "clarification", message: "请确认要删除哪一张银行卡。" }, now);
    expect(await runStep(db, agent, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now)).toEqual({ ok: false, error: "wrong_status" });
    expect(await db.select().from(bankCards).where(eq(bankCards.accountId, a.id))).toHaveLength(cards.length);
  });
});

describe("correction", () => {
  it("applies approved changes with before and after, rejects with a reason, refuses what was not asked", async () => {
    const p = await newPatient();
    const a = await account(p);
    const [addr] = await db.select().from(addresses).where(eq(addresses.accountId, a.id));
    const r = await workOn(p, {
      type: "correction",
      corrections: [
        { field: "account.nickname", recordId: a.id, requested: "新昵称" },
        { field: "address.detail", recordId: addr!.id, requested: "新街道 1 号" },
      ],
      reason: "昵称和收货地址都要改",
    });
    expect(r.scope.corrections!.map((c) => c.current)).toEqual([a.nickname, addr!.detail]);
    const forged = await runStep(db, agent, r.ref, "correction.apply", (tx, req) => applyCorrections(tx, req, [{ index: 0, approve: true }, { index: 5, approve: true }]), now);
    expect(forged).toMatchObject({ ok: false, error: "refused", code: "not_requested" });
    const noReason = await runStep(db, agent, r.ref, "correction.apply", (tx, req) => applyCorrections(tx, req, [{ index: 0, approve: true }, { index: 1, approve: false }]), now);
    expect(noReason).toMatchObject({ ok: false, error: "refused", code: "reason_required" });
    expect((await account(p)).nickname).toBe(a.nickname);

    const ok = await runStep(db, agent, r.ref, "correction.apply", (tx, req) => applyCorrections(tx, req, [{ index: 0, approve: true }, { index: 1, approve: false, reason: "地址无法核实" }]), now);
    expect(ok.ok).toBe(true);
    expect((await account(p)).nickname).toBe("新昵称");
    const [addrAfter] = await db.select().from(addresses).where(eq(addresses.id, addr!.id));
    expect(addrAfter!.detail).toBe(addr!.detail);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.requestId, r.id), eq(auditLog.action, "fulfilment.correction.apply")));
    expect(audit!.data.corrections).toEqual([
      { field: "account.nickname", recordId: a.id, approved: true, before: a.nickname, after: "新昵称" },
      { field: "address.detail", recordId: addr!.id, approved: false, reason: "地址无法核实" },
    ]);
  });
});

describe("consent", () => {
  it("switches the withdrawn consents off with the time", async () => {
    const p = await newPatient();
    const a = await account(p);
    await db.update(consents).set({ granted: true }).where(eq(consents.accountId, a.id));
    const r = await workOn(p, { type: "consent", consents: ["marketing", "device_location"] });
    expect((await runStep(db, agent, r.ref, "consent.apply", (tx, req) => applyConsentWithdrawal(tx, req, now), now)).ok).toBe(true);
    const rows = await db.select().from(consents).where(eq(consents.accountId, a.id));
    for (const c of rows) expect(c.granted).toBe(!["marketing", "device_location"].includes(c.key));
    expect(rows.find((c) => c.key === "marketing")!.changedAt).toEqual(now);
  });
});

describe("access", () => {
  it("prepares a package, releases it, and signs a 7-day link that refuses tampering and expiry", async () => {
    const r = await workOn(await newPatient(), { type: "access", categories: ["account", "orders"] });
    const prepared = await runStep(db, agent, r.ref, "access.prepare", (tx, req) => prepareAccessPackage(tx, req, agent, now), now);
    expect(prepared.ok).toBe(true);
    const released = await runStep(db, agent, r.ref, "access.release", async (tx, req) => releaseAccessPackage(tx, req, (await doneSteps(tx, req.id)).get("access.prepare"), now), now);
    expect(released.ok && released.result.expiresAt).toBe(daysFrom(now, 7).toISOString());
    const id = prepared.ok ? String(prepared.result.attachmentId) : "";
    const url = new URL(signedDownloadPath(id, r.requesterId, downloadExpiry(now)), "http://x");
    const [exp, sig] = [url.searchParams.get("expires"), url.searchParams.get("sig")];
    expect(checkDownloadLink(id, r.requesterId, exp, sig, now)).toBe("ok");
    expect(checkDownloadLink(id, r.requesterId, exp, `${sig!.slice(0, -1)}${sig!.endsWith("A") ? "B" : "A"}`, now)).toBe("invalid");
    expect(checkDownloadLink(id, r.requesterId, String(Number(exp) + 1), sig, now)).toBe("invalid");
    expect(checkDownloadLink(id, agent.id, exp, sig, now)).toBe("invalid");
    expect(checkDownloadLink(id, r.requesterId, exp, sig, new Date(daysFrom(now, 7).getTime() - 1000))).toBe("ok");
    expect(checkDownloadLink(id, r.requesterId, exp, sig, daysFrom(now, 7))).toBe("expired");
  });
});

describe("cancellation", () => {
  it("anonymises the account so it cannot be found by its old phone, name or ID; the old phone starts a new, empty account", async () => {
    const p = await newPatient();
    const phone = p.phone;
    const a = await account(p);
    // Preconditions met: nothing unfinished, no balance (a factory patient has no blocker unless asked).
    expect(await cancellationBlockers(db, a.id)).toEqual([]);
    expect(await db.select().from(consultations).where(eq(consultations.accountId, a.id))).not.toHaveLength(0);
    const [rn] = await db.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, a.id));
    const [user] = await db.select().from(users).where(eq(users.phone, phone));
    const r = await workOn(p, { type: "cancellation" });
    const result = await runStep(db, agent, r.ref, "cancellation.apply", (tx, req) => applyCancellation(tx, req, now), now);
    expect(result).toMatchObject({ ok: true, already: false });

    expect(await db.select().from(accounts).where(eq(accounts.phone, phone))).toHaveLength(0);
    // Other patients of this file may share the name (the factory draws from the demo's people): the search
    // must not lead to this account.
    const byNickname = await db.select({ id: accounts.id }).from(accounts).where(like(accounts.nickname, `%${rn!.realName}%`));
    expect(byNickname.map((x) => x.id)).not.toContain(a.id);
    const byRealName = await db
      .select({ accountId: realNameVerifications.accountId })
      .from(realNameVerifications)
      .where(or(eq(realNameVerifications.idNumber, rn!.idNumber), eq(realNameVerifications.realName, rn!.realName)));
    expect(byRealName.map((x) => x.accountId)).not.toContain(a.id);
    expect(await db.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, a.id))).toHaveLength(0);
    const [after] = await db.select().from(accounts).where(eq(accounts.id, a.id));
    expect(after).toMatchObject({ status: "cancelled", phone: null, email: null });
    // Medical records kept, restricted, detached from the account.
    expect(await db.select().from(consultations).where(eq(consultations.accountId, a.id))).toHaveLength(0);
    const [disabled] = await db.select().from(users).where(eq(users.id, user!.id));
    expect(disabled!.disabledAt).not.toBeNull();
    expect(disabled!.sessionVersion).toBe(user!.sessionVersion + 1);
    const sms = await db.select().from(outbox).where(and(eq(outbox.recipient, phone), eq(outbox.template, "account_cancelled")));
    expect(sms).toHaveLength(1);

    await requestCode(db, { phone, ip: "1.2.3.4", now, locale: "zh-CN" });
    const [code] = await db.select().from(outbox).where(and(eq(outbox.recipient, phone), eq(outbox.template, "otp")));
    const signedIn = await verifyCode(db, { phone, code: code!.body.match(/\d{6}/)![0], ip: "1.2.3.4", now, locale: "zh-CN" });
    expect(signedIn.ok && signedIn.user.id).not.toBe(user!.id);
  });
});

describe("retention purge", () => {
  it("lists in a dry run, deletes with --apply, audits each purge", async () => {
    const p = await newPatient();
    const a = await account(p);
    const r = await workOn(p, { type: "deletion", categories: ["consultations", "prescriptions"], ground: "no_longer_necessary" });
    expect((await runStep(db, agent, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now)).ok).toBe(true);
    const held = await db.select().from(consultations).where(eq(consultations.accountId, a.id));
    expect(held.length).toBeGreaterThan(0);
    // On the day they become "deletable after", they are still held: nothing of this patient is listed.
    const notYet = await purgeExpiredRetention(db, { apply: false, now: new Date(`${held[0]!.deletableAfter!}T12:00:00+08:00`) });
    for (const c of held) expect(notYet.consultations).not.toContain(c.id);
    const later = new Date(`${Number(held[0]!.deletableAfter!.slice(0, 4)) + 1}-01-01T00:00:00Z`);
    const dry = await purgeExpiredRetention(db, { apply: false, now: later });
    expect(dry.applied).toBe(false);
    for (const c of held) expect(dry.consultations).toContain(c.id);
    expect(await db.select().from(consultations).where(eq(consultations.accountId, a.id))).toHaveLength(held.length);
    const applied = await purgeExpiredRetention(db, { apply: true, now: later });
    expect(applied.consultations.length).toBeGreaterThanOrEqual(held.length);
    expect(await db.select().from(consultations).where(eq(consultations.accountId, a.id))).toHaveLength(0);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "retention.purge"))).not.toHaveLength(0);
  });
});
