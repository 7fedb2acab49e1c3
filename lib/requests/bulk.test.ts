import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, requests } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { makeRequest, makeUser } from "@/test/fixtures";
import { bulkAssign, bulkClaim } from "./bulk";

let db: Db;
let cleanup: () => Promise<void>;
let patient: Actor, agent: Actor, assignee: Actor, manager: Actor;
beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  patient = await makeUser(db, "patient");
  agent = await makeUser(db, "agent", { displayName: "王晓燕" });
  assignee = await makeUser(db, "agent", { displayName: "李新" });
  manager = await makeUser(db, "manager");
});
afterAll(() => cleanup());

const NOW = testNow();
const filed = { receivedAt: daysFrom(NOW, -1) };
const rowsOf = (refs: string[]) => db.select().from(requests).where(inArray(requests.ref, refs));

describe("bulk assign and bulk claim", () => {
  it("a manager bulk-assigns twenty while an agent claims one: each ends with one owner, the claim reported by name", async () => {
    const made = [];
    for (let i = 0; i < 20; i++) made.push(await makeRequest(db, patient, filed));
    const refs = made.map((r) => r.ref);
    const contested = refs[7]!;
    const [assigned, claimed] = await Promise.all([bulkAssign(db, manager, refs, assignee.id, NOW), bulkClaim(db, agent, [contested], NOW)]);
    expect(assigned.ok && claimed.ok).toBe(true);
    if (!assigned.ok || !claimed.ok) return;
    const rows = await rowsOf(refs);
    expect(rows).toHaveLength(20);
    for (const row of rows) expect(row.assigneeId).not.toBeNull();
    const contestedRow = rows.find((r) => r.ref === contested)!;
    const mine = assigned.results.find((r) => r.ref === contested)!;
    if (contestedRow.assigneeId === agent.id) {
      // The agent's claim won: the bulk assign did not overwrite it and names the agent.
      expect(claimed.results).toEqual([{ ref: contested, ok: true }]);
      expect(mine).toEqual({ ref: contested, ok: false, error: "claimed_by", holder: "王晓燕" });
      expect(assigned.results.filter((r) => r.ok)).toHaveLength(19);
    } else {
      // The assignment came first: the agent is told who holds it.
      expect(contestedRow.assigneeId).toBe(assignee.id);
      expect(mine).toEqual({ ref: contested, ok: true });
      expect(claimed.results).toEqual([{ ref: contested, ok: false, error: "claimed_by", holder: "李新" }]);
    }
    for (const row of rows.filter((r) => r.ref !== contested)) expect(row.assigneeId).toBe(assignee.id);
    // Each change wrote its own audit row, as one at a time: 20 in all, one per request.
    const audits = await db.select().from(auditLog).where(inArray(auditLog.entityId, refs));
    expect(audits).toHaveLength(20);
  });

  it("a request claimed before the bulk assign is reported by the holder's name and not overwritten", async () => {
    const a = await makeRequest(db, patient, filed);
    const b = await makeRequest(db, patient, filed);
    expect(await bulkClaim(db, agent, [a.ref], NOW)).toEqual({ ok: true, results: [{ ref: a.ref, ok: true }] });
    const result = await bulkAssign(db, manager, [a.ref, b.ref, "DSR-2026-999999"], assignee.id, NOW);
    expect(result).toEqual({
      ok: true,
      results: [
        { ref: a.ref, ok: false, error: "claimed_by", holder: "王晓燕" },
        { ref: b.ref, ok: true },
        { ref: "DSR-2026-999999", ok: false, error: "not_found" },
      ],
    });
    const [rowA] = await db.select().from(requests).where(eq(requests.id, a.id));
    expect(rowA!.assigneeId).toBe(agent.id);
  });

  it("a closed request is not claimed or assigned", async () => {
    const closed = await makeRequest(db, patient, { ...filed, extra: { status: "completed", closedAt: NOW } });
    expect(await bulkClaim(db, agent, [closed.ref], NOW)).toEqual({ ok: true, results: [{ ref: closed.ref, ok: false, error: "wrong_status" }] });
    expect(await bulkAssign(db, manager, [closed.ref], assignee.id, NOW)).toEqual({
      ok: true,
      results: [{ ref: closed.ref, ok: false, error: "wrong_status" }],
    });
  });

  it("refuses agents assigning, patients claiming, 51 refs and an unknown assignee, writing nothing", async () => {
    const r = await makeRequest(db, patient, filed);
    const before = (await db.select().from(auditLog)).length;
    expect(await bulkAssign(db, agent, [r.ref], assignee.id, NOW)).toMatchObject({ ok: false, error: "forbidden" });
    expect(await bulkClaim(db, patient, [r.ref], NOW)).toMatchObject({ ok: false, error: "forbidden" });
    expect(await bulkAssign(db, patient, [r.ref], assignee.id, NOW)).toMatchObject({ ok: false, error: "forbidden" });
    const many = Array.from({ length: 51 }, (_, i) => `DSR-2026-${String(900000 + i)}`);
    expect(await bulkAssign(db, manager, many, assignee.id, NOW)).toMatchObject({
      ok: false,
      error: "invalid_input",
      fieldErrors: { refs: "too_many" },
    });
    expect(await bulkClaim(db, agent, many, NOW)).toMatchObject({ ok: false, error: "invalid_input" });
    expect(await bulkAssign(db, manager, [r.ref], "00000000-0000-4000-8000-000000000000", NOW)).toMatchObject({
      ok: false,
      error: "assignee_not_staff",
    });
    expect(await bulkAssign(db, manager, [r.ref], patient.id, NOW)).toMatchObject({ ok: false, error: "assignee_not_staff" });
    expect(await bulkAssign(db, manager, [r.ref], "nope", NOW)).toMatchObject({ ok: false, error: "assignee_not_staff" });
    expect(await bulkClaim(db, agent, [], NOW)).toMatchObject({ ok: false, error: "invalid_input" });
    const [row] = await db.select().from(requests).where(eq(requests.id, r.id));
    expect(row!.assigneeId).toBeNull();
    expect(row!.version).toBe(0);
    expect((await db.select().from(auditLog)).length).toBe(before);
  });
});
