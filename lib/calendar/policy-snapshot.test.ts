import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, requests, slaPolicies } from "@/db/schema";
import { performAction } from "@/lib/actions/perform";
import type { Actor } from "@/lib/auth/session";
import { REQUEST_TYPES } from "@/lib/domain";
import { computeDeadline, DEFAULT_SLA_POLICIES, pauseExtension } from "@/lib/sla";
import { createPatient, createStaff, fileRequest, step, type TestPatient } from "@/lib/testing/factories";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { importCalendarYear, updateSlaPolicies } from "./admin";
import { savePoliciesDefinition } from "./policy-action";
import { loadWorkingDayIndex } from "./queries";

/**
 * Each request keeps the deadline policy it was received under: a resume and a calendar import recompute its dates
 * with that snapshot, never with a policy an admin set later. And no deadline beyond the privacy policy's promise
 * (15 working days) without an explicit, audited override.
 */
let db: Db;
let cleanup: () => Promise<void>;
let admin: Actor;
let agent: Actor;
let patient: TestPatient;
const NOW = testNow();

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  admin = (await createStaff(db, "admin", { now: new Date("2026-01-05T02:00:00Z") })).actor;
  agent = (await createStaff(db, "agent", { now: new Date("2026-01-05T02:00:00Z") })).actor;
  patient = await createPatient(db, { now: new Date("2026-01-05T02:00:00Z") });
});
afterAll(() => cleanup());

const reload = async (ref: string) => (await db.select().from(requests).where(eq(requests.ref, ref)))[0]!;
const setPolicy = (type: "deletion" | "consent", targetWorkingDays: number, dueWorkingDays: number, at: Date) =>
  updateSlaPolicies(db, admin, [{ type, targetWorkingDays, dueWorkingDays }], at);

describe("a request's own deadline policy", () => {
  it("is written when it is filed, and a resume after the admin changed the policy uses it", async () => {
    const received = daysFrom(NOW, -20);
    const filed = await fileRequest(db, patient, { type: "consent", consents: ["marketing"] }, { now: received });
    expect(filed).toMatchObject({ policyTargetWorkingDays: 5, policyDueWorkingDays: 7 });
    await step(db, agent, filed.ref, { kind: "claim" }, received);
    const pausedAt = daysFrom(received, 1);
    await step(db, agent, filed.ref, { kind: "pause", reason: "clarification", message: "请说明要撤回哪些授权" }, pausedAt);

    // Meanwhile the admin shortens consent requests' deadlines: 3 / 4 working days for requests received from now.
    expect(await setPolicy("consent", 3, 4, daysFrom(received, 2))).toEqual({ ok: true, changed: 1 });

    const resumedAt = daysFrom(received, 9);
    const resumed = await step(db, agent, filed.ref, { kind: "resume" }, resumedAt);
    const index = await loadWorkingDayIndex(db);
    const paused = pauseExtension(pausedAt, resumedAt, index);
    expect(paused).toBeGreaterThan(0);
    const own = computeDeadline(filed.receivedAt, { targetWorkingDays: 5, dueWorkingDays: 7 }, index, paused);
    const later = computeDeadline(filed.receivedAt, { targetWorkingDays: 3, dueWorkingDays: 4 }, index, paused);
    expect(own.dueDate).not.toBe(later.dueDate);
    expect(resumed).toMatchObject({
      pausedWorkingDays: paused,
      targetDate: own.targetDate,
      dueDate: own.dueDate,
      policyTargetWorkingDays: 5,
      policyDueWorkingDays: 7,
    });

    // A request received after the change is filed under the new policy.
    const next = await fileRequest(db, patient, { type: "consent", consents: ["device_location"] }, { now: daysFrom(received, 3) });
    expect(next).toMatchObject({ policyTargetWorkingDays: 3, policyDueWorkingDays: 4 });
  });

  it("is the one a calendar import recomputes with", async () => {
    // Received on Monday 28 December 2026: its 7 working days run into 2027, whose notice is not loaded: provisional.
    const receivedAt = new Date("2026-12-28T02:00:00Z");
    const filed = await fileRequest(
      db,
      patient,
      { type: "deletion", categories: ["browsing_logs"], ground: "consent_withdrawn" },
      { now: receivedAt },
    );
    expect(filed).toMatchObject({ provisional: true, dueDate: "2027-01-07", policyTargetWorkingDays: 5, policyDueWorkingDays: 7 });
    // The admin then lengthens deletion deadlines to 10 / 12 working days.
    expect(await setPolicy("deletion", 10, 12, new Date("2026-12-29T02:00:00Z"))).toEqual({ ok: true, changed: 1 });

    const notice2027 = {
      year: 2027,
      notice: "测试通知 2027",
      days: [
        { date: "2027-01-01", kind: "holiday", name: "元旦" },
        { date: "2027-01-04", kind: "holiday", name: "元旦" },
        { date: "2027-01-09", kind: "makeup_workday", name: "元旦" },
      ],
    };
    const result = await importCalendarYear(db, admin, notice2027, { replace: false, now: new Date("2026-12-30T02:00:00Z") });
    expect(result).toMatchObject({ ok: true, year: 2027 });
    const after = await reload(filed.ref);
    const index = await loadWorkingDayIndex(db);
    // 29, 30, 31 Dec, 5, 6, 7, 8 Jan (4 Jan is now a day off) → due Fri 8 Jan — with the request's 7 days, not 12.
    expect(after).toMatchObject({ provisional: false, dueDate: "2027-01-08", policyDueWorkingDays: 7 });
    expect(after.dueDate).toBe(computeDeadline(receivedAt, { targetWorkingDays: 5, dueWorkingDays: 7 }, index).dueDate);
    expect(after.dueDate).not.toBe(computeDeadline(receivedAt, { targetWorkingDays: 10, dueWorkingDays: 12 }, index).dueDate);
  });
});

