import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { addresses, auditLog, consents, outbox, prescriptions, recipientConfirmations, requestEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { listQueue } from "@/lib/requests/queue";
import { DEFAULT_QUEUE_FILTERS } from "@/lib/requests/queue-filters";
import { slaBounds } from "@/lib/requests/sla-sql";
import { createPatient, createStaff, type FileInput, type TestPatient } from "@/lib/testing/factories";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { accountOf, requestInProgress, shanghaiDate } from "@/test/fulfilment-fixtures";
import { performFulfilmentAction } from "./actions";
import { buildQueuedPackage } from "./package-job";
import { DownloadRefused, openReleasedResult } from "./downloads";
import { fulfilmentOutcome } from "./outcome";
import { fulfilmentProgress } from "./progress";
import { awaitedRecipientNotices, recipientNotices } from "./recipients";

/**
 * The fulfilment panel's actions as the request page's server actions call them: validation, role checks,
 * refusals that change nothing, and the recipient confirmations; the patient's outcome and download. Every
 * test makes its own patient, who files the request through the portal's own code; our agent claims it. Times
 * derive from `now` (TEST_NOW): filed two days before the panel's actions.
 */
let db: Db;
let cleanup: () => Promise<void>;
let agent: Actor;
let otherAgent: Actor;
let manager: Actor;
const now = testNow();
const filed = daysFrom(now, -2);

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  agent = (await createStaff(db, "agent", { now: filed })).actor;
  otherAgent = (await createStaff(db, "agent", { now: filed })).actor;
  manager = (await createStaff(db, "manager", { now: filed })).actor;
});
afterAll(() => cleanup?.());

/** A patient of our own, with complete records as of the day they file. */
const newPatient = () => createPatient(db, { now: filed });
const account = (p: TestPatient) => accountOf(db, p);
/** A request `p` filed, being worked by our agent. */
const workOn = (p: TestPatient, input: FileInput) => requestInProgress(db, agent, p, input, { now: filed });

/** A form as the panel sends it: `decision.<n>` and `reason.<n>` become the change's entry under `decisions`. */
const form = (entries: Record<string, string | string[]>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  const decisions = new Map<string, Record<string, string>>();
  for (const [k, v] of Object.entries(entries)) {
    const m = /^(decision|reason)\.(\d+)$/.exec(k);
    if (!m) out[k] = v;
    else decisions.set(m[2]!, { ...(decisions.get(m[2]!) ?? { index: m[2]! }), [m[1] === "decision" ? "approve" : "reason"]: v as string });
  }
  if (decisions.size > 0) out.decisions = [...decisions.values()];
  return out;
};

describe("validation and roles", () => {
  it("refuses a patient outright, an agent who is not the assignee, and a step of another request type", async () => {
    const p = await newPatient();
    const r = await workOn(p, { type: "consent", consents: ["marketing"] });
    expect(await performFulfilmentAction(db, p.actor, "consent", form({ ref: r.ref }), now)).toEqual({
      ok: false,
      error: "forbidden",
      fieldErrors: {},
    });
    expect(await performFulfilmentAction(db, otherAgent, "consent", form({ ref: r.ref }), now)).toMatchObject({ ok: false, error: "not_allowed" });
    expect(await performFulfilmentAction(db, agent, "cancellation", form({ ref: r.ref, confirm: "yes" }), now)).toMatchObject({
      ok: false,
      error: "not_for_type",
    });
    expect(await performFulfilmentAction(db, agent, "cancellation", form({ ref: r.ref }), now)).toMatchObject({
      ok: false,
      fieldErrors: { confirm: "confirmRequired" },
    });
    expect((await fulfilmentProgress(db, r.id)).done.size).toBe(0);
  });

  it("a correction with an undecided change, a rejection without reason, or a forged change index changes nothing, and says which change", async () => {
    const p = await newPatient();
    const a = await account(p);
    const [addr] = await db.select().from(addresses).where(eq(addresses.accountId, a.id));
    const r = await workOn(p, {
      type: "correction",
      corrections: [
        { field: "account.nickname", recordId: a.id, requested: "小鹿" },
        { field: "address.detail", recordId: addr!.id, requested: "新街道 2 号" },
      ],
      reason: "昵称和收货地址都要改",
    });
    const missing = await performFulfilmentAction(db, agent, "correction", form({ ref: r.ref, "decision.0": "approve", "reason.1": "" }), now);
    expect(missing).toMatchObject({ ok: false, fieldErrors: { "decisions.1.approve": "decisionRequired" } });
    const noReason = await performFulfilmentAction(
      db,
      agent,
      "correction",
      form({ ref: r.ref, "decision.0": "approve", "decision.1": "reject" }),
      now,
    );
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { "decisions.1.reason": "rejection_reason_required" } });
    const forged = await performFulfilmentAction(
      db,
      agent,
      "correction",
      form({ ref: r.ref, "decision.0": "approve", "decision.1": "approve", "decision.7": "approve" }),
      now,
    );
    expect(forged).toMatchObject({ ok: false, error: "not_requested", fieldErrors: { "decisions.2.approve": "not_requested" } });
    expect((await account(p)).nickname).toBe(a.nickname);

    const ok = await performFulfilmentAction(
      db,
      agent,
      "correction",
      form({ ref: r.ref, "decision.0": "approve", "decision.1": "reject", "reason.1": "无法核实该地址" }),
      now,
    );
    expect(ok).toMatchObject({ ok: true, message: "staff.fulfilment.done.correction" });
    expect((await account(p)).nickname).toBe("小鹿");
    const outcome = await fulfilmentOutcome(db, r);
    expect(outcome.corrections).toEqual([
      { field: "account.nickname", approved: true, after: "小鹿", reason: undefined },
      { field: "address.detail", approved: false, after: undefined, reason: "无法核实该地址" },
    ]);
    // Running it again changes nothing more.
    expect(
      await performFulfilmentAction(
        db,
        agent,
        "correction",
        form({ ref: r.ref, "decision.0": "reject", "reason.0": "x", "decision.1": "approve" }),
        now,
      ),
    ).toMatchObject({
      ok: true,
      message: "staff.fulfilment.already",
    });
    expect((await account(p)).nickname).toBe("小鹿");
  });
});

