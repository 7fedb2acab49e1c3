import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Conn, Db } from "@/db/client";
import { identityChecks, realNameVerifications } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { accountByPhone } from "@/lib/platform/ownership";

export const IDENTITY_LOCK = { maxMismatches: 5, windowHours: 24 } as const;

export type RealNameResult = "matched" | "mismatch" | "locked" | "no_record";

/** 110105199003071234 → 1101**********1234: an ID number is never shown whole. */
export function maskIdNumber(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}${"*".repeat(id.length - 8)}${id.slice(-4)}` : "****";
}

/**
 * Confirms the signed-in patient's real-name record: name and the last four characters of the ID number. Each
 * try is recorded in its own transaction (a mismatch counts even if the submission then fails); five
 * mismatches in a day lock the check.
 */
/** Whether the actor's account has a real-name record, which sensitive requests then confirm (DESIGN.md). */
export async function hasRealNameRecord(conn: Conn, actor: Actor): Promise<boolean> {
  const account = actor.phone ? await accountByPhone(conn, actor.phone) : null;
  if (!account) return false;
  const [record] = await conn
    .select({ id: realNameVerifications.id })
    .from(realNameVerifications)
    .where(eq(realNameVerifications.accountId, account.id));
  return Boolean(record);
}

export async function checkRealName(db: Db, actor: Actor, input: { name: string; last4: string }, now: Date): Promise<RealNameResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`identity:${actor.id}`}))`);
    const [failures] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(identityChecks)
      .where(
        and(
          eq(identityChecks.userId, actor.id),
          eq(identityChecks.matched, false),
          gt(identityChecks.occurredAt, new Date(now.getTime() - IDENTITY_LOCK.windowHours * 3600_000)),
        ),
      );
    if ((failures?.n ?? 0) >= IDENTITY_LOCK.maxMismatches) return "locked";
    const account = actor.phone ? await accountByPhone(tx, actor.phone) : null;
    const [record] = account ? await tx.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, account.id)) : [];
    if (!record) return "no_record";
    const matched = record.realName.trim() === input.name.trim() && record.idNumber.slice(-4).toUpperCase() === input.last4.trim().toUpperCase();
    await tx.insert(identityChecks).values({ userId: actor.id, matched, occurredAt: now });
    return matched ? "matched" : "mismatch";
  });
}
