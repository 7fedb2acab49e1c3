import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, messages, requestEvents, requests, type Request } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { loadDashboard } from "@/lib/dashboard/queries";
import { shanghaiDateOf } from "@/lib/sla";
import { createPatient, createStaff, fileRequest, step, type TestPatient } from "@/lib/testing/factories";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { answerFee } from "./patient-actions";
import { getMyRequest } from "./patient-view";
import { performStaffAction } from "./staff-actions";

/**
 * Fees by the policy (§8.7): only on a request flagged as a repeat, with amount, reason and how to pay; accepting
 * is the payment step; declining ends the request as refused (`repeat_fee_declined`) with the written explanation
 * of PIPL Art. 50 and the complaint route, and the dashboard counts it as a refusal.
 */
let db: Db;
let cleanup: () => Promise<void>;
let agent: Actor;
let manager: Actor;
const NOW = testNow();
const PAYMENT = "在小鹿中医 App“我的 › 订单”中支付，或致电 400-606-6636 由客服协助。";

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  agent = (await createStaff(db, "agent", { now: daysFrom(NOW, -60) })).actor;
  manager = (await createStaff(db, "manager", { now: daysFrom(NOW, -60) })).actor;
});
afterAll(() => cleanup());

const reload = async (ref: string) => (await db.select().from(requests).where(eq(requests.ref, ref)))[0]!;
const footprint = async (r: Request) => ({
  version: (await reload(r.ref)).version,
  events: (await db.select().from(requestEvents).where(eq(requestEvents.requestId, r.id))).length,
  messages: (await db.select().from(messages).where(eq(messages.requestId, r.id))).length,
  audit: (await db.select().from(auditLog).where(eq(auditLog.requestId, r.id))).length,
});

/** A patient's second access request within 12 months (flagged as a repeat), claimed by the agent. */
async function repeatRequest(patient?: TestPatient): Promise<{ patient: TestPatient; request: Request }> {
  const p = patient ?? (await createPatient(db, { now: daysFrom(NOW, -60) }));
  await fileRequest(db, p, { type: "access", categories: ["account"] }, { now: daysFrom(NOW, -40) });
  const second = await fileRequest(db, p, { type: "access", categories: ["orders"] }, { now: daysFrom(NOW, -3) });
  expect(second.isRepeat).toBe(true);
  return { patient: p, request: await step(db, agent, second.ref, { kind: "claim" }, daysFrom(NOW, -3)) };
}

async function quote(r: Request, at: Date) {
  return performStaffAction(
    db,
    agent,
    "quote_fee",
    { ref: r.ref, version: r.version, amount: "30", reason: "12 个月内第二次申请副本", payment: PAYMENT },
    at,
  );
}

