import "server-only";
import { and, eq, isNull, isNotNull, lt, or } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { sessions } from "@/db/schema";
import type { Role } from "@/lib/domain";
import { isStaff } from "@/lib/policy";

/** A session unused this long is over: staff screens hold many patients' data, so theirs idle out sooner. */
export const IDLE_MINUTES: { staff: number; patient: number } = { staff: 30, patient: 120 };
/** lastSeenAt is written at most this often, so reading a page is not a write each time. */
const TOUCH_EVERY_MS = 60_000;

export const idleLimitMs = (role: Role) => (isStaff(role) ? IDLE_MINUTES.staff : IDLE_MINUTES.patient) * 60_000;

/** Starts a session at sign-in; its id goes into the JWT. */
export async function startSession(conn: Conn, userId: string, now: Date): Promise<string> {
  const [row] = await conn.insert(sessions).values({ userId, createdAt: now, lastSeenAt: now }).returning({ id: sessions.id });
  return row!.id;
}

export type SessionCheck = "active" | "revoked" | "idle" | "unknown";

/** What a session row says at `now` for a user of `role`: over if revoked or idle longer than the role allows. */
export function sessionState(row: { lastSeenAt: Date; revokedAt: Date | null } | null | undefined, role: Role, now: Date): SessionCheck {
  if (!row) return "unknown";
  if (row.revokedAt) return "revoked";
  if (now.getTime() - row.lastSeenAt.getTime() > idleLimitMs(role)) return "idle";
  return "active";
}

/** An active session's lastSeenAt moves on, at most once a minute (so reading a page is not a write each time). */
export async function touchSession(conn: Conn, sessionId: string, lastSeenAt: Date, now: Date): Promise<void> {
  if (now.getTime() - lastSeenAt.getTime() < TOUCH_EVERY_MS) return;
  await conn
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.id, sessionId), lt(sessions.lastSeenAt, now)));
}

/**
 * Whether the session may go on at `now`: not revoked, not idle longer than the role allows. An active session's
 * lastSeenAt moves on (to the minute).
 */
export async function checkSession(conn: Conn, sessionId: string, userId: string, role: Role, now: Date): Promise<SessionCheck> {
  const [row] = await conn
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
  const state = sessionState(row, role, now);
  if (state === "active") await touchSession(conn, sessionId, row!.lastSeenAt, now);
  return state;
}

/** Signing out: this session ends on the server; replaying its cookie opens nothing. */
export async function endSession(conn: Conn, sessionId: string, now: Date): Promise<void> {
  await conn
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** "Sign out everywhere": every session of the user ends. Returns how many were open. */
export async function endAllSessions(conn: Conn, userId: string, now: Date): Promise<number> {
  const ended = await conn
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}

/**
 * Ended sessions (signed out, or idle past any role's limit) are kept this long for investigating who was signed
 * in when, then deleted: a session row says when someone used the portal, which is theirs too.
 */
export const ENDED_SESSION_DAYS = 30;

/** Deletes the sessions that ended more than ENDED_SESSION_DAYS ago. Dry run unless `apply`; returns how many. */
export async function purgeEndedSessions(conn: Conn, opts: { apply: boolean; now: Date }): Promise<number> {
  const before = new Date(opts.now.getTime() - ENDED_SESSION_DAYS * 86_400_000);
  // Idle past the longest limit before `before`: over for any role.
  const idleBefore = new Date(before.getTime() - Math.max(IDLE_MINUTES.staff, IDLE_MINUTES.patient) * 60_000);
  const ended = or(and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, before)), lt(sessions.lastSeenAt, idleBefore));
  if (!opts.apply) return (await conn.select({ id: sessions.id }).from(sessions).where(ended)).length;
  return (await conn.delete(sessions).where(ended).returning({ id: sessions.id })).length;
}
