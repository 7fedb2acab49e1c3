import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { users, type Role } from "@/db/schema";
import { authOptions } from "./options";
import { checkSession } from "./sessions";

export type Actor = { id: string; role: Role; displayName: string; phone: string | null; email: string | null };

/**
 * The signed-in user, checked against the database on every request: a disabled account, or one whose
 * sessions were revoked (session version bumped), has no actor.
 */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const [user] = await (
    await getDb()
  )
    .select()
    .from(users)
    .where(and(eq(users.id, id), isNull(users.disabledAt)))
    .limit(1);
  if (!user || user.sessionVersion !== session.user.sv) return null;
  // Signed out, signed out everywhere, or idle too long: the cookie alone opens nothing.
  if (!session.user.sid || (await checkSession(await getDb(), session.user.sid, user.id, user.role, new Date())) !== "active") return null;
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
