import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInFailures, users, type User } from "@/db/schema";
import { STAFF_ROLES } from "@/lib/policy";
import { hashPassword, verifyPassword } from "./password";

export const STAFF_LOCK = { maxFailures: 10, lockMinutes: 15 } as const;

export type StaffSignInResult =
  | { ok: true; user: User }
  | { ok: false; error: "invalid" }
  | { ok: false; error: "locked"; minutesLeft: number };

let dummyHash: Promise<string> | undefined;

/** Email and password for staff; ten failures lock the account for fifteen minutes. */
export async function verifyStaffSignIn(
  db: Db,
  input: { email: string; password: string; ip: string; now: Date },
): Promise<StaffSignInResult> {
  const email = input.email.trim().toLowerCase();
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.email, email), inArray(users.role, [...STAFF_ROLES]), isNull(users.disabledAt)))
    .limit(1);
  if (!user || !user.passwordHash) {
    // Spend the same time as a real check, so response times do not reveal which emails exist.
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(await dummyHash, input.password);
    await db.insert(signInFailures).values({ ip: input.ip, kind: "staff", occurredAt: input.now });
    return { ok: false, error: "invalid" };
  }
  if (user.lockedUntil && user.lockedUntil > input.now) {
    return { ok: false, error: "locked", minutesLeft: Math.ceil((user.lockedUntil.getTime() - input.now.getTime()) / 60_000) };
  }
  if (await verifyPassword(user.passwordHash, input.password)) {
    if (user.failedLogins > 0 || user.lockedUntil) {
      await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    }
    return { ok: true, user };
  }
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(users).where(eq(users.id, user.id)).for("update");
    const failures = (row?.failedLogins ?? 0) + 1;
    const locks = failures >= STAFF_LOCK.maxFailures;
    await tx
      .update(users)
      .set({
        failedLogins: locks ? 0 : failures,
        lockedUntil: locks ? new Date(input.now.getTime() + STAFF_LOCK.lockMinutes * 60_000) : row?.lockedUntil,
      })
      .where(eq(users.id, user.id));
    await tx.insert(signInFailures).values({ ip: input.ip, kind: "staff", occurredAt: input.now });
    if (locks) return { ok: false as const, error: "locked" as const, minutesLeft: STAFF_LOCK.lockMinutes };
    return { ok: false as const, error: "invalid" as const };
  });
}
