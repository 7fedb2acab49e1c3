import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, messages, outbox, requestEvents, requests, users, type Request } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/result";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { computeDeadline, DEFAULT_SLA_POLICIES, shanghaiDateOf } from "@/lib/sla";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { bundledIndex, makeRequest, makeUser } from "@/test/fixtures";
import { assignedNotices } from "./notifications";
import { getMyRequest } from "./patient-view";
import type { StaffActionKind } from "./staff-action-schemas";
import { performStaffAction } from "./staff-actions";

let db: Db;
let cleanup: () => Promise<void>;
let patient: Actor, agent: Actor, otherAgent: Actor, manager: Actor;
beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  patient = await makeUser(db, "patient");
  agent = await makeUser(db, "agent");
  otherAgent = await makeUser(db, "agent");
  manager = await makeUser(db, "manager");
});
afterAll(() => cleanup());

/** Staff act at NOW (TEST_NOW) on requests filed the day before. */
const NOW = testNow();
const filed = (extra: Parameters<typeof makeRequest>[2] = {}) => makeRequest(db, patient, { receivedAt: daysFrom(NOW, -1), ...extra });
const act = (actor: Actor, kind: StaffActionKind, r: { ref: string }, fields: Record<string, unknown> = {}, now = NOW) =>
  performStaffAction(db, actor, kind, { ref: r.ref, ...fields }, now);
/** The field errors of a refusal (none for a success). */
const fieldErrors = (r: ActionResult<object>) => (r.ok ? {} : r.fieldErrors);
const reload = async (r: Request) => (await db.select().from(requests).where(eq(requests.id, r.id)))[0]!;
/** Everything a refused action must leave untouched. */
const footprint = async (r: Request) => ({
  version: (await reload(r)).version,
  events: (await db.select().from(requestEvents).where(eq(requestEvents.requestId, r.id))).length,
  messages: (await db.select().from(messages).where(eq(messages.requestId, r.id))).length,
  audit: (await db.select().from(auditLog).where(eq(auditLog.requestId, r.id))).length,
});
async function claimed(by = agent, extra: Parameters<typeof makeRequest>[2] = {}) {
  const r = await filed(extra);
  expect((await act(by, "claim", r, { version: 0 })).ok).toBe(true);
  return reload(r);
}

