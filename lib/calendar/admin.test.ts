import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { ensureReferenceData } from "@/db/reference-data";
import { auditLog, calendarDays, calendarYears, requestEvents, requests, slaPolicies, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { verifyAuditChain } from "@/lib/audit/verify";
import { ForbiddenError } from "@/lib/errors";
import { computeDeadline, DEFAULT_SLA_POLICIES } from "@/lib/sla";
import { testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { importCalendarYear, updateSlaPolicies } from "./admin";
import { loadWorkingDayIndex } from "./queries";

let db: Db;
let cleanup: () => Promise<void>;
let admin: Actor;
let agent: Actor;
let requestId: string;
/** When the admin acts (TEST_NOW): an import recomputes the open requests it touches whatever the moment. */
const now = testNow();

// A year's notice as an admin would upload it (2027's real notice is not published yet: this one is made up,
// and moves the working days of the first week of January).
const notice2027 = {
  year: 2027,
  notice: "测试通知 2027",
  days: [
    { date: "2027-01-01", kind: "holiday", name: "元旦" },
    { date: "2027-01-02", kind: "holiday", name: "元旦" },
    { date: "2027-01-03", kind: "holiday", name: "元旦" },
    { date: "2027-01-04", kind: "holiday", name: "元旦" },
    { date: "2027-01-09", kind: "makeup_workday", name: "元旦" },
  ],
};

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  await ensureReferenceData(db);
  const [a] = await db.insert(users).values({ role: "admin", email: "a@x.example", displayName: "管理员" }).returning();
  const [g] = await db.insert(users).values({ role: "agent", email: "g@x.example", displayName: "客服" }).returning();
  const [p] = await db.insert(users).values({ role: "patient", phone: "19930000001" }).returning();
  admin = { id: a!.id, role: "admin", displayName: "管理员", phone: null, email: a!.email };
  agent = { id: g!.id, role: "agent", displayName: "客服", phone: null, email: g!.email };
  // Received on Monday 28 December 2026: its 7 working days run into 2027, whose notice is not loaded yet.
  const receivedAt = new Date("2026-12-28T02:00:00Z");
  const d = computeDeadline(receivedAt, DEFAULT_SLA_POLICIES.deletion, await loadWorkingDayIndex(db));
  const [r] = await db
    .insert(requests)
    .values({
      ref: "DSR-2026-900001",
      type: "deletion",
      requesterId: p!.id,
      subjectPhone: "19930000001",
      receivedAt,
      targetDate: d.targetDate,
      dueDate: d.dueDate,
      dueAt: d.dueAt,
      provisional: d.provisional,
    })
    .returning();
  requestId = r!.id;
});
afterAll(() => cleanup());

describe("calendar import", () => {
  it("only admins may import", async () => {
    await expect(importCalendarYear(db, agent, notice2027, { replace: false, now })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it.each([
    ["a date twice", { ...notice2027, days: [...notice2027.days, notice2027.days[0]] }, "duplicate_date"],
    ["a make-up day on a weekday", { ...notice2027, days: [{ date: "2027-01-06", kind: "makeup_workday", name: "元旦" }] }, "makeup_not_weekend"],
    ["a malformed date", { ...notice2027, days: [{ date: "2027-13-01", kind: "holiday", name: "元旦" }] }, "malformed_date"],
    ["an empty year", { ...notice2027, days: [] }, "empty_year"],
  ])("refuses %s and writes nothing", async (_, file, code) => {
    const result = await importCalendarYear(db, admin, file, { replace: false, now });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.code)).toContain(code);
    expect(await db.select().from(calendarDays).where(eq(calendarDays.year, 2027))).toHaveLength(0);
    expect(await db.select().from(calendarYears).where(eq(calendarYears.year, 2027))).toHaveLength(0);
    expect(await db.select().from(auditLog)).toHaveLength(0);
  });

  it("loads a new year, recomputes the provisional deadline that touched it, and audits the import", async () => {
    const [before] = await db.select().from(requests).where(eq(requests.id, requestId));
    expect(before!.provisional).toBe(true);
    // Fallback 2027: 1 Jan off; working days after Mon 28 Dec: 29, 30, 31 Dec, 4, 5, 6, 7 Jan → due Thu 7 Jan.
    expect(before!.dueDate).toBe("2027-01-07");

    const result = await importCalendarYear(db, admin, notice2027, { replace: false, now });
    expect(result).toEqual({ ok: true, year: 2027, days: 5, replaced: false, recomputed: 1 });

    const [after] = await db.select().from(requests).where(eq(requests.id, requestId));
    // With the notice: 29, 30, 31 Dec, 5, 6, 7, 8 Jan (4 Jan is now a day off) → due Fri 8 Jan, no longer provisional.
    expect(after!.provisional).toBe(false);
    expect(after!.dueDate).toBe("2027-01-08");
    expect(after!.version).toBe(before!.version + 1);
    const events = await db.select().from(requestEvents).where(eq(requestEvents.requestId, requestId));
    expect(events.map((e) => e.kind)).toEqual(["deadline_recomputed"]);
    expect((await loadWorkingDayIndex(db)).isLoadedYear(2027)).toBe(true);
    const audits = await db.select().from(auditLog);
    expect(audits.map((a) => a.action)).toEqual(["calendar.import"]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("refuses to overwrite a loaded year unless asked to correct it", async () => {
    const again = await importCalendarYear(db, admin, notice2027, { replace: false, now });
    expect(again).toEqual({ ok: false, errors: [{ code: "year_exists" }] });
    const corrected = { ...notice2027, notice: "测试通知 2027（更正）", days: notice2027.days.filter((d) => d.date !== "2027-01-04") };
    const result = await importCalendarYear(db, admin, corrected, { replace: true, now });
    expect(result).toMatchObject({ ok: true, replaced: true, days: 4, recomputed: 1 });
    const [after] = await db.select().from(requests).where(eq(requests.id, requestId));
    expect(after!.dueDate).toBe("2027-01-07");
    const [year] = await db.select().from(calendarYears).where(eq(calendarYears.year, 2027));
    expect(year!.notice).toBe("测试通知 2027（更正）");
  });
});

describe("response deadline policies", () => {
  it("admins change them with the change audited; others may not", async () => {
    await expect(updateSlaPolicies(db, agent, [{ type: "access", targetWorkingDays: 8, dueWorkingDays: 12 }], now)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const changed = await updateSlaPolicies(
      db,
      admin,
      [
        { type: "access", targetWorkingDays: 8, dueWorkingDays: 12 },
        { type: "complaint", targetWorkingDays: 10, dueWorkingDays: 15 },
      ],
      now,
    );
    expect(changed).toEqual({ ok: true, changed: 1 });
    const [row] = await db.select().from(slaPolicies).where(eq(slaPolicies.type, "access"));
    expect(row).toMatchObject({ targetWorkingDays: 8, dueWorkingDays: 12, updatedBy: admin.id });
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "sla_policy.update"));
    expect(audit!.data).toEqual({ before: { targetWorkingDays: 10, dueWorkingDays: 15 }, after: { targetWorkingDays: 8, dueWorkingDays: 12 } });
  });
});