describe("deletion from the panel", () => {
  it("refuses deleting a category under a legal hold, then applies the plan; recipients are tracked until confirmed", async () => {
    const p = await newPatient();
    const a = await account(p);
    const r = await workOn(p, { type: "deletion", categories: ["prescriptions", "orders", "addresses"], ground: "no_longer_necessary" });
    const before = await db.select().from(prescriptions).where(eq(prescriptions.accountId, a.id));
    expect(before.length).toBeGreaterThan(0);

    const forced = await performFulfilmentAction(db, agent, "deletion", form({ ref: r.ref, confirm: "yes", forceDelete: ["prescriptions"] }), now);
    expect(forced).toMatchObject({ ok: false, error: "legal_hold" });
    expect(await db.select().from(prescriptions).where(eq(prescriptions.accountId, a.id))).toHaveLength(before.length);
    expect(
      await performFulfilmentAction(db, agent, "deletion", form({ ref: r.ref, confirm: "yes", forceDelete: ["not_a_category"] }), now),
    ).toMatchObject({ ok: false, fieldErrors: { "forceDelete.0": "invalidChoice" } });

    expect(await performFulfilmentAction(db, agent, "deletion", form({ ref: r.ref }), now)).toMatchObject({
      ok: false,
      fieldErrors: { confirm: "confirmRequired" },
    });
    expect(
      await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.requestId, r.id), eq(outbox.channel, "recipient_notice"))),
    ).toHaveLength(0);
    expect(await performFulfilmentAction(db, agent, "deletion", form({ ref: r.ref, confirm: "yes" }), now)).toMatchObject({
      ok: true,
      message: "staff.fulfilment.done.deletion",
    });
    const held = await db.select().from(prescriptions).where(eq(prescriptions.accountId, a.id));
    expect(held.every((p) => p.restrictedAt !== null && p.deletableAfter !== null)).toBe(true);

    const notices = await recipientNotices(db, r.id);
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((n) => n.confirmedAt === null)).toBe(true);
    const outcome = await fulfilmentOutcome(db, r);
    // What a retention period holds is restricted first; the rest is deleted (the portal files categories sorted).
    // The patient's orders are all younger than their 3 years from the transaction: held, none deleted.
    expect(outcome.deletion!.outcomes.map((o) => [o.category, o.outcome])).toEqual([
      ["prescriptions", "restricted"],
      ["addresses", "deleted"],
      ["orders", "restricted"],
    ]);
    expect(outcome.deletion!.recipients.map((x) => x.name)).toEqual(notices.map((n) => n.recipient));

    const first = notices[0]!;
    // Another agent may not record it; a notice of another request is not found; the assignee may.
    expect(await performFulfilmentAction(db, otherAgent, "confirm_recipient", form({ ref: r.ref, noticeId: String(first.id) }), now)).toMatchObject({
      ok: false,
    });
    const [otherNotice] = await db
      .insert(outbox)
      .values({ channel: "recipient_notice", recipient: "某药房", template: "deletion_notice", body: "x" })
      .returning();
    expect(await performFulfilmentAction(db, agent, "confirm_recipient", form({ ref: r.ref, noticeId: String(otherNotice!.id) }), now)).toMatchObject(
      { ok: false, error: "not_found" },
    );
    expect(
      await performFulfilmentAction(
        db,
        agent,
        "confirm_recipient",
        form({ ref: r.ref, noticeId: String(first.id), note: "电话确认，联系人王经理" }),
        now,
      ),
    ).toMatchObject({ ok: true });
    expect(await performFulfilmentAction(db, manager, "confirm_recipient", form({ ref: r.ref, noticeId: String(first.id) }), now)).toMatchObject({
      ok: true,
      message: "staff.fulfilment.alreadyConfirmed",
    });
    const [confirmation] = await db.select().from(recipientConfirmations).where(eq(recipientConfirmations.noticeId, first.id));
    expect(confirmation).toMatchObject({ confirmedBy: agent.id, note: "电话确认，联系人王经理" });
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "recipient.confirm"), eq(auditLog.entityId, String(first.id)))),
    ).toHaveLength(1);
    expect((await fulfilmentOutcome(db, r)).deletion!.recipients[0]!.confirmedAt).toEqual(now);

    // The queue finds the request until every recipient has confirmed.
    const bounds = slaBounds(await loadWorkingDayIndex(db), now);
    const awaiting = async () =>
      (await listQueue(db, agent, { ...DEFAULT_QUEUE_FILTERS, status: "all", recipients: true, q: r.ref }, bounds)).rows.map((x) => x.ref);
    expect(await awaiting()).toEqual([r.ref]);
    const awaitedBefore = await awaitedRecipientNotices(db);
    for (const n of notices.slice(1))
      await performFulfilmentAction(db, agent, "confirm_recipient", form({ ref: r.ref, noticeId: String(n.id) }), now);
    expect(await awaiting()).toEqual([]);
    expect(await awaitedRecipientNotices(db)).toBe(awaitedBefore - (notices.length - 1));
  });
});