describe("staff actions on a request", () => {
  it("are for staff only: a patient calling them is refused before anything is read", async () => {
    const r = await filed();
    for (const kind of ["claim", "note", "reply", "refuse", "assign"] as const) {
      expect(await act(patient, kind, r, { version: 0, body: "x" })).toEqual({ ok: false, error: "forbidden", fieldErrors: {} });
    }
    expect(await footprint(r)).toEqual({ version: 0, events: 0, messages: 0, audit: 0 });
  });

  it("claim: two agents at the same moment, exactly one wins and the other is told who holds it", async () => {
    const r = await filed();
    const results = await Promise.all([act(agent, "claim", r, { version: 0 }), act(otherAgent, "claim", r, { version: 0 })]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    const winner = (await reload(r)).assigneeId === agent.id ? agent : otherAgent;
    const [named] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, winner.id));
    expect(results.find((x) => !x.ok)).toEqual({ ok: false, error: "claimed_by", fieldErrors: {}, params: { name: named!.name } });
    expect((await reload(r)).version).toBe(1);
  });

  it("a forged or missing version is refused as stale, a forged action or an unknown request cleanly", async () => {
    const r = await filed();
    expect(await act(agent, "claim", r, { version: "abc" })).toMatchObject({ ok: false, error: "stale" });
    expect(await act(agent, "claim", r, {})).toMatchObject({ ok: false, error: "stale" });
    expect(await act(agent, "claim", r, { version: 7 })).toMatchObject({ ok: false, error: "stale" });
    expect(await act(agent, "hack" as StaffActionKind, r, { version: 0 })).toMatchObject({ ok: false, error: "not_allowed" });
    expect(await act(agent, "claim", { ref: "DSR-2026-999999" }, { version: 0 })).toMatchObject({ ok: false, error: "not_found" });
    expect(await footprint(r)).toEqual({ version: 0, events: 0, messages: 0, audit: 0 });
  });

  it("a refusal needs a coded reason and a written explanation; without them nothing is written", async () => {
    const r = await claimed();
    const before = await footprint(r);
    const empty = await act(agent, "refuse", r, { version: r.version });
    expect(empty).toMatchObject({ ok: false, error: "invalid_input" });
    expect(fieldErrors(empty)).toEqual({ reason: "invalidChoice", explanation: "required" });
    const forged = await act(agent, "refuse", r, { version: r.version, reason: "because", explanation: "   " });
    expect(fieldErrors(forged)).toEqual({ reason: "invalidChoice", explanation: "required" });
    expect(await footprint(r)).toEqual(before);
  });

  it("staff text with NUL or a bidi override is refused at its field, nothing written, never a 500 (issue 15)", async () => {
    const r = await claimed();
    const before = await footprint(r);
    const nul = await act(agent, "reply", r, { body: "a\u0000b" });
    expect(nul).toMatchObject({ ok: false, error: "invalid_input", fieldErrors: { body: "invalid_characters" } });
    const bidi = await act(agent, "refuse", r, { version: r.version, reason: "impractical", explanation: "见附件\u202Eexe.pdf" });
    expect(fieldErrors(bidi)).toEqual({ explanation: "invalid_characters" });
    const note = await act(agent, "note", r, { body: "\u2066内部\u2069" });
    expect(fieldErrors(note)).toEqual({ body: "invalid_characters" });
    expect(await footprint(r)).toEqual(before);
    // Any script, emoji and markup stay allowed, as for patients.
    expect((await act(agent, "note", r, { body: "مرحبا 😀 <b>不是标记</b>" })).ok).toBe(true);
  });

  it("a refusal's reply names the reason and always tells the patient how to complain (§8.7, §12)", async () => {
    const r = await claimed();
    const res = await act(agent, "refuse", r, { version: r.version, reason: "trade_secret", explanation: "所涉算法参数属于商业秘密。" });
    expect(res).toMatchObject({ ok: true, message: "staff.done.refuse" });
    const row = await reload(r);
    expect(row).toMatchObject({ status: "refused", refusalReason: "trade_secret", refusalExplanation: "所涉算法参数属于商业秘密。" });
    const [reply] = await db.select().from(messages).where(eq(messages.requestId, r.id));
    expect(reply!.internal).toBe(false);
    expect(reply!.body).toContain("涉及商业秘密");
    expect(reply!.body).toContain("所涉算法参数属于商业秘密。");
    expect(reply!.body).toContain("如您不满意，还可以通过客服中心发起投诉");
    expect(reply!.body).toContain("400-606-6636");
    expect(reply!.body).toContain("青海省海东市平安区有管辖权的法院");
    // The hospital's own route (PIPL Art. 50, policy §12) first, then the regulators, then the court.
    const at = (s: string) => reply!.body.indexOf(s);
    expect(at("个人信息保护专职部门")).toBeGreaterThan(-1);
    expect(at("400-606-6636")).toBeLessThan(at("网信部门"));
    expect(at("网信部门")).toBeLessThan(at("卫生健康主管部门"));
    expect(at("卫生健康主管部门")).toBeLessThan(at("法院"));
    const sms = await db.select().from(outbox).where(eq(outbox.requestId, r.id));
    expect(sms.map((m) => m.template)).toContain("request_refused");
  });

  it("in English for a request filed in English", async () => {
    const r = await filed({ extra: { locale: "en" } });
    await act(agent, "claim", r, { version: 0 });
    expect((await act(agent, "refuse", r, { version: 1, reason: "impractical", explanation: "We cannot." })).ok).toBe(true);
    const [reply] = await db.select().from(messages).where(eq(messages.requestId, r.id));
    expect(reply!.body).toContain("400-606-6636");
    expect(reply!.body).toContain("If you are not satisfied");
    expect(reply!.body).toContain("cyberspace administration");
    expect(reply!.body).toContain("health administration");
  });

  it("assignment: managers only, to staff only (checked in the database), and the agent is notified", async () => {
    const r = await filed();
    expect(await act(agent, "assign", r, { version: 0, assigneeId: otherAgent.id })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await act(manager, "assign", r, { version: 0, assigneeId: patient.id })).toMatchObject({
      ok: false,
      fieldErrors: { assigneeId: "assignee_not_staff" },
    });
    expect(await act(manager, "assign", r, { version: 0, assigneeId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({
      ok: false,
      error: "assignee_not_staff",
    });
    expect(await act(manager, "assign", r, { version: 0, assigneeId: "not-a-uuid" })).toMatchObject({ fieldErrors: { assigneeId: "invalidChoice" } });
    expect(await footprint(r)).toEqual({ version: 0, events: 0, messages: 0, audit: 0 });

    expect(await act(manager, "assign", r, { version: 0, assigneeId: otherAgent.id }, NOW)).toMatchObject({ ok: true });
    const nextDay = daysFrom(NOW, 1);
    const seen = await assignedNotices(db, otherAgent, nextDay);
    expect(seen.notices.map((n) => n.ref)).toContain(r.ref);
    expect(seen.openAssigned).toBeGreaterThanOrEqual(1);
    expect((await assignedNotices(db, agent, nextDay)).notices.map((n) => n.ref)).not.toContain(r.ref);
    await expect(assignedNotices(db, patient, nextDay)).rejects.toBeInstanceOf(ForbiddenError);
    // Reassign: the other agent may no longer work it, the first one may.
    expect(await act(manager, "assign", r, { version: 1, assigneeId: agent.id })).toMatchObject({ ok: true });
    expect(await act(otherAgent, "pause", r, { version: 2, reason: "clarification", message: "?" })).toMatchObject({ error: "not_assignee" });
  });

  it("a fee must be an amount above 0 with a reason and how to pay; a valid quote pauses the clock and tells the patient", async () => {
    // A fee may only be quoted on a request flagged as a repeat (§8.7).
    const r = await claimed(agent, { extra: { isRepeat: true } });
    const before = await footprint(r);
    const payment = "在小鹿中医 App“我的订单”中支付";
    for (const amount of ["0", "-5", "abc", "1.234", "100001", "", "0.00"]) {
      const res = await act(agent, "quote_fee", r, { version: r.version, amount, reason: "重复申请", payment });
      expect(res.ok, amount).toBe(false);
      expect(fieldErrors(res).amount, amount).toMatch(/^(invalidAmount|required)$/);
    }
    expect(fieldErrors(await act(agent, "quote_fee", r, { version: r.version, amount: "30", reason: " ", payment }))).toEqual({ reason: "required" });
    expect(fieldErrors(await act(agent, "quote_fee", r, { version: r.version, amount: "30", reason: "重复申请" }))).toEqual({ payment: "required" });
    expect(await footprint(r)).toEqual(before);

    expect(await act(agent, "quote_fee", r, { version: r.version, amount: "30.5", reason: "12个月内第三次申请", payment })).toMatchObject({
      ok: true,
    });
    const row = await reload(r);
    expect(row).toMatchObject({
      status: "awaiting_requester",
      pauseReason: "fee",
      feeAmount: "30.50",
      feeStatus: "quoted",
      feeReason: "12个月内第三次申请",
    });
    const [msg] = await db.select().from(messages).where(eq(messages.requestId, r.id));
    expect(msg!.body).toContain("30.50");
    expect(msg!.body).toContain("12个月内第三次申请");
    expect(msg!.body).toContain(payment);
  });

  it("a pause needs a reason (identity or clarification) and a question; staff can resume it", async () => {
    const r = await claimed();
    expect(fieldErrors(await act(agent, "pause", r, { version: r.version, reason: "fee", message: "" }))).toEqual({
      reason: "invalidChoice",
      message: "required",
    });
    expect(await act(agent, "pause", r, { version: r.version, reason: "identity", message: "请上传身份证明" }, NOW)).toMatchObject({ ok: true });
    let row = await reload(r);
    expect(row).toMatchObject({ status: "awaiting_requester", pauseReason: "identity" });
    expect(await act(otherAgent, "resume", r, { version: row.version })).toMatchObject({ error: "not_assignee" });
    // Resumed ten days later: the deadline moves by the working days d with pause date < d ≤ resume date.
    const resumedAt = daysFrom(NOW, 10);
    expect(await act(agent, "resume", r, { version: row.version, message: "已电话核实" }, resumedAt)).toMatchObject({ ok: true });
    row = await reload(r);
    const extension = bundledIndex().workingDaysBetween(shanghaiDateOf(NOW), shanghaiDateOf(resumedAt));
    expect(extension).toBeGreaterThan(0);
    expect(row).toMatchObject({ status: "in_progress", pausedAt: null, pausedWorkingDays: extension });
    expect(row.dueDate).toBe(computeDeadline(r.receivedAt, DEFAULT_SLA_POLICIES[r.type], bundledIndex(), extension).dueDate);
  });

  it("completion needs an outcome and a reply; then it is closed and the patient told", async () => {
    const r = await claimed();
    expect(fieldErrors(await act(agent, "complete", r, { version: r.version, outcome: "done", reply: "" }))).toEqual({
      outcome: "invalidChoice",
      reply: "required",
    });
    expect(await act(otherAgent, "complete", r, { version: r.version, outcome: "fulfilled", reply: "已完成" })).toMatchObject({
      error: "not_assignee",
    });
    expect(await act(agent, "complete", r, { version: r.version, outcome: "partially_fulfilled", reply: "部分已删除" })).toMatchObject({ ok: true });
    expect(await reload(r)).toMatchObject({ status: "completed", outcome: "partially_fulfilled" });
    const detail = await getMyRequest(db, patient, r.ref, NOW);
    expect(detail.messages.map((m) => m.body)).toContain("部分已删除");
  });

  it("reopening: managers only, with a reason", async () => {
    const r = await claimed();
    await act(agent, "complete", r, { version: r.version, outcome: "fulfilled", reply: "已完成" });
    const closed = await reload(r);
    expect(await act(agent, "reopen", r, { version: closed.version, reason: "复核" })).toMatchObject({ error: "forbidden" });
    expect(fieldErrors(await act(manager, "reopen", r, { version: closed.version, reason: "" }))).toEqual({ reason: "required" });
    expect(await act(manager, "reopen", r, { version: closed.version, reason: "患者来电补充材料" })).toMatchObject({ ok: true });
    expect(await reload(r)).toMatchObject({ status: "in_progress", closedAt: null, outcome: null });
  });

  it("an internal note is never shown to the patient and does not change the version; a message is", async () => {
    const r = await claimed();
    expect(await act(agent, "note", r, { body: "内部：患者情绪激动，注意措辞" })).toMatchObject({ ok: true, message: "staff.done.note" });
    expect(await act(agent, "note", r, { body: "  " })).toMatchObject({ ok: false, fieldErrors: { body: "required" } });
    expect(await act(otherAgent, "reply", r, { body: "不是我的申请" })).toMatchObject({ ok: false, error: "not_assignee" });
    expect(await act(agent, "reply", r, { body: "您好，我们正在处理。" })).toMatchObject({ ok: true });
    expect((await reload(r)).version).toBe(r.version);

    const detail = await getMyRequest(db, patient, r.ref, NOW);
    expect(detail.messages.map((m) => m.body)).toEqual(["您好，我们正在处理。"]);
    expect(JSON.stringify(detail)).not.toContain("患者情绪激动");
    const events = await db.select().from(requestEvents).where(eq(requestEvents.requestId, r.id));
    expect(events.find((e) => e.kind === "note")!.public).toBe(false);
    expect(events.find((e) => e.kind === "message")!.public).toBe(true);
    const notices = await db.select().from(outbox).where(eq(outbox.requestId, r.id));
    expect(notices.filter((n) => n.template === "request_message" && n.recipient === patient.id)).toHaveLength(1);
    // …and an SMS tells them to look; the note sends none.
    expect(notices.filter((n) => n.channel === "sms" && n.template === "request_message").map((n) => n.recipient)).toEqual([patient.phone]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.requestId, r.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["request.note", "request.message"]));
  });

  it("leaves a valid audit chain behind", async () => {
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
