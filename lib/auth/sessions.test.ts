import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createPatient, createStaff } from "@/lib/testing/factories";
import { testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { sessions } from "@/db/schema";
import { inArray } from "drizzle-orm";
import { checkSession, endAllSessions, endSession, ENDED_SESSION_DAYS, IDLE_MINUTES, purgeEndedSessions, startSession } from "./sessions";

const now = testNow();
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
});
afterAll(() => cleanup());

describe("server-side sessions", () => {
  it("signing out ends the session on the server: the same token is refused afterwards", async () => {
    const patient = await createPatient(db, { now, records: false });
    const sid = await startSession(db, patient.actor.id, now);
    expect(await checkSession(db, sid, patient.actor.id, "patient", minutes(1))).toBe("active");
    await endSession(db, sid, minutes(2));
    expect(await checkSession(db, sid, patient.actor.id, "patient", minutes(3))).toBe("revoked");
  });

  it("staff idle out after 30 minutes, patients after 2 hours; each request keeps the session alive", async () => {
    const staff = await createStaff(db, "agent", { now });
    const sid = await startSession(db, staff.actor.id, now);
    expect(await checkSession(db, sid, staff.actor.id, "agent", minutes(IDLE_MINUTES.staff - 1))).toBe("active");
    // Seen at minute 29: still active 29 minutes later, idle 31 minutes later.
    expect(await checkSession(db, sid, staff.actor.id, "agent", minutes(2 * IDLE_MINUTES.staff - 2))).toBe("active");
    expect(await checkSession(db, sid, staff.actor.id, "agent", minutes(4 * IDLE_MINUTES.staff))).toBe("idle");

    const patient = await createPatient(db, { now, records: false });
    const psid = await startSession(db, patient.actor.id, now);
    expect(await checkSession(db, psid, patient.actor.id, "patient", minutes(IDLE_MINUTES.staff + 5))).toBe("active");
    expect(await checkSession(db, psid, patient.actor.id, "patient", minutes(IDLE_MINUTES.staff + 5 + IDLE_MINUTES.patient + 1))).toBe("idle");
  });

  it("sign out everywhere ends every session of that user and no one else's", async () => {
    const a = await createPatient(db, { now, records: false });
    const b = await createPatient(db, { now, records: false });
    const phone = await startSession(db, a.actor.id, now);
    const laptop = await startSession(db, a.actor.id, now);
    const other = await startSession(db, b.actor.id, now);
    expect(await endAllSessions(db, a.actor.id, minutes(1))).toBe(2);
    for (const sid of [phone, laptop]) expect(await checkSession(db, sid, a.actor.id, "patient", minutes(2))).toBe("revoked");
    expect(await checkSession(db, other, b.actor.id, "patient", minutes(2))).toBe("active");
  });

  it("a session id is good only for the user it was started for", async () => {
    const a = await createPatient(db, { now, records: false });
    const b = await createPatient(db, { now, records: false });
    const sid = await startSession(db, a.actor.id, now);
    expect(await checkSession(db, sid, b.actor.id, "patient", now)).toBe("unknown");
  });

  it("ended sessions are deleted 30 days after they ended; open ones and recently ended ones stay", async () => {
    const patient = await createPatient(db, { now, records: false });
    const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
    const signedOutLongAgo = await startSession(db, patient.actor.id, days(-40));
    await endSession(db, signedOutLongAgo, days(-35));
    const idleLongAgo = await startSession(db, patient.actor.id, days(-45));
    const signedOutRecently = await startSession(db, patient.actor.id, days(-10));
    await endSession(db, signedOutRecently, days(-10));
    const open = await startSession(db, patient.actor.id, days(0));
    const mine = [signedOutLongAgo, idleLongAgo, signedOutRecently, open];
    const left = async () => (await db.select({ id: sessions.id }).from(sessions).where(inArray(sessions.id, mine))).map((r) => r.id).sort();

    expect(await purgeEndedSessions(db, { apply: false, now })).toBeGreaterThanOrEqual(2);
    expect(await left()).toEqual([...mine].sort());
    expect(await purgeEndedSessions(db, { apply: true, now })).toBeGreaterThanOrEqual(2);
    expect(await left()).toEqual([signedOutRecently, open].sort());
    expect(ENDED_SESSION_DAYS).toBe(30);
  });
});
