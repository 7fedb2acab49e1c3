import { and, desc, eq, isNull, like, or } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  accounts,
  addresses,
  attachments,
  auditLog,
  bankCards,
  consents,
  consultationPhotos,
  consultations,
  messages,
  orders,
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
import { catalogs } from "@/messages";
import { accountOf, addBankCard, orderAt, requestInProgress, shanghaiDate, yearsAfter } from "@/test/fulfilment-fixtures";
import { prepareAccessPackage, releaseAccessPackage } from "./access";
import { purgeExpiredPackages } from "./package-purge";
import { applyCancellation } from "./cancellation";
import { applyConsentWithdrawal } from "./consent";
import { applyCorrections } from "./correction";
import { applyDeletion } from "./deletion";
import { checkDownloadLink, downloadExpiry, signedDownloadPath } from "./download-link";
import { itemsNotDone, readItemOutcomes } from "./items";
import { fulfilmentProgress } from "./progress";
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
    const r = await workOn(p, {
      type: "deletion",
      categories: ["consultations", "addresses", "bank_cards", "orders"],
      ground: "no_longer_necessary",
    });
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
    const notices = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.requestId, r.id), eq(outbox.channel, "recipient_notice")));
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.map((n) => n.body).join()).toContain(r.ref);
    if (first.ok) {
      const outcomes = first.result.outcomes as { category: string; outcome: string }[];
      expect(outcomes.find((o) => o.category === "consultations")?.outcome).toBe("restricted");
      expect(outcomes.find((o) => o.category === "addresses")?.outcome).toBe("deleted");
    }

    const again = await runStep(db, agent, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now);
    expect(again.ok && again.already).toBe(true);
    expect(
      await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.requestId, r.id), eq(outbox.channel, "recipient_notice"))),
    ).toHaveLength(notices.length);
  });

  it("deletes orders past their 3 years from the transaction, keeps younger ones restricted until then, and says which", async () => {
    const p = await newPatient();
    const a = await account(p);
    const young = await orderAt(db, p, new Date(now.getTime() - 2 * 365 * 86_400_000));
    const old = await orderAt(db, p, new Date(now.getTime() - (3 * 365 + 30) * 86_400_000));
    const named = await orderAt(db, p, new Date(now.getTime() - 400 * 86_400_000));
    const all = await db.select().from(orders).where(eq(orders.accountId, a.id));
    const r = await workOn(p, { type: "deletion", categories: ["orders"], ground: "no_longer_necessary" });
    const done = await runStep(db, agent, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now);
    expect(done.ok).toBe(true);

    expect(await db.select().from(orders).where(eq(orders.id, old.id))).toHaveLength(0);
    const left = await db.select().from(orders).where(eq(orders.accountId, a.id));
    expect(left.map((o) => o.id)).toEqual(expect.arrayContaining([young.id, named.id]));
    for (const o of left) {
      expect(o.restrictedAt).not.toBeNull();
      expect(o.deletableAfter).toBe(yearsAfter(shanghaiDate(o.deliveredAt ?? o.createdAt), 3));
    }
    const lines = readItemOutcomes(done.ok ? done.result.outcomes : []).filter((o) => o.category === "orders");
    expect(lines.find((o) => o.outcome === "deleted")?.count).toBe(all.length - left.length);
    const restricted = lines.find((o) => o.outcome === "restricted");
    expect(restricted).toMatchObject({ count: left.length, retention: { rule: "transaction", basis: "电子商务法 第三十一条" } });
    expect(restricted!.deletableAfter).toBe(
      left
        .map((o) => o.deletableAfter!)
        .sort()
        .at(-1),
    );
    // Not everything asked for is gone: the request closes only as partially fulfilled.
    expect(itemsNotDone((await fulfilmentProgress(db, r.id)).done).map((o) => o.category)).toContain("orders");

    // The retention purge deletes each once its 3 years are over.
    const after = new Date(`${left.find((o) => o.id === young.id)!.deletableAfter}T12:00:00+08:00`);
    await purgeExpiredRetention(db, { apply: true, now: daysFrom(after, 2) });
    expect(await db.select().from(orders).where(eq(orders.id, young.id))).toHaveLength(0);
  });

  it("deletes a single order past its retention and keeps a single younger one, item by item", async () => {
    const p = await newPatient();
    const young = await orderAt(db, p, new Date(now.getTime() - 100 * 86_400_000));
    const old = await orderAt(db, p, new Date(now.getTime() - (3 * 365 + 30) * 86_400_000));
    const r = await workOn(p, {
      type: "deletion",
      categories: [],
      items: [
        { category: "orders", id: young.id },
        { category: "orders", id: old.id },
      ],
      ground: "no_longer_necessary",
    });
    const done = await runStep(db, agent, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now);
    const lines = readItemOutcomes(done.ok ? done.result.outcomes : []);
    expect(lines.find((o) => o.id === old.id)).toMatchObject({ outcome: "deleted", count: 1 });
    expect(lines.find((o) => o.id === young.id)).toMatchObject({
      outcome: "restricted",
      deletableAfter: yearsAfter(shanghaiDate(young.deliveredAt!), 3),
    });
    expect(await db.select().from(orders).where(eq(orders.id, old.id))).toHaveLength(0);
  });

  it("refuses to delete outright a category a legal retention holds", async () => {
    const p = await newPatient();
    const a = await account(p);
    const unrestricted = () =>
      db
        .select()
        .from(prescriptions)
        .where(and(eq(prescriptions.accountId, a.id), isNull(prescriptions.restrictedAt)));
    const before = await unrestricted();
    expect(before.length).toBeGreaterThan(0);
    const r = await workOn(p, { type: "deletion", categories: ["prescriptions"], ground: "no_longer_necessary" });
    const result = await runStep(
      db,
      agent,
      r.ref,
      "deletion.apply",
      (tx, req) => applyDeletion(tx, req, now, [{ category: "prescriptions", erasure: "delete" }]),
      now,
    );
    expect(result).toMatchObject({ ok: false, error: "refused", code: "legal_hold" });
    expect(await unrestricted()).toEqual(before);
    expect((await db.select().from(prescriptions).where(eq(prescriptions.accountId, a.id))).length).toBeGreaterThan(0);
  });

  it("records each item's outcome: restricted until a date with its basis, deleted, a named record gone, refused with a reason; closes only as partly fulfilled", async () => {
    const p = await newPatient();
    const a = await account(p);
    await addBankCard(db, p, { now: filed });
    const visits = await db.select().from(consultations).where(eq(consultations.accountId, a.id));
    const photos = await db
      .select({ id: consultationPhotos.id })
      .from(consultationPhotos)
      .innerJoin(consultations, eq(consultations.id, consultationPhotos.consultationId))
      .where(eq(consultations.accountId, a.id));
    expect(photos.length).toBeGreaterThanOrEqual(2);
    const [kept, gone] = [photos[0]!.id, photos[1]!.id];
    const myAddresses = await db.select().from(addresses).where(eq(addresses.accountId, a.id));
    expect(myAddresses.length).toBeGreaterThan(0);
    const r = await workOn(p, {
      type: "deletion",
      categories: ["consultations", "addresses", "bank_cards"],
      items: [
        { category: "photos", id: kept },
        { category: "photos", id: gone },
      ],
      ground: "no_longer_necessary",
    });
    // One photo named is no longer there when the deletion runs (purged on the platform meanwhile).
    await db.delete(consultationPhotos).where(eq(consultationPhotos.id, gone));

    const result = await runStep(
      db,
      agent,
      r.ref,
      "deletion.apply",
      (tx, req) => applyDeletion(tx, req, now, [], [{ category: "bank_cards", reason: "excessive_technical_means" }]),
      now,
    );
    expect(result.ok).toBe(true);
    const until = yearsAfter(shanghaiDate(new Date(Math.max(...visits.map((v) => (v.endedAt ?? v.startedAt).getTime())))), 15);
    const outcomes = readItemOutcomes(result.ok ? result.result.outcomes : []);
    const basis = { rule: "medical_record", basis: expect.stringContaining("医疗机构管理条例实施细则") };
    expect(outcomes.find((o) => o.category === "consultations")).toEqual({
      category: "consultations",
      id: null,
      outcome: "restricted",
      count: visits.length,
      deletableAfter: until,
      retention: basis,
    });
    expect(outcomes.find((o) => o.category === "addresses")).toEqual({
      category: "addresses",
      id: null,
      outcome: "deleted",
      count: myAddresses.length,
    });
    expect(outcomes.find((o) => o.category === "photos" && o.id === kept)).toEqual({
      category: "photos",
      id: kept,
      outcome: "restricted",
      count: 1,
      deletableAfter: until,
      retention: basis,
    });
    expect(outcomes.find((o) => o.category === "photos" && o.id === gone)).toEqual({
      category: "photos",
      id: gone,
      outcome: "not_held",
      count: 0,
      reason: "record_gone",
    });
    expect(outcomes.find((o) => o.category === "bank_cards")).toEqual({
      category: "bank_cards",
      id: null,
      outcome: "refused",
      count: 0,
      reason: "excessive_technical_means",
    });
    // What staff declined is left as it was.
    expect(await db.select().from(bankCards).where(eq(bankCards.accountId, a.id))).not.toHaveLength(0);

    // Kept by law and refused are not done: the request closes as partly fulfilled, never as fulfilled.
    const { done } = await fulfilmentProgress(db, r.id);
    expect(itemsNotDone(done).map((o) => `${o.category}:${o.outcome}`)).toEqual([
      "consultations:restricted",
      "photos:restricted",
      "bank_cards:refused",
    ]);
    await expect(step(db, agent, r.ref, { kind: "complete", outcome: "fulfilled", reply: "已办理。" }, now)).rejects.toThrow(/not_all_done/);
    // A template's blank left in the reply is refused; the reply sent ends with what was recorded, never more.
    await expect(
      step(db, agent, r.ref, { kind: "complete", outcome: "partially_fulfilled", reply: "已部分办理。\n【请填写：补充说明】" }, now),
    ).rejects.toThrow(/reply_unfinished/);
    const closed = await step(db, agent, r.ref, { kind: "complete", outcome: "partially_fulfilled", reply: "已部分办理。" }, now);
    expect(closed).toMatchObject({ status: "completed", outcome: "partially_fulfilled" });
    const [reply] = await db.select({ body: messages.body }).from(messages).where(eq(messages.requestId, r.id)).orderBy(desc(messages.createdAt));
    const lines = reply!.body.split("\n");
    expect(lines[0]).toBe("已部分办理。");
    expect(lines).toContain("我们对您的信息做了什么");
    const day = new Intl.DateTimeFormat("zh-CN", { dateStyle: "long", timeZone: "Asia/Shanghai" }).format(new Date(`${until}T12:00:00+08:00`));
    expect(lines.find((l) => l.startsWith("- 问诊记录"))).toContain(`依法保存至 ${day}`);
    expect(lines.find((l) => l.startsWith("- 收货地址"))).toMatch(/已删除$/);
    expect(lines.find((l) => l.startsWith("- 银行卡"))).toContain("未办理。理由：");
  });

  it("a deletion that does all it was asked closes as fulfilled", async () => {
    const p = await newPatient();
    await addBankCard(db, p, { now: filed });
    const r = await workOn(p, { type: "deletion", categories: ["addresses", "bank_cards"], ground: "no_longer_necessary" });
    const result = await runStep(db, agent, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now);
    expect(readItemOutcomes(result.ok ? result.result.outcomes : []).map((o) => o.outcome)).toEqual(["deleted", "deleted"]);
    expect(itemsNotDone((await fulfilmentProgress(db, r.id)).done)).toEqual([]);
    const closed = await step(db, agent, r.ref, { kind: "complete", outcome: "fulfilled", reply: "已办理。" }, now);
    expect(closed).toMatchObject({ status: "completed", outcome: "fulfilled" });
  });

  it("a step that throws halfway leaves the records as they were, and is shown as failed", async () => {
    const p = await newPatient();
    const a = await account(p);
    const before = await db.select().from(addresses).where(eq(addresses.accountId, a.id));
    expect(before.length).toBeGreaterThan(0);
    const r = await workOn(p, { type: "deletion", categories: ["addresses"], ground: "no_consent" });
    const result = await runStep(
      db,
      agent,
      r.ref,
      "deletion.apply",
      async (tx, req) => {
        await applyDeletion(tx, req, now);
        throw new Error("disk on fire");
      },
      now,
    );
    expect(result).toMatchObject({ ok: false, error: "failed" });
    expect(await db.select().from(addresses).where(eq(addresses.accountId, a.id))).toHaveLength(before.length);
    const events = await db
      .select()
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, r.id), eq(requestEvents.kind, "fulfilment_step")));
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
    expect(await runStep(db, other, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now)).toEqual({
      ok: false,
      error: "not_allowed",
    });
    expect(await db.select().from(bankCards).where(eq(bankCards.accountId, a.id))).toHaveLength(cards.length);
    // Waiting on the patient, it is not worked, even by its assignee.
    await step(db, agent, r.ref, { kind: "pause", reason: "clarification", message: "请确认要删除哪一张银行卡。" }, now);
    expect(await runStep(db, agent, r.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now)).toEqual({
      ok: false,
      error: "wrong_status",
    });
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
    const forged = await runStep(
      db,
      agent,
      r.ref,
      "correction.apply",
      (tx, req) =>
        applyCorrections(tx, req, [
          { index: 0, approve: true },
          { index: 5, approve: true },
        ]),
      now,
    );
    expect(forged).toMatchObject({ ok: false, error: "refused", code: "not_requested" });
    const noReason = await runStep(
      db,
      agent,
      r.ref,
      "correction.apply",
      (tx, req) =>
        applyCorrections(tx, req, [
          { index: 0, approve: true },
          { index: 1, approve: false },
        ]),
      now,
    );
    expect(noReason).toMatchObject({ ok: false, error: "refused", code: "reason_required" });
    expect((await account(p)).nickname).toBe(a.nickname);

    const ok = await runStep(
      db,
      agent,
      r.ref,
      "correction.apply",
      (tx, req) =>
        applyCorrections(tx, req, [
          { index: 0, approve: true },
          { index: 1, approve: false, reason: "地址无法核实" },
        ]),
      now,
    );
    expect(ok.ok).toBe(true);
    expect((await account(p)).nickname).toBe("新昵称");
    const [addrAfter] = await db.select().from(addresses).where(eq(addresses.id, addr!.id));
    expect(addrAfter!.detail).toBe(addr!.detail);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.requestId, r.id), eq(auditLog.action, "fulfilment.correction.apply")));
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
    const released = await runStep(
      db,
      agent,
      r.ref,
      "access.release",
      async (tx, req) => releaseAccessPackage(tx, req, (await doneSteps(tx, req.id)).get("access.prepare"), now),
      now,
    );
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

  it("a released package is deleted once its link has expired, audited; an unreleased one and a live link are kept", async () => {
    const r = await workOn(await newPatient(), { type: "access", categories: ["account"] });
    const prepared = await runStep(db, agent, r.ref, "access.prepare", (tx, req) => prepareAccessPackage(tx, req, agent, now), now);
    const kept = await workOn(await newPatient(), { type: "access", categories: ["account"] });
    const unreleased = await runStep(db, agent, kept.ref, "access.prepare", (tx, req) => prepareAccessPackage(tx, req, agent, now), now);
    await runStep(
      db,
      agent,
      r.ref,
      "access.release",
      async (tx, req) => releaseAccessPackage(tx, req, (await doneSteps(tx, req.id)).get("access.prepare"), now),
      now,
    );
    const id = prepared.ok ? String(prepared.result.attachmentId) : "";
    const other = unreleased.ok ? String(unreleased.result.attachmentId) : "";
    const live = await purgeExpiredPackages(db, { apply: true, now: new Date(daysFrom(now, 7).getTime() - 1000) });
    expect(live.attachments).not.toContain(id);
    const dry = await purgeExpiredPackages(db, { apply: false, now: daysFrom(now, 7) });
    expect(dry).toMatchObject({ applied: false });
    expect(dry.attachments).toContain(id);
    const [stillThere] = await db.select().from(attachments).where(eq(attachments.id, id));
    expect(stillThere!.content).not.toBeNull();

    const done = await purgeExpiredPackages(db, { apply: true, now: daysFrom(now, 7) });
    expect(done.attachments).toContain(id);
    expect(done.attachments).not.toContain(other);
    const [gone] = await db.select().from(attachments).where(eq(attachments.id, id));
    expect(gone).toMatchObject({ content: null, deletedAt: daysFrom(now, 7), filename: `${r.ref}.zip` });
    const [stays] = await db.select().from(attachments).where(eq(attachments.id, other));
    expect(stays!.content).not.toBeNull();
    const audited = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "package.purge"), eq(auditLog.entityId, r.ref)));
    expect(audited.map((a) => a.data)).toEqual([{ attachmentIds: [id] }]);
    expect((await purgeExpiredPackages(db, { apply: true, now: daysFrom(now, 8) })).attachments).not.toContain(id);
  });

  it("gives the patient their own records a legal retention holds, each marked with the day it is kept until", async () => {
    const p = await newPatient();
    const a = await account(p);
    // An earlier deletion restricted their consultations and prescriptions; their addresses went.
    const deletion = await workOn(p, {
      type: "deletion",
      categories: ["consultations", "prescriptions", "addresses"],
      ground: "no_longer_necessary",
    });
    const deleted = await runStep(db, agent, deletion.ref, "deletion.apply", (tx, req) => applyDeletion(tx, req, now), now);
    const until = readItemOutcomes(deleted.ok ? deleted.result.outcomes : []).find((o) => o.category === "consultations")!.deletableAfter!;
    await step(db, agent, deletion.ref, { kind: "complete", outcome: "partially_fulfilled", reply: "已部分办理。" }, now);
    const visits = await db.select().from(consultations).where(eq(consultations.accountId, a.id));
    const scripts = await db.select().from(prescriptions).where(eq(prescriptions.accountId, a.id));
    expect([...visits, ...scripts].every((x) => x.restrictedAt !== null)).toBe(true);

    const r = await workOn(p, { type: "access", categories: ["consultations", "prescriptions", "addresses"] });
    const prepared = await runStep(db, agent, r.ref, "access.prepare", (tx, req) => prepareAccessPackage(tx, req, agent, now), now);
    expect(prepared.ok).toBe(true);
    const outcomes = readItemOutcomes(prepared.ok ? prepared.result.outcomes : []);
    const basis = { rule: "medical_record", basis: expect.stringContaining("医疗机构管理条例实施细则") };
    expect(outcomes).toEqual([
      { category: "addresses", id: null, outcome: "not_held", count: 0, reason: "none_held" },
      {
        category: "consultations",
        id: null,
        outcome: "provided",
        count: visits.length,
        held: visits.length,
        deletableAfter: until,
        retention: basis,
      },
      {
        category: "prescriptions",
        id: null,
        outcome: "provided",
        count: scripts.length,
        held: scripts.length,
        deletableAfter: expect.any(String),
        retention: basis,
      },
    ]);

    const [zip] = await db
      .select({ content: attachments.content })
      .from(attachments)
      .where(eq(attachments.id, String(prepared.ok && prepared.result.attachmentId)));
    const files = unzipSync(zip!.content!);
    const rows = JSON.parse(strFromU8(files["consultations.json"]!)) as Record<string, unknown>[];
    expect(rows).toHaveLength(visits.length);
    expect(rows.every((x) => x.heldUntil === until)).toBe(true);
    const report = strFromU8(files["report.html"]!);
    const zh = catalogs["zh-CN"].export;
    expect(report).toContain(zh.columns.heldUntil);
    expect(report).toContain(`<tr class="held">`);
    expect(report).toContain(until);
    expect(report).toContain(`此类中有 ${visits.length} 条记录依法须保存`);
    expect(report).toContain(zh.empty);

    // Prepared is not yet given: the copy is done once released.
    expect(itemsNotDone((await fulfilmentProgress(db, r.id)).done).map((o) => o.category)).toEqual(["consultations", "prescriptions"]);
    await runStep(
      db,
      agent,
      r.ref,
      "access.release",
      async (tx, req) => releaseAccessPackage(tx, req, (await doneSteps(tx, req.id)).get("access.prepare"), now),
      now,
    );
    expect(itemsNotDone((await fulfilmentProgress(db, r.id)).done)).toEqual([]);
    expect(await step(db, agent, r.ref, { kind: "complete", outcome: "fulfilled", reply: "副本已发布。" }, now)).toMatchObject({
      outcome: "fulfilled",
    });
  });

  it("declines a category staff withhold, with its reason, and provides the rest", async () => {
    const r = await workOn(await newPatient(), { type: "access", categories: ["account", "orders"] });
    const prepared = await runStep(
      db,
      agent,
      r.ref,
      "access.prepare",
      (tx, req) => prepareAccessPackage(tx, req, agent, now, [{ category: "orders", reason: "trade_secret" }]),
      now,
    );
    const outcomes = readItemOutcomes(prepared.ok ? prepared.result.outcomes : []);
    expect(outcomes.map((o) => [o.category, o.outcome, o.reason])).toEqual([
      ["account", "provided", undefined],
      ["orders", "refused", "trade_secret"],
    ]);
    const [zip] = await db
      .select({ content: attachments.content })
      .from(attachments)
      .where(eq(attachments.id, String(prepared.ok && prepared.result.attachmentId)));
    const files = unzipSync(zip!.content!);
    expect(JSON.parse(strFromU8(files["orders.json"]!))).toEqual([]);
    expect(strFromU8(files["report.html"]!)).toContain(catalogs["zh-CN"].refusalReasons.trade_secret);
    const refused = await runStep(
      db,
      agent,
      r.ref,
      "access.prepare",
      (tx, req) => prepareAccessPackage(tx, req, agent, now, [{ category: "photos", reason: "impractical" }]),
      now,
    );
    expect(refused.ok).toBe(true); // already done: not run again
    await runStep(
      db,
      agent,
      r.ref,
      "access.release",
      async (tx, req) => releaseAccessPackage(tx, req, (await doneSteps(tx, req.id)).get("access.prepare"), now),
      now,
    );
    await expect(step(db, agent, r.ref, { kind: "complete", outcome: "fulfilled", reply: "副本已发布。" }, now)).rejects.toThrow(/not_all_done/);
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
    const byNickname = await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(like(accounts.nickname, `%${rn!.realName}%`));
    expect(byNickname.map((x) => x.id)).not.toContain(a.id);
    const byRealName = await db
      .select({ accountId: realNameVerifications.accountId })
      .from(realNameVerifications)
      .where(or(eq(realNameVerifications.idNumber, rn!.idNumber), eq(realNameVerifications.realName, rn!.realName)));
    expect(byRealName.map((x) => x.accountId)).not.toContain(a.id);
    expect(await db.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, a.id))).toHaveLength(0);
    const [after] = await db.select().from(accounts).where(eq(accounts.id, a.id));
    expect(after).toMatchObject({ status: "cancelled", phone: null, email: null });
    // Medical records kept, restricted, detached from the account (filed under its subject key: cancellation.test.ts).
    expect(await db.select().from(consultations).where(eq(consultations.accountId, a.id))).toHaveLength(0);
    // The portal user ends when the request closes, after the final reply, not before.
    const [notYet] = await db.select().from(users).where(eq(users.id, user!.id));
    expect(notYet!.disabledAt).toBeNull();
    await step(db, agent, r.ref, { kind: "complete", outcome: "partially_fulfilled", reply: "账户已注销。" }, now);
    const [disabled] = await db.select().from(users).where(eq(users.id, user!.id));
    expect(disabled!.disabledAt).not.toBeNull();
    expect(disabled!.sessionVersion).toBe(user!.sessionVersion + 1);
    const sms = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipient, phone), eq(outbox.template, "account_cancelled")));
    expect(sms).toHaveLength(1);

    await requestCode(db, { phone, ip: "1.2.3.4", now, locale: "zh-CN" });
    const [code] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipient, phone), eq(outbox.template, "otp")));
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
