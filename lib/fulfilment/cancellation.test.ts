import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  accounts,
  cancellationHeldRecords,
  cancellationSubjects,
  consultations,
  messages,
  orders,
  outbox,
  prescriptions,
  realNameVerifications,
  sessions,
  users,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { getMyRequest } from "@/lib/requests/patient-view";
import { createPatient, createStaff, step, type TestPatient } from "@/lib/testing/factories";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { accountOf, orderAt as orderOf, requestInProgress, shanghaiDate, yearsAfter } from "@/test/fulfilment-fixtures";
import { applyCancellation } from "./cancellation";
import { itemsNotDone, readItemOutcomes, type ItemOutcome } from "./items";
import { findKeptRecords, parseKeptQuery } from "./kept-records";
import { fulfilmentOutcome } from "./outcome";
import { fulfilmentProgress } from "./progress";
import { confirmRecipientNotice, recipientNotices } from "./recipients";
import { finalReplyByLink } from "./final-reply";
import { checkReplyLink } from "./reply-link";
import { purgeExpiredRetention } from "./retention";
import { runStep } from "./steps";

/**
 * Closing an account keeps what the law keeps, linked to the former patient by a pseudonymous key: each test makes
 * its own patient, who files the cancellation two days before our agent applies it at `now`.
 */
let db: Db;
let cleanup: () => Promise<void>;
let agent: Actor;
const now = testNow();
const filed = daysFrom(now, -2);
const yearsBefore = (years: number, days = 0) => new Date(now.getTime() - (years * 365 + days) * 86_400_000);

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  agent = (await createStaff(db, "agent", { now: filed })).actor;
});
afterAll(() => cleanup?.());

const newPatient = () => createPatient(db, { now: filed });

/** A delivered order of the patient's account, placed and delivered `at`. */
const orderAt = (p: TestPatient, at: Date, pharmacy?: string) => orderOf(db, p, at, pharmacy);

async function cancel(p: TestPatient) {
  const r = await requestInProgress(db, agent, p, { type: "cancellation" }, { now: filed });
  const result = await runStep(db, agent, r.ref, "cancellation.apply", (tx, req) => applyCancellation(tx, req, now), now);
  if (!result.ok) throw new Error(`cancellation refused: ${JSON.stringify(result)}`);
  return { r, result: result.result };
}