describe("the deadline an admin may set", () => {
  const form = (changes: Partial<Record<(typeof REQUEST_TYPES)[number], { target: number; due: number }>>, extra: Record<string, unknown> = {}) => ({
    ...Object.fromEntries(
      REQUEST_TYPES.map((t) => [t, changes[t] ?? { target: DEFAULT_SLA_POLICIES[t].targetWorkingDays, due: DEFAULT_SLA_POLICIES[t].dueWorkingDays }]),
    ),
    ...extra,
  });
  const save = (raw: unknown) => performAction(savePoliciesDefinition, admin, raw, { db, now: NOW, locale: "zh-CN" });
  const accessRow = async () => (await db.select().from(slaPolicies).where(eq(slaPolicies.type, "access")))[0];
  const audits = async () => (await db.select().from(auditLog).where(eq(auditLog.entity, "sla_policy"))).length;

  it("is at most the policy's published promise (15 working days) without an override; nothing is written", async () => {
    const before = { row: await accessRow(), audits: await audits() };
    expect(await save(form({ access: { target: 10, due: 20 } }))).toEqual({
      ok: false,
      error: "invalid_input",
      fieldErrors: { "access.due": "policy_over_promise" },
    });
    // Ticked, but no reason: still nothing.
    expect(await save(form({ access: { target: 10, due: 20 } }, { override: "on", overrideReason: "  " }))).toEqual({
      ok: false,
      error: "invalid_input",
      fieldErrors: { overrideReason: "required" },
    });
    // The domain refuses it too, whoever calls it.
    expect(await updateSlaPolicies(db, admin, [{ type: "access", targetWorkingDays: 10, dueWorkingDays: 20 }], NOW)).toEqual({
      ok: false,
      error: "policy_over_promise",
      types: ["access"],
    });
    expect({ row: await accessRow(), audits: await audits() }).toEqual(before);
    // 15 itself is the promise, and needs no override.
    expect(await save(form({ access: { target: 10, due: 15 } }))).toMatchObject({ ok: true });
  });

  it("beyond the promise with the override ticked and a reason: saved, and the override with its reason audited", async () => {
    const reason = "春节期间人员不足，经法务确认临时延长";
    expect(await save(form({ access: { target: 12, due: 20 } }, { override: true, overrideReason: reason }))).toEqual({ ok: true, changed: 1 });
    expect(await accessRow()).toMatchObject({ targetWorkingDays: 12, dueWorkingDays: 20, updatedBy: admin.id });
    const [row] = await db.select().from(auditLog).where(eq(auditLog.action, "sla_policy.override"));
    expect(row).toMatchObject({ actorId: admin.id, entity: "sla_policy", entityId: "access" });
    expect(row!.data).toMatchObject({ after: { targetWorkingDays: 12, dueWorkingDays: 20 }, override: { promiseWorkingDays: 15, reason } });
    // The hard ceiling stays: 61 working days is out of range whatever the override.
    expect(await save(form({ access: { target: 12, due: 61 } }, { override: true, overrideReason: reason }))).toMatchObject({
      ok: false,
      fieldErrors: { "access.due": "policy_range" },
    });
  });
});
