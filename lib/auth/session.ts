import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { sessions, users, type Role } from "@/db/schema";
import { isUuid } from "@/lib/domain";
import { authOptions } from "./options";
import { sessionState, touchSession } from "./sessions";

export type Actor = { id: string; role: Role; displayName: string; phone: string | null; email: string | null };

/**
 * The signed-in user, checked against the database on every request: a disabled account, or one whose
 * sessions were revoked (session version bumped), has no actor.
 */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  const sid = session?.user?.sid;
  // Signed out, signed out everywhere, or idle too long: the cookie alone opens nothing.
  if (!id || !sid || !isUuid(sid)) return null;
  const db = await getDb();
  const now = new Date();
  // The user and this session of theirs in one read: every page and action asks it.
  const [row] = await db
    .select({ user: users, session: { lastSeenAt: sessions.lastSeenAt, revokedAt: sessions.revokedAt } })
    .from(users)
    .leftJoin(sessions, and(eq(sessions.id, sid), eq(sessions.userId, users.id)))
    .where(and(eq(users.id, id), isNull(users.disabledAt)))
    .limit(1);
  const user = row?.user;
  if (!user || user.sessionVersion !== session.user.sv) return null;
  if (sessionState(row.session, user.role, now) !== "active") return null;
  await touchSession(db, sid, row.session!.lastSeenAt, now);
  return { id: user.id, role: user.role, displayName: user.displayName, phone: user.phone, email: user.email };
}

/**
 * The one authorisation check used by every page, server action and route handler: signed out → the sign-in
 * page; signed in with another role → 403.
 */
export async function requireRole(...roles: Role[]): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(roles.includes("patient") ? "/signin" : "/staff/signin");
  if (!roles.includes(actor.role)) forbidden();
  return actor;
}

/** For JSON route handlers: the actor, or the response to send (401 signed out, 403 wrong role). */
export async function requireApiRole(...roles: Role[]): Promise<{ actor: Actor } | { response: Response }> {
  const actor = await getActor();
  if (!actor) return { response: Response.json({ error: "unauthenticated" }, { status: 401 }) };
  if (!roles.includes(actor.role)) return { response: Response.json({ error: "forbidden" }, { status: 403 }) };
  return { actor };
}
