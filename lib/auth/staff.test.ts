import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { hashPassword } from "./password";
import { verifyStaffSignIn } from "./staff";
import { STAFF_THROTTLE } from "./staff-throttle";

let db: Db;
let cleanup: () => Promise<void>;
const email = "staff-test@xiaolu.example";
const password = "Correct-Horse-2026";
beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  await db.insert(users).values({ role: "agent", email, displayName: "测试客服", passwordHash: await hashPassword(password) });
  await db
    .insert(users)
    .values({ role: "patient", email: "patient@xiaolu.example", phone: "19920000000", passwordHash: await hashPassword(password) });
});
afterAll(() => cleanup());

const T0 = testNow();

describe("staff sign-in", () => {
  it("accepts the right password (email case-insensitive) and refuses a wrong one", async () => {
    const ok = await verifyStaffSignIn(db, { email: "Staff-Test@xiaolu.example", password, ip: "1.1.1.1", now: T0 });
    expect(ok.ok && ok.user.role).toBe("agent");
    expect(await verifyStaffSignIn(db, { email, password: "nope", ip: "1.1.1.1", now: T0 })).toEqual({ ok: false, error: "invalid" });
    expect(await verifyStaffSignIn(db, { email: "nobody@xiaolu.example", password, ip: "1.1.1.1", now: T0 })).toEqual({
      ok: false,
      error: "invalid",
    });
  });

  it("is not a way in for patients", async () => {
    expect(await verifyStaffSignIn(db, { email: "patient@xiaolu.example", password, ip: "1.1.1.1", now: T0 })).toEqual({
      ok: false,
      error: "invalid",
    });
  });

  it("after five failures from one place, growing waits; the right password gets in once the wait is over", async () => {
    const ip = "2.2.2.2";
    const sec = (n: number) => new Date(T0.getTime() + 3600_000 + n * 1000);
    for (let i = 0; i < STAFF_THROTTLE.pairFreeFailures; i++) {
      expect(await verifyStaffSignIn(db, { email, password: `wrong-${i}`, ip, now: sec(i) })).toEqual({ ok: false, error: "invalid" });
    }
    // The sixth try is held for 30 s after the fifth failure, whatever the password, and no password is checked.
    expect(await verifyStaffSignIn(db, { email, password, ip, now: sec(10) })).toEqual({ ok: false, error: "throttled", retryAfterSeconds: 24 });
    expect(await verifyStaffSignIn(db, { email, password: "wrong-again", ip, now: sec(35) })).toEqual({ ok: false, error: "invalid" });
    // One more failure: the wait doubles to a minute.
    expect(await verifyStaffSignIn(db, { email, password, ip, now: sec(60) })).toEqual({ ok: false, error: "throttled", retryAfterSeconds: 35 });
    expect((await verifyStaffSignIn(db, { email, password, ip, now: sec(96) })).ok).toBe(true);
    // A success starts the pair's count afresh.
    expect(await verifyStaffSignIn(db, { email, password: "typo", ip, now: sec(97) })).toEqual({ ok: false, error: "invalid" });
  });

  it("an unknown email meets exactly the same answers: nothing tells which emails exist", async () => {
    const ip = "3.3.3.3";
    const sec = (n: number) => new Date(T0.getTime() + 2 * 3600_000 + n * 1000);
    const answers = async (who: string) => {
      const out = [];
      for (let i = 0; i < STAFF_THROTTLE.pairFreeFailures + 1; i++)
        out.push(await verifyStaffSignIn(db, { email: who, password: `wrong-${i}`, ip: `${ip}-${who}`, now: sec(i) }));
      return out;
    };
    expect(await answers("nobody-here@xiaolu.example")).toEqual(await answers(email));
  });

  it("strangers guessing one account from many places do not keep its owner out of their usual address", async () => {
    const owner = "owner-test@xiaolu.example";
    await db.insert(users).values({ role: "agent", email: owner, displayName: "值班客服", passwordHash: await hashPassword(password) });
    const sec = (n: number) => new Date(T0.getTime() + 3 * 3600_000 + n * 1000);
    expect((await verifyStaffSignIn(db, { email: owner, password, ip: "10.1.1.1", now: sec(0) })).ok).toBe(true); // the office
    for (let i = 0; i < 30; i++) await verifyStaffSignIn(db, { email: owner, password: `guess-${i}`, ip: `203.0.113.${i}`, now: sec(1 + i) });
    // A new place is held back for this account now…
    expect(await verifyStaffSignIn(db, { email: owner, password, ip: "198.51.100.7", now: sec(31) })).toMatchObject({
      ok: false,
      error: "throttled",
    });
    // …but the owner's known address is not.
    expect((await verifyStaffSignIn(db, { email: owner, password, ip: "10.1.1.1", now: sec(32) })).ok).toBe(true);
  });
});
