import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, type RequestScope, type RequestType } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { makeRequest } from "./fixtures";
import { demoPatient } from "./portal-fixtures";

export { demoPatient };

/** The seeded platform account of the demo patient with `phone`. */
export async function demoAccount(db: Db, phone: string) {
  const [a] = await db.select().from(accounts).where(eq(accounts.phone, phone));
  return a!;
}

/** A request about the demo patient with `phone`, filed by them, in progress and assigned to `agent`. */
export async function requestInProgress(db: Db, agent: Actor, phone: string, type: RequestType, scope: RequestScope) {
  const a = await demoAccount(db, phone);
  return makeRequest(db, await demoPatient(db, phone), {
    type,
    receivedAt: new Date("2026-11-20T02:00:00Z"),
    extra: { status: "in_progress", assigneeId: agent.id, subjectAccountId: a.id, subjectPhone: phone, scope },
  });
}
