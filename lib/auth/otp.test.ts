import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { otpCodes, outbox, users } from "@/db/schema";
import { addCalendarDays, endOfShanghaiDay, shanghaiDateOf, startOfShanghaiDay } from "@/lib/sla";
import { testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { redactExpiredSignInCodes } from "@/lib/sms/redact";
import { OTP_LIMITS, requestCode, verifyCode } from "./otp";

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
});
afterAll(() => cleanup());

let seq = 0;
const newPhone = () => `1992${String(Date.now() % 1_000_000).padStart(6, "0")}${seq++ % 10}`;
const T0 = testNow();
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** The code as the patient reads it: from the newest SMS to their phone. */
async function latestCode(phone: string): Promise<string> {
  const [sms] = await db.select().from(outbox).where(eq(outbox.recipient, phone)).orderBy(desc(outbox.id)).limit(1);
  return sms!.body.match(/(\d{6})/)![1]!;
}

const base = { ip: "10.0.0.1", locale: "zh-CN" as const };

describe("SMS sign-in codes", () => {
  it("signs in with the code sent through the outbox, creating the patient once", async () => {
    const phone = newPhone();
    expect(await requestCode(db, { ...base, phone, now: T0 })).toEqual({ ok: true, resendAfterSeconds: 60 });
    const code = await latestCode(phone);
    const first = await verifyCode(db, { ...base, phone, code, now: at(10) });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.user.role).toBe("patient");
    expect(first.user.phone).toBe(phone);

    await requestCode(db, { ...base, phone, now: at(100) });
    const again = await verifyCode(db, { ...base, phone, code: await latestCode(phone), now: at(110) });
    expect(again.ok && again.user.id).toBe(first.user.id);
    expect(await db.select().from(users).where(eq(users.phone, phone))).toHaveLength(1);
  });

  it("the stored text message loses its code once the code is used, or once it expired unused", async () => {
    const used = newPhone();
    await requestCode(db, { ...base, phone: used, now: T0 });
    const code = await latestCode(used);
    expect((await verifyCode(db, { ...base, phone: used, code, now: at(5) })).ok).toBe(true);
    const sent = await db.select().from(outbox).where(eq(outbox.recipient, used));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).not.toContain(code);
    expect(sent[0]!.body).not.toMatch(/\d{6}/);

    const unused = newPhone();
    await requestCode(db, { ...base, phone: unused, now: T0 });
    const pending = await latestCode(unused);
    // Still valid: the patient may still read it.
    await redactExpiredSignInCodes(db, at(OTP_LIMITS.ttlSeconds - 1), OTP_LIMITS.ttlSeconds);
    expect(await latestCode(unused)).toBe(pending);
    await redactExpiredSignInCodes(db, at(OTP_LIMITS.ttlSeconds + 1), OTP_LIMITS.ttlSeconds);
    const [expired] = await db.select().from(outbox).where(eq(outbox.recipient, unused));
    expect(expired!.body).not.toContain(pending);
  });

  it("stores only a hash of the code, and a used code cannot be used again", async () => {
    const phone = newPhone();
    await requestCode(db, { ...base, phone, now: T0 });
    const code = await latestCode(phone);
    const [row] = await db.select().from(otpCodes).where(eq(otpCodes.phone, phone));
    expect(row!.codeHash).not.toContain(code);
    expect(row!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyCode(db, { ...base, phone, code, now: at(5) })).ok).toBe(true);
    expect(await verifyCode(db, { ...base, phone, code, now: at(6) })).toEqual({ ok: false, error: "no_code" });
  });

  it("expires after five minutes", async () => {
    const phone = newPhone();
    await requestCode(db, { ...base, phone, now: T0 });
    const code = await latestCode(phone);
    expect(await verifyCode(db, { ...base, phone, code, now: at(OTP_LIMITS.ttlSeconds) })).toEqual({ ok: false, error: "expired" });
  });

  it("dies after five wrong tries, even for the right code", async () => {
    const phone = newPhone();
    await requestCode(db, { ...base, phone, now: T0 });
    const code = await latestCode(phone);
    const wrong = code === "000000" ? "999999" : "000000";
    for (let left = 4; left >= 1; left--) {
      expect(await verifyCode(db, { ...base, phone, code: wrong, now: at(1) })).toEqual({ ok: false, error: "invalid", attemptsLeft: left });
    }
    expect(await verifyCode(db, { ...base, phone, code: wrong, now: at(2) })).toEqual({ ok: false, error: "too_many_attempts" });
    expect(await verifyCode(db, { ...base, phone, code, now: at(3) })).toEqual({ ok: false, error: "too_many_attempts" });
    expect(await db.select().from(users).where(eq(users.phone, phone))).toHaveLength(0);
  });

  it("makes a new code wait 60 seconds, and the new code replaces the old one", async () => {
    const phone = newPhone();
    await requestCode(db, { ...base, phone, now: T0 });
    const old = await latestCode(phone);
    expect(await requestCode(db, { ...base, phone, now: at(45) })).toEqual({ ok: false, error: "cooldown", retryAfterSeconds: 15 });
    expect((await requestCode(db, { ...base, phone, now: at(60) })).ok).toBe(true);
    const fresh = await latestCode(phone);
    if (fresh !== old) {
      expect((await verifyCode(db, { ...base, phone, code: old, now: at(61) })).ok).toBe(false);
    }
    expect((await verifyCode(db, { ...base, phone, code: fresh, now: at(62) })).ok).toBe(true);
  });

  it("allows at most ten codes per phone per Shanghai day", async () => {
    const phone = newPhone();
    // Ten codes a minute apart on T0's Shanghai day (early enough that all eleven tries fall on it), the eleventh
    // refused, allowed again just after midnight Shanghai.
    const day = shanghaiDateOf(T0);
    const start = Math.min(T0.getTime(), endOfShanghaiDay(day).getTime() - 15 * 60_000);
    const tryAt = (seconds: number) => new Date(start + seconds * 1000);
    for (let i = 0; i < OTP_LIMITS.perPhonePerDay; i++) {
      expect((await requestCode(db, { ...base, ip: `10.1.0.${i}`, phone, now: tryAt(i * 61) })).ok).toBe(true);
    }
    expect(await requestCode(db, { ...base, ip: "10.1.1.1", phone, now: tryAt(11 * 61) })).toEqual({ ok: false, error: "daily_limit" });
    const nextShanghaiDay = new Date(startOfShanghaiDay(addCalendarDays(day, 1)).getTime() + 30_000); // 00:00:30 the next day
    expect(await requestCode(db, { ...base, ip: "10.1.1.3", phone, now: new Date(nextShanghaiDay.getTime() - 60_000) })).toEqual({
      ok: false,
      error: "daily_limit",
    });
    expect((await requestCode(db, { ...base, ip: "10.1.1.2", phone, now: nextShanghaiDay })).ok).toBe(true);
  });

  it("limits codes per client address per hour", async () => {
    const ip = "10.9.9.9";
    for (let i = 0; i < OTP_LIMITS.perIpPerHour; i++) {
      expect((await requestCode(db, { ...base, ip, phone: newPhone(), now: at(i) })).ok).toBe(true);
    }
    expect(await requestCode(db, { ...base, ip, phone: newPhone(), now: at(40) })).toEqual({ ok: false, error: "ip_limit" });
    expect((await requestCode(db, { ...base, ip, phone: newPhone(), now: at(3601) })).ok).toBe(true);
  });

  it("issues one code when the same phone asks twice at the same moment", async () => {
    const phone = newPhone();
    const results = await Promise.all([requestCode(db, { ...base, phone, now: T0 }), requestCode(db, { ...base, phone, now: T0 })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.select().from(otpCodes).where(eq(otpCodes.phone, phone))).toHaveLength(1);
  });
});
