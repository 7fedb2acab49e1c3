import "server-only";
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { and, desc, eq, gt, gte, isNull, sql } from "drizzle-orm";
import type { Conn, Db } from "@/db/client";
import { otpCodes, signInFailures, users, type User } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { outboxSmsSender, type SmsSender } from "@/lib/sms/sender";
import { shanghaiDateOf, startOfShanghaiDay } from "@/lib/sla/shanghai";
import { redactSignInCodes } from "@/lib/sms/redact";
import { OTP_TTL_SECONDS } from "./otp-rules";

/** The limits of SMS sign-in, counted from rows in PostgreSQL so every app instance sees the same numbers. */
export const OTP_LIMITS = {
  ttlSeconds: OTP_TTL_SECONDS,
  maxAttempts: 5,
  resendAfterSeconds: 60,
  perPhonePerDay: 10,
  perIpPerHour: 30,
  failuresPerIpPerHour: 50,
} as const;

/** The per-address hourly limit; OTP_PER_IP_PER_HOUR raises it where many people share one address (tests, NAT). */
function perIpPerHour(): number {
  const configured = Number(process.env.OTP_PER_IP_PER_HOUR);
  return Number.isInteger(configured) && configured > 0 ? configured : OTP_LIMITS.perIpPerHour;
}

export type RequestCodeResult =
  | { ok: true; resendAfterSeconds: number }
  | { ok: false; error: "cooldown"; retryAfterSeconds: number }
  | { ok: false; error: "daily_limit" | "ip_limit" };

export type VerifyCodeResult =
  | { ok: true; user: User }
  | { ok: false; error: "invalid"; attemptsLeft: number }
  | { ok: false; error: "no_code" | "expired" | "too_many_attempts" | "ip_limit" };

function secret() {
  return process.env.NEXTAUTH_SECRET ?? "development-only-otp-secret-not-for-production";
}

export function hashCode(phone: string, code: string): string {
  return createHmac("sha256", secret()).update(`${phone}:${code}`).digest("hex");
}

async function lockPhone(tx: Conn, phone: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`otp:${phone}`}))`);
}

/** Issues a 6-digit code and queues the SMS, unless a limit says no. */
export async function requestCode(
  db: Db,
  input: { phone: string; ip: string; now: Date; locale: Locale },
  sender: SmsSender = outboxSmsSender,
): Promise<RequestCodeResult> {
  const { phone, ip, now } = input;
  return db.transaction(async (tx) => {
    await lockPhone(tx, phone);
    const [last] = await tx
      .select({ createdAt: otpCodes.createdAt })
      .from(otpCodes)
      .where(eq(otpCodes.phone, phone))
      .orderBy(desc(otpCodes.createdAt))
      .limit(1);
    if (last) {
      const waited = (now.getTime() - last.createdAt.getTime()) / 1000;
      if (waited < OTP_LIMITS.resendAfterSeconds) {
        return { ok: false, error: "cooldown", retryAfterSeconds: Math.ceil(OTP_LIMITS.resendAfterSeconds - waited) };
      }
    }
    const [today] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(otpCodes)
      .where(and(eq(otpCodes.phone, phone), gte(otpCodes.createdAt, startOfShanghaiDay(shanghaiDateOf(now)))));
    if ((today?.n ?? 0) >= OTP_LIMITS.perPhonePerDay) return { ok: false, error: "daily_limit" };
    const [fromIp] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(otpCodes)
      .where(and(eq(otpCodes.ip, ip), gt(otpCodes.createdAt, new Date(now.getTime() - 3600_000))));
    if ((fromIp?.n ?? 0) >= perIpPerHour()) return { ok: false, error: "ip_limit" };

    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    // A new code replaces the earlier ones.
    await tx
      .update(otpCodes)
      .set({ consumedAt: now })
      .where(and(eq(otpCodes.phone, phone), isNull(otpCodes.consumedAt)));
    await tx.insert(otpCodes).values({
      phone,
      ip,
      codeHash: hashCode(phone, code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + OTP_LIMITS.ttlSeconds * 1000),
    });
    await sender.send(tx, { phone, template: "otp", params: { code, minutes: String(OTP_LIMITS.ttlSeconds / 60) }, locale: input.locale, at: now });
    return { ok: true, resendAfterSeconds: OTP_LIMITS.resendAfterSeconds };
  });
}

/** Checks a code; on success returns the patient, creating the account for a phone seen for the first time. */
export async function verifyCode(db: Db, input: { phone: string; code: string; ip: string; now: Date; locale: Locale }): Promise<VerifyCodeResult> {
  const { phone, code, ip, now } = input;
  return db.transaction(async (tx) => {
    const [failures] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(signInFailures)
      .where(and(eq(signInFailures.ip, ip), gt(signInFailures.occurredAt, new Date(now.getTime() - 3600_000))));
    if ((failures?.n ?? 0) >= OTP_LIMITS.failuresPerIpPerHour) return { ok: false, error: "ip_limit" };

    await lockPhone(tx, phone);
    const [row] = await tx
      .select()
      .from(otpCodes)
      .where(and(eq(otpCodes.phone, phone), isNull(otpCodes.consumedAt)))
      .orderBy(desc(otpCodes.createdAt))
      .limit(1)
      .for("update");
    if (!row) return { ok: false, error: "no_code" };
    if (row.attempts >= OTP_LIMITS.maxAttempts) return { ok: false, error: "too_many_attempts" };
    if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, error: "expired" };

    const expected = Buffer.from(row.codeHash, "hex");
    const given = Buffer.from(hashCode(phone, code), "hex");
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      const attempts = row.attempts + 1;
      await tx.update(otpCodes).set({ attempts }).where(eq(otpCodes.id, row.id));
      await tx.insert(signInFailures).values({ ip, kind: "otp", occurredAt: now });
      if (attempts >= OTP_LIMITS.maxAttempts) return { ok: false, error: "too_many_attempts" };
      return { ok: false, error: "invalid", attemptsLeft: OTP_LIMITS.maxAttempts - attempts };
    }

    await tx.update(otpCodes).set({ consumedAt: now }).where(eq(otpCodes.id, row.id));
    await redactSignInCodes(tx, phone);
    const [existing] = await tx
      .select()
      .from(users)
      .where(and(eq(users.phone, phone), eq(users.role, "patient"), isNull(users.disabledAt)))
      .limit(1);
    if (existing) return { ok: true, user: existing };
    const [created] = await tx.insert(users).values({ role: "patient", phone, locale: input.locale, createdAt: now, updatedAt: now }).returning();
    return { ok: true, user: created! };
  });
}
