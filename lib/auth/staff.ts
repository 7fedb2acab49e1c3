import "server-only";
import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { staffSignInAttempts, users, type User } from "@/db/schema";
import { STAFF_ROLES } from "@/lib/policy";
import { hashPassword, verifyPassword } from "./password";
import { STAFF_THROTTLE, staffSignInWait } from "./staff-throttle";

export type StaffSignInResult =
  { ok: true; user: User } | { ok: false; error: "invalid" } | { ok: false; error: "throttled"; retryAfterSeconds: number };

let dummyHash: Promise<string> | undefined;

/**
 * Email and password for staff, behind the throttles of lib/auth/staff-throttle.ts: a wait that is due answers
 * the same for every email (nothing is learnt about which exist), and no password is checked meanwhile. Each
 * attempt is recorded, apart from the patients' SMS counters.
 */
export async function verifyStaffSignIn(db: Db, input: { email: string; password: string; ip: string; now: Date }): Promise<StaffSignInResult> {
  const email = input.email.trim().toLowerCase();
  const { ip, now } = input;
  const since = new Date(now.getTime() - STAFF_THROTTLE.windowMinutes * 60_000);
  const knownSince = new Date(now.getTime() - STAFF_THROTTLE.knownAddressDays * 86_400_000);
  const [attempts, known] = await Promise.all([
    db
      .select()
      .from(staffSignInAttempts)
      .where(and(or(eq(staffSignInAttempts.email, email), eq(staffSignInAttempts.ip, ip)), gt(staffSignInAttempts.occurredAt, since))),
    db
      .selectDistinct({ ip: staffSignInAttempts.ip })
      .from(staffSignInAttempts)
      .where(and(eq(staffSignInAttempts.email, email), eq(staffSignInAttempts.succeeded, true), gt(staffSignInAttempts.occurredAt, knownSince))),
  ]);
  const wait = staffSignInWait({
    email,
    ip,
    now,
    attempts: attempts.map((a) => ({ email: a.email, ip: a.ip, succeeded: a.succeeded, at: a.occurredAt })),
    knownIps: new Set(known.map((k) => k.ip)),
  });
  if (wait > 0) return { ok: false, error: "throttled", retryAfterSeconds: wait };

  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.email, email), inArray(users.role, [...STAFF_ROLES]), isNull(users.disabledAt)))
    .limit(1);
  let ok = false;
  if (user?.passwordHash) {
    ok = await verifyPassword(user.passwordHash, input.password);
  } else {
    // Spend the same time as a real check, so response times do not reveal which emails exist.
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(await dummyHash, input.password);
  }
  await db.insert(staffSignInAttempts).values({ email, ip, succeeded: ok, occurredAt: now });
  return ok && user ? { ok: true, user } : { ok: false, error: "invalid" };
}