describe("a fee by the policy", () => {
  it("is refused on a request that is not a repeat — a first request, a complaint, a consent withdrawal — and nothing is written", async () => {
    const p = await createPatient(db, { now: daysFrom(NOW, -60) });
    const inputs = [
      { type: "access", categories: ["account"] },
      { type: "complaint", description: "客服回复太慢" },
      { type: "consent", consents: ["marketing"] },
    ];
    for (const input of inputs) {
      const filed = await fileRequest(db, p, input, { now: daysFrom(NOW, -2) });
      expect(filed.isRepeat).toBe(false);
      const r = await step(db, agent, filed.ref, { kind: "claim" }, daysFrom(NOW, -2));
      const before = await footprint(r);
      expect(await quote(r, daysFrom(NOW, -1))).toEqual({ ok: false, error: "fee_not_repeat", fieldErrors: {} });
      expect(await footprint(r)).toEqual(before);
      expect(await reload(r.ref)).toMatchObject({ status: "in_progress", feeAmount: null, feeStatus: null, pausedAt: null });
    }
  });

  it("on a repeat shows the patient amount, reason and how to pay; accepting records the payment step", async () => {
    const { patient, request } = await repeatRequest();
    expect(await quote(request, daysFrom(NOW, -2))).toMatchObject({ ok: true });
    const quoted = await getMyRequest(db, patient.actor, request.ref, NOW);
    expect(quoted.request).toMatchObject({
      status: "awaiting_requester",
      feeAmount: "30.00",
      feeReason: "12 个月内第二次申请副本",
      feePayment: PAYMENT,
    });
    expect(quoted.messages.at(-1)!.body).toContain(PAYMENT);

    const r = await reload(request.ref);
    expect(await answerFee(db, patient.actor, { ref: r.ref, version: r.version, accept: true }, daysFrom(NOW, -1))).toEqual({ ok: true });
    const after = await reload(r.ref);
    expect(after).toMatchObject({ status: "in_progress", feeStatus: "accepted", feePayment: PAYMENT, pausedAt: null });
    // The payment step, on the request's history that staff read (and the patient's, as their acceptance).
    const events = await db.select().from(requestEvents).where(eq(requestEvents.requestId, r.id));
    expect(events.find((e) => e.kind === "fee_answered")).toMatchObject({ public: true, data: { accepted: true, step: "payment" } });
    // The patient keeps seeing how to pay while the request goes on.
    expect((await getMyRequest(db, patient.actor, r.ref, NOW)).request).toMatchObject({ feeStatus: "accepted", feePayment: PAYMENT });
  });

  it("declined ends the request as refused (repeat_fee_declined) with the PIPL 50 explanation and the complaint route, counted as a refusal", async () => {
    const period = { from: shanghaiDateOf(daysFrom(NOW, -5)), to: shanghaiDateOf(NOW), type: null };
    const index = await loadWorkingDayIndex(db);
    const before = await loadDashboard(db, manager, period, NOW, index);

    const { patient, request } = await repeatRequest();
    expect(await quote(request, daysFrom(NOW, -2))).toMatchObject({ ok: true });
    const r = await reload(request.ref);
    expect(await answerFee(db, patient.actor, { ref: r.ref, version: r.version, accept: false }, daysFrom(NOW, -1))).toEqual({ ok: true });

    const closed = await reload(r.ref);
    expect(closed).toMatchObject({ status: "refused", outcome: null, feeStatus: "declined", refusalReason: "repeat_fee_declined", pausedAt: null });
    expect(closed.refusalExplanation).toContain("第五十条");
    const events = await db.select().from(requestEvents).where(eq(requestEvents.requestId, r.id));
    expect(events.find((e) => e.kind === "status_changed" && e.toStatus === "refused")).toMatchObject({
      reason: "repeat_fee_declined",
      public: true,
    });
    expect(events.some((e) => e.toStatus === "withdrawn")).toBe(false);

    // The patient's text: the reason, the explanation and how to complain — from the hospital, not from themselves.
    const view = await getMyRequest(db, patient.actor, r.ref, NOW);
    expect(view.request).toMatchObject({ status: "refused", refusalReason: "repeat_fee_declined" });
    const letter = view.messages.at(-1)!;
    expect(letter.fromMe).toBe(false);
    expect(letter.body).toContain("拒绝理由：重复请求的成本费用未被接受");
    expect(letter.body).toContain("《个人信息保护法》第五十条");
    expect(letter.body).toContain("400-606-6636");

    // The manager's dashboard: one more refusal with its reason; not withdrawn, not fulfilled.
    const after = await loadDashboard(db, manager, period, NOW, index);
    expect(after.totals.refused - before.totals.refused).toBe(1);
    expect(after.totals.withdrawn - before.totals.withdrawn).toBe(0);
    expect(after.totals.fulfilled - before.totals.fulfilled).toBe(0);
    expect(after.totals.partiallyFulfilled - before.totals.partiallyFulfilled).toBe(0);
    const declined = (d: typeof after) => d.refusals.find((x) => x.reason === "repeat_fee_declined")?.refused ?? 0;
    expect(declined(after) - declined(before)).toBe(1);
  });

  it("a staff refusal cannot claim the patient declined a fee", async () => {
    const { request } = await repeatRequest();
    const res = await performStaffAction(
      db,
      agent,
      "refuse",
      { ref: request.ref, version: request.version, reason: "repeat_fee_declined", explanation: "……" },
      daysFrom(NOW, -1),
    );
    expect(res).toMatchObject({ ok: false, fieldErrors: { reason: "invalidChoice" } });
    expect((await reload(request.ref)).status).toBe("in_progress");
  });
});