describe("consent from the panel", () => {
  it("switches the withdrawn consents off; the patient sees the new state", async () => {
    const p = await newPatient();
    const a = await account(p);
    await db.update(consents).set({ granted: true }).where(eq(consents.accountId, a.id));
    const r = await workOn(p, { type: "consent", consents: ["marketing"] });
    expect(await performFulfilmentAction(db, agent, "consent", form({ ref: r.ref }), now)).toMatchObject({ ok: true });
    expect((await fulfilmentOutcome(db, r)).consents).toEqual([{ key: "marketing", granted: false, changedAt: now }]);
  });
});

describe("access: preview, release, download", () => {
  it("only the requester downloads a released package, through their link, until it expires; each download audited", async () => {
    const p = await newPatient();
    const phone = p.phone;
    const r = await workOn(p, { type: "access", categories: ["account", "orders"] });
    const requester = p.actor;
    const stranger = (await createPatient(db, { now: filed, records: false })).actor;
    expect(await performFulfilmentAction(db, agent, "release", form({ ref: r.ref }), now)).toMatchObject({
      ok: false,
      fieldErrors: { confirm: "confirmRequired" },
    });
    expect(await performFulfilmentAction(db, agent, "release", form({ ref: r.ref, confirm: "yes" }), now)).toMatchObject({
      ok: false,
      error: "not_prepared",
    });
    expect(await performFulfilmentAction(db, agent, "prepare", form({ ref: r.ref }), now)).toMatchObject({ ok: true });
    await buildQueuedPackage(db, r.id, now);
    const prepared = (await fulfilmentProgress(db, r.id)).done.get("access.prepare")!.result;
    const id = String(prepared.attachmentId);
    // Prepared but unreleased: not the requester's yet.
    await expect(openReleasedResult(db, requester, id, {}, now)).rejects.toMatchObject({ reason: "not_found" });

    expect(await performFulfilmentAction(db, agent, "release", form({ ref: r.ref, confirm: "yes" }), now)).toMatchObject({ ok: true });
    const [sms] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.requestId, r.id), eq(outbox.template, "result_ready")));
    expect(sms).toMatchObject({ channel: "sms", recipient: phone });
    // Downloadable for seven days from the release: the SMS gives the last whole day it works, in Shanghai.
    expect(sms!.body).toContain(`请于 ${shanghaiDate(daysFrom(now, 6))} 24:00 前`);
    const { getMyRequest } = await import("@/lib/requests/patient-view");
    const [result] = (await getMyRequest(db, requester, r.ref, now)).results;
    const link = new URL(result!.href, "http://x");
    const q = { expires: link.searchParams.get("expires"), sig: link.searchParams.get("sig") };
    const file = await openReleasedResult(db, requester, id, q, now);
    expect(Buffer.from(file.content).subarray(0, 2).toString()).toBe("PK");
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "result.download"), eq(auditLog.entityId, id))),
    ).toHaveLength(1);

    const refusal = async (p: Promise<unknown>) =>
      p.then(
        () => "opened",
        (e: unknown) => (e instanceof DownloadRefused ? e.reason : String(e)),
      );
    expect(await refusal(openReleasedResult(db, stranger, id, q, now))).toBe("not_found");
    expect(await refusal(openReleasedResult(db, agent, id, q, now))).toBe("not_found");
    expect(
      await refusal(openReleasedResult(db, requester, id, { ...q, sig: `${q.sig!.slice(0, -1)}${q.sig!.endsWith("A") ? "B" : "A"}` }, now)),
    ).toBe("invalid");
    expect(await refusal(openReleasedResult(db, requester, id, { ...q, expires: String(Number(q.expires) + 86_400) }, now))).toBe("invalid");
    expect(await refusal(openReleasedResult(db, requester, id, q, new Date(daysFrom(now, 7).getTime() + 1)))).toBe("expired");
    expect(await refusal(openReleasedResult(db, requester, "not-a-uuid", q, now))).toBe("not_found");
    // Refusals are not downloads.
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "result.download"), eq(auditLog.entityId, id))),
    ).toHaveLength(1);
  });
});

