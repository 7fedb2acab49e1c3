import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { hashPassword } from "./password";
import { STAFF_LOCK, verifyStaffSignIn } from "./staff";

let db: Db;
let cleanup: () => Promise<void>;
const email = "staff-test@xiaolu.example";
const password = "Correct-Horse-2026";
beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  await db.insert(users).values({ role: "agent", email, displayName: "测试客服", passwordHash: await hashPassword(password) });
  await db.insert(users).values({ role: "patient", email: "patient@xiaolu.example", phone: "19920000000", passwordHash: await hashPassword(password) });
});
afterAll(() => cleanup());

const T0 = testNow();
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe("staff sign-in", () => {
  it("accepts the right password (email case-insensitive) and refuses a wrong one", async () => {
    const ok = await verifyStaffSignIn(db, { email: "Staff-Test@xiaolu.example", password, ip: "1.1.1.1", now: T0 });
    expect(ok.ok && ok.user.role).toBe("agent");
    expect(await verifyStaffSignIn(db, { email, password: "nope", ip: "1.1.1.1", now: T0 })).toEqual({ ok: false, error: "invalid" });
    expect(await verifyStaffSignIn(db, { email: "nobody@xiaolu.example", password, ip: "1.1.1.1", now: T0 })).toEqual({ ok: false, error: "invalid" });
  });

  it("is not a way in for patients", async () => {
    expect(await verifyStaffSignIn(db, { email: "patient@xiaolu.example", password, ip: "1.1.1.1", now: T0 })).toEqual({ ok: false, error: "invalid" });
  });

  it("locks for fifteen minutes after ten failures, then lets the right password in", async () => {
    await verifyStaffSignIn(db, { email, password, ip: "1.1.1.1", now: T0 }); // resets the count
    for (let i = 1; i < STAFF_LOCK.maxFailures; i++) {
      expect(await verifyStaffSignIn(db, { email, password: `wrong-${i}`, ip: "1.1.1.1", now: at(0) })).toEqual({ ok: false, error: "invalid" });
    }
    expect(await verifyStaffSignIn(db, { email, password: "wrong-10", ip: "1.1.1.1", now: at(0) })).toEqual({ ok: false, error: "locked", minutesLeft: 15 });
    expect(await verifyStaffSignIn(db, { email, password, ip: "1.1.1.1", now: at(5) })).toEqual({ ok: false, error: "locked", minutesLeft: 10 });
    const after = await verifyStaffSignIn(db, { email, password, ip: "1.1.1.1", now: at(15) });
    expect(after.ok).toBe(true);
    const [row] = await db.select().from(users).where(eq(users.email, email));
    expect(row!.failedLogins).toBe(0);
    expect(row!.lockedUntil).toBeNull();
  });
});
