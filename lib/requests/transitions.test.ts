import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, messages, outbox, requestEvents, requests, requestVerifications, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { verifyAuditChain } from "@/lib/audit/verify";
import { NotFoundError } from "@/lib/errors";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { makeRequest, makeUser } from "@/test/fixtures";
import { applyTransition } from "./transitions";

let db: Db;
let cleanup: () => Promise<void>;
let patient: Actor, otherPatient: Actor, agent: Actor, otherAgent: Actor, manager: Actor;
beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  patient = await makeUser(db, "patient");
  otherPatient = await makeUser(db, "patient");
  agent = await makeUser(db, "agent");
  otherAgent = await makeUser(db, "agent");
  manager = await makeUser(db, "manager");
});
afterAll(() => cleanup());

/** Transitions at NOW (TEST_NOW) on requests filed the day before; the pause across National Day 2026 keeps its dates. */
const NOW = testNow();
const filed = { receivedAt: daysFrom(NOW, -1) };

describe("request transitions on the database", () => {
  it("two agents claiming at the same moment: exactly one wins, the other is told", async () => {
    const r = await makeRequest(db, patient, filed);
    const results = await Promise.all([
      applyTransition(db, agent, { ref: r.ref, version: r.version, action: { kind: "claim" } }, NOW),
      applyTransition(db, otherAgent, { ref: r.ref, version: r.version, action: { kind: "claim" } }, NOW),
    ]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    const [row] = await db.select().from(requests).where(eq(requests.id, r.id));
    expect([agent.id, otherAgent.id]).toContain(row!.assigneeId);
    // The loser is told who holds it now, by name, not just that the request changed.
    const winner = row!.assigneeId === agent.id ? agent : otherAgent;
    const [named] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, winner.id));
    expect(results.find((x) => !x.ok)).toEqual({ ok: false, error: "already_claimed", holder: named!.name });
    expect(row!.status).toBe("in_progress");
    expect(row!.version).toBe(1);
  });

  it("a claim on a request a colleague holds names the holder, whatever version was seen; a closed one is wrong_status", async () => {
    const holder = await makeUser(db, "agent", { displayName: "客服丙" });
    const r = await makeRequest(db, patient, filed);
    expect((await applyTransition(db, holder, { ref: r.ref, version: 0, action: { kind: "claim" } }, NOW)).ok).toBe(true);
    for (const version of [0, 1]) {
      expect(await applyTransition(db, agent, { ref: r.ref, version, action: { kind: "claim" } }, NOW)).toEqual({
        ok: false,
        error: "already_claimed",
        holder: "客服丙",
      });
    }
    // The holder claiming again (a second tab) is still told the request changed, not that they hold it.
    expect(await applyTransition(db, holder, { ref: r.ref, version: 0, action: { kind: "claim" } }, NOW)).toEqual({ ok: false, error: "stale" });
    const [row] = await db.select().from(requests).where(eq(requests.id, r.id));
    expect(row!.assigneeId).toBe(holder.id);
    expect(row!.version).toBe(1);
    const closed = await makeRequest(db, patient, { ...filed, extra: { status: "completed", closedAt: NOW, assigneeId: holder.id } });
    expect(await applyTransition(db, agent, { ref: closed.ref, version: 0, action: { kind: "claim" } }, NOW)).toEqual({
      ok: false,
      error: "wrong_status",
    });
  });

  it("refuses a write based on a version someone changed meanwhile, and writes nothing", async () => {
    const r = await makeRequest(db, patient, filed);
    await applyTransition(db, agent, { ref: r.ref, version: 0, action: { kind: "claim" } }, NOW);
    const stale = await applyTransition(
      db,
      agent,
      { ref: r.ref, version: 0, action: { kind: "pause", reason: "identity", message: "请上传证明" } },
      NOW,
    );
    expect(stale).toEqual({ ok: false, error: "stale" });
    const events = await db.select().from(requestEvents).where(eq(requestEvents.requestId, r.id));
    expect(events.map((e) => e.kind)).toEqual(["assigned", "status_changed"]);
  });

  it("a question pauses the clock, the patient's answer resumes it and moves the due date, all recorded", async () => {
    const r = await makeRequest(db, patient, { receivedAt: new Date("2026-09-28T02:00:00Z") }); // received Mon 28 Sep 2026, due 13 Oct
    await applyTransition(db, agent, { ref: r.ref, version: 0, action: { kind: "claim" } }, new Date("2026-09-28T03:00:00Z"));
    const paused = await applyTransition(
      db,
      agent,
      { ref: r.ref, version: 1, action: { kind: "pause", reason: "identity", message: "请上传监护关系证明" } },
      new Date("2026-09-29T03:00:00Z"),
    );
    expect(paused.ok && paused.request.status).toBe("awaiting_requester");
    const sms = await db.select().from(outbox).where(eq(outbox.requestId, r.id));
    expect(sms.map((m) => m.template)).toEqual(["request_paused", "request_paused"]);
    expect(sms.find((m) => m.channel === "sms")!.body).toContain(r.ref);

    const resumed = await applyTransition(
      db,
      patient,
      { ref: r.ref, version: 2, action: { kind: "resume", message: "已上传户口本" } },
      new Date("2026-10-09T02:00:00Z"),
    );
    expect(resumed.ok).toBe(true);
    if (!resumed.ok) return;
    expect(resumed.request).toMatchObject({ status: "in_progress", pausedWorkingDays: 3, dueDate: "2026-10-16", pausedAt: null });
    const events = await db.select().from(requestEvents).where(eq(requestEvents.requestId, r.id)).orderBy(requestEvents.id);
    expect(events.map((e) => e.kind)).toEqual([
      "assigned",
      "status_changed",
      "status_changed",
      "paused",
      "verification",
      "resumed",
      "status_changed",
    ]);
    // Asking for proof of identity made it unverified; the patient's answer alone does not verify it.
    expect(resumed.request.verificationStatus).toBe("pending");
    const record = await db.select().from(requestVerifications).where(eq(requestVerifications.requestId, r.id));
    expect(record).toMatchObject([{ method: "document_review", result: "more_needed", note: "请上传监护关系证明", decidedById: agent.id }]);
    const thread = await db.select().from(messages).where(eq(messages.requestId, r.id)).orderBy(messages.createdAt);
    expect(thread.map((m) => m.body)).toEqual(["请上传监护关系证明", "已上传户口本"]);
    expect(await db.select().from(auditLog).where(eq(auditLog.requestId, r.id))).toHaveLength(3);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("a patient cannot see or touch another patient's request: not found", async () => {
    const r = await makeRequest(db, patient, filed);
    await expect(applyTransition(db, otherPatient, { ref: r.ref, version: 0, action: { kind: "withdraw" } }, NOW)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(applyTransition(db, otherPatient, { ref: "DSR-2026-999999", version: 0, action: { kind: "withdraw" } }, NOW)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await applyTransition(db, patient, { ref: r.ref, version: 0, action: { kind: "withdraw" } }, NOW)).ok).toBe(true);
  });

  it("assignment only to staff, only by managers", async () => {
    const r = await makeRequest(db, patient, filed);
    expect(
      await applyTransition(db, manager, { ref: r.ref, version: 0, action: { kind: "assign", assignee: { id: patient.id, role: "agent" } } }, NOW),
    ).toEqual({
      ok: false,
      error: "assignee_not_staff",
    });
    expect(
      await applyTransition(db, agent, { ref: r.ref, version: 0, action: { kind: "assign", assignee: { id: otherAgent.id, role: "agent" } } }, NOW),
    ).toEqual({
      ok: false,
      error: "not_allowed",
    });
    const ok = await applyTransition(
      db,
      manager,
      { ref: r.ref, version: 0, action: { kind: "assign", assignee: { id: otherAgent.id, role: "agent" } } },
      NOW,
    );
    expect(ok.ok && ok.request.assigneeId).toBe(otherAgent.id);
    const [notice] = await db.select().from(outbox).where(eq(outbox.recipient, otherAgent.id));
    expect(notice!.body).toContain(r.ref);
  });
});