describe("cancellation keeps what must be kept, linked", () => {
  it("keeps medical records restricted under a subject key that staff find by phone, ID number, reference or key", async () => {
    const p = await newPatient();
    const a = await accountOf(db, p);
    const visits = await db.select().from(consultations).where(eq(consultations.accountId, a.id));
    const scripts = await db.select().from(prescriptions).where(eq(prescriptions.accountId, a.id));
    expect(visits.length).toBeGreaterThan(0);
    const { r, result } = await cancel(p);

    const key = String(result.subjectKey);
    expect(key).toMatch(/^CS-/);
    const [subject] = await db.select().from(cancellationSubjects).where(eq(cancellationSubjects.key, key));
    expect(subject).toMatchObject({ requestId: r.id, portalUserEndedAt: null });
    // Neither the phone nor the ID number is kept in clear.
    expect(JSON.stringify(subject)).not.toContain(p.phone);
    expect(JSON.stringify(subject)).not.toContain(p.idNumber);
    // The records are detached from the account, restricted, and filed under the key.
    expect(await db.select().from(consultations).where(eq(consultations.accountId, a.id))).toHaveLength(0);
    const filedUnder = await db.select().from(cancellationHeldRecords).where(eq(cancellationHeldRecords.subjectKey, key));
    const ownVisits = visits.filter((v) => v.patientId === null);
    for (const v of ownVisits) expect(filedUnder.map((h) => h.recordId)).toContain(v.id);
    for (const s of scripts.filter((x) => x.patientId === null)) expect(filedUnder.map((h) => h.recordId)).toContain(s.id);
    const last = shanghaiDate(new Date(Math.max(...ownVisits.map((v) => (v.endedAt ?? v.startedAt).getTime()))));
    const kept = await db
      .select()
      .from(consultations)
      .where(
        inArray(
          consultations.id,
          ownVisits.map((v) => v.id),
        ),
      );
    for (const k of kept) expect(k).toMatchObject({ accountId: null, deletableAfter: yearsAfter(last, 15) });
    expect(kept.every((k) => k.restrictedAt !== null)).toBe(true);
    // The real-name record is gone, the account anonymised.
    expect(await db.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, a.id))).toHaveLength(0);
    expect((await accountOf(db, p)).status).toBe("cancelled");

    for (const typed of [p.phone, `+86 ${p.phone}`, p.idNumber.toLowerCase(), r.ref, key]) {
      const query = parseKeptQuery(typed);
      expect(query).not.toBeNull();
      const found = await findKeptRecords(db, agent, query!, now);
      expect(found.map((s) => s.key)).toEqual([key]);
      expect(found[0]!.ref).toBe(r.ref);
      expect(found[0]!.records.filter((x) => x.category === "consultations")).toHaveLength(ownVisits.length);
      expect(found[0]!.records.every((x) => x.deletableAfter >= shanghaiDate(now))).toBe(true);
    }
    // Someone else's phone finds nothing.
    expect(await findKeptRecords(db, agent, parseKeptQuery("19500000000")!, now)).toEqual([]);
    await expect(findKeptRecords(db, p.actor, parseKeptQuery(key)!, now)).rejects.toThrow();

    // Item by item: kept until when and why, deleted, anonymised.
    const outcomes = readItemOutcomes(result.outcomes);
    const of = (c: string) => outcomes.filter((o) => o.category === c);
    expect(of("consultations")[0]).toMatchObject({
      outcome: "restricted",
      deletableAfter: yearsAfter(last, 15),
      retention: { rule: "medical_record" },
    });
    expect(of("real_name")[0]).toMatchObject({ outcome: "deleted", count: 1 });
    expect(of("account")[0]).toMatchObject({ outcome: "anonymised", count: 1 });
    expect(of("addresses")[0]?.outcome).toBe("deleted");
    // What the retention keeps is not what was asked: the request closes only as partially fulfilled.
    expect(itemsNotDone((await fulfilmentProgress(db, r.id)).done).map((o) => o.category)).toContain("consultations");
  });

  it("keeps orders younger than 3 years from the transaction restricted, deletes older ones", async () => {
    const p = await newPatient();
    const young = await orderAt(p, yearsBefore(2));
    const old = await orderAt(p, yearsBefore(3, 30));
    const { result } = await cancel(p);
    const [kept] = await db.select().from(orders).where(eq(orders.id, young.id));
    expect(kept).toMatchObject({ accountId: null, deletableAfter: yearsAfter(shanghaiDate(young.deliveredAt!), 3) });
    expect(kept!.restrictedAt).not.toBeNull();
    expect(await db.select().from(orders).where(eq(orders.id, old.id))).toHaveLength(0);
    const [held] = await db.select().from(cancellationHeldRecords).where(eq(cancellationHeldRecords.recordId, young.id));
    expect(held).toMatchObject({ subjectKey: result.subjectKey, category: "orders" });

    const lines = readItemOutcomes(result.outcomes).filter((o) => o.category === "orders");
    const restricted = lines.find((o) => o.outcome === "restricted");
    expect(restricted?.retention).toEqual({ rule: "transaction", basis: "电子商务法 第三十一条" });
    expect(restricted!.count).toBeGreaterThanOrEqual(1);
    expect(lines.find((o) => o.outcome === "deleted")?.count).toBeGreaterThanOrEqual(1);

    const found = await findKeptRecords(db, agent, parseKeptQuery(String(result.subjectKey))!, now);
    expect(found[0]!.records.filter((x) => x.category === "orders").map((x) => x.deletableAfter)).toContain(kept!.deletableAfter);

    // The purge deletes it once its 3 years are over, and its place under the key with it.
    const after = new Date(`${yearsAfter(kept!.deletableAfter!, 0)}T12:00:00+08:00`);
    expect((await purgeExpiredRetention(db, { apply: false, now: after })).orders).not.toContain(young.id);
    const later = daysFrom(after, 2);
    expect((await purgeExpiredRetention(db, { apply: true, now: later })).orders).toContain(young.id);
    expect(await db.select().from(orders).where(eq(orders.id, young.id))).toHaveLength(0);
    expect(await db.select().from(cancellationHeldRecords).where(eq(cancellationHeldRecords.recordId, young.id))).toHaveLength(0);
  });

  it("tells every recipient of the data, naming the orders it handled, tracked until staff record the confirmation", async () => {
    const p = await newPatient();
    const o1 = await orderAt(p, yearsBefore(1), "同仁堂测试药房");
    const { r } = await cancel(p);
    const notices = await recipientNotices(db, r.id);
    const pharmacy = notices.find((n) => n.recipient === "同仁堂测试药房");
    expect(pharmacy).toMatchObject({ kind: "partner_pharmacy", confirmedAt: null });
    expect(pharmacy!.categories).toContain("orders");
    const [row] = await db.select().from(outbox).where(eq(outbox.id, pharmacy!.id));
    expect(row!.template).toBe("cancellation_notice");
    expect(row!.body).toContain(r.ref);
    expect(row!.body).toContain(o1.id);
    expect(row!.payload.orders).toContain(o1.id);
    expect(notices.map((n) => n.kind)).toEqual(expect.arrayContaining(["logistics", "payment_provider"]));

    expect(await confirmRecipientNotice(db, agent, r.ref, pharmacy!.id, "已确认删除", now)).toEqual({ ok: true, already: false });
    const outcome = await fulfilmentOutcome(db, r);
    expect(outcome.cancellation?.recipients.find((x) => x.name === "同仁堂测试药房")?.confirmedAt).toEqual(now);
  });

  it("leaves the patient able to read the request until it is closed; the close sends the final reply with a link, then ends the portal user", async () => {
    const p = await newPatient();
    const [user] = await db.select().from(users).where(eq(users.phone, p.phone));
    await db.insert(sessions).values({ userId: user!.id, createdAt: filed, lastSeenAt: filed });
    const { r, result } = await cancel(p);
    expect(result.portalUserEndsOnClose).toBe(true);

    // After the step: the account is closed, the portal user still there, its sessions alive.
    const [still] = await db.select().from(users).where(eq(users.id, user!.id));
    expect(still).toMatchObject({ phone: p.phone, disabledAt: null, sessionVersion: user!.sessionVersion });
    const mine = await getMyRequest(db, p.actor, r.ref, now);
    expect(mine.request.ref).toBe(r.ref);
    const seen = mine.outcome.cancellation!.outcomes;
    expect(seen.find((o: Omit<ItemOutcome, "id">) => o.category === "consultations")?.outcome).toBe("restricted");

    const reply = "您的账户已注销；依法须保存的病历和订单保存至期满后删除。";
    const closedAt = daysFrom(now, 0.01);
    await step(db, agent, r.ref, { kind: "complete", outcome: "partially_fulfilled", reply }, closedAt);
    const [sms] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipient, p.phone), eq(outbox.template, "account_cancelled")));
    expect(sms!.body).toContain(r.ref);
    const path = sms!.body.match(/\/replies\/[^\s（(]+/)![0];
    const url = new URL(path, "http://x");
    expect(url.pathname).toBe(`/replies/${r.ref}`);
    expect(checkReplyLink(r.ref, url.searchParams.get("expires"), url.searchParams.get("sig"), daysFrom(closedAt, 29))).toBe("ok");
    expect(checkReplyLink(r.ref, url.searchParams.get("expires"), url.searchParams.get("sig"), daysFrom(closedAt, 31))).toBe("expired");
    expect(checkReplyLink("DSR-2026-000001", url.searchParams.get("expires"), url.searchParams.get("sig"), closedAt)).toBe("invalid");
    // (The reply may carry more: the facts fulfilment recorded.)
    expect((await db.select().from(messages).where(eq(messages.requestId, r.id))).some((m) => m.body.includes(reply))).toBe(true);
    // Read through the link, without signing in: the reply, what became of each category.
    const read = await finalReplyByLink(db, r.ref, url.searchParams.get("expires")!, url.searchParams.get("sig")!, daysFrom(closedAt, 1));
    expect(read.ok && read.reply.reply).toContain(reply);
    expect(read.ok && read.reply.outcome.cancellation?.outcomes.some((o) => o.category === "consultations" && o.outcome === "restricted")).toBe(true);
    expect(await finalReplyByLink(db, r.ref, url.searchParams.get("expires")!, "x".repeat(43), closedAt)).toEqual({ ok: false, error: "invalid" });

    // In the close's transaction: the portal user and every session end.
    const [ended] = await db.select().from(users).where(eq(users.id, user!.id));
    expect(ended).toMatchObject({ phone: null, displayName: "" });
    expect(ended!.disabledAt).toEqual(closedAt);
    expect(ended!.sessionVersion).toBe(user!.sessionVersion + 1);
    expect((await db.select().from(sessions).where(eq(sessions.userId, user!.id))).every((s) => s.revokedAt !== null)).toBe(true);
    const [subject] = await db.select().from(cancellationSubjects).where(eq(cancellationSubjects.requestId, r.id));
    expect(subject!.portalUserEndedAt).toEqual(closedAt);
    // The account itself stays closed and anonymised.
    const [a] = await db.select().from(accounts).where(eq(accounts.id, p.accountId!));
    expect(a).toMatchObject({ status: "cancelled", phone: null });
  });
});