describe("declining a category from the panel", () => {
  it("takes a reason per category (an empty one: done as asked), refuses one not asked or not a reason; the patient reads each outcome once released", async () => {
    const r = await workOn(await newPatient(), { type: "access", categories: ["account", "orders"] });
    const withhold = (entries: { category: string; reason: string }[]) => ({ ref: r.ref, withhold: entries });
    expect(await performFulfilmentAction(db, agent, "prepare", withhold([{ category: "orders", reason: "because" }]), now)).toMatchObject({
      ok: false,
      fieldErrors: { "withhold.0.reason": "invalidChoice" },
    });
    expect(await performFulfilmentAction(db, agent, "prepare", withhold([{ category: "photos", reason: "impractical" }]), now)).toMatchObject({
      ok: false,
      error: "not_requested",
    });
    expect((await fulfilmentProgress(db, r.id)).done.size).toBe(0);
    const prepared = await performFulfilmentAction(
      db,
      agent,
      "prepare",
      withhold([
        { category: "account", reason: "" },
        { category: "orders", reason: "trade_secret" },
      ]),
      now,
    );
    expect(prepared).toMatchObject({ ok: true, message: "staff.fulfilment.done.prepare" });
    await buildQueuedPackage(db, r.id, now);
    // Not the requester's to read until released.
    expect((await fulfilmentOutcome(db, r)).access).toBeNull();
    expect(await performFulfilmentAction(db, agent, "release", form({ ref: r.ref, confirm: "yes" }), now)).toMatchObject({ ok: true });
    expect((await fulfilmentOutcome(db, r)).access!.outcomes.map((o) => [o.category, o.outcome, o.reason])).toEqual([
      ["account", "provided", undefined],
      ["orders", "refused", "trade_secret"],
    ]);
  });
});

describe("portability", () => {
  it("runs the same prepare and release steps as access", async () => {
    const r = await workOn(await newPatient(), { type: "portability", categories: ["orders"] });
    expect(await performFulfilmentAction(db, agent, "prepare", form({ ref: r.ref }), now)).toMatchObject({
      ok: true,
      message: "staff.fulfilment.done.prepare",
    });
    await buildQueuedPackage(db, r.id, now);
    expect(await performFulfilmentAction(db, agent, "release", form({ ref: r.ref, confirm: "yes" }), now)).toMatchObject({
      ok: true,
      message: "staff.fulfilment.done.release",
    });
    expect([...(await fulfilmentProgress(db, r.id)).done.keys()]).toEqual(["access.prepare", "access.release"]);
  });
});

describe("a failed step", () => {
  it("is shown with its reference until a later run of the same step succeeds", async () => {
    const r = await workOn(await newPatient(), { type: "consent", consents: ["marketing"] });
    await db.insert(requestEvents).values({
      requestId: r.id,
      kind: "fulfilment_step",
      actorId: agent.id,
      public: false,
      data: { step: "consent.apply", status: "failed", error: "boom", ref: "ERR-1" },
      occurredAt: now,
    });
    expect((await fulfilmentProgress(db, r.id)).failures).toMatchObject([{ step: "consent.apply", error: "boom", ref: "ERR-1" }]);
    expect(await performFulfilmentAction(db, agent, "consent", form({ ref: r.ref }), now)).toMatchObject({ ok: true });
    expect((await fulfilmentProgress(db, r.id)).failures).toEqual([]);
  });
});
