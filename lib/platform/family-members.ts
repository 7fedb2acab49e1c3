import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { patients, type PatientRelationship } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { isUuid } from "@/lib/domain";
import { ForbiddenError } from "@/lib/errors";
import { ageOn } from "@/lib/identity/authority";
import { isPatient } from "@/lib/policy";
import { accountByPhone } from "./ownership";
import type { Subject } from "./subject";

/**
 * The 就诊人 of the signed-in patient's account (policy §3.3): the family members it consults for, people with
 * records of their own and no account. Only through here, only the actor's own account (found by the phone they
 * signed in with); ID numbers never leave it.
 */

export type FamilyMemberItem = {
  id: string;
  name: string;
  relationship: PatientRelationship;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** Whole years on `now`'s Shanghai date. */
  age: number;
};

/** The actor's 就诊人, the eldest first; none without an account. */
export async function familyMembersOf(conn: Conn, actor: Actor, now = new Date()): Promise<FamilyMemberItem[]> {
  if (!isPatient(actor.role)) throw new ForbiddenError("patients only");
  const account = actor.phone ? await accountByPhone(conn, actor.phone) : null;
  if (!account) return [];
  const rows = await conn
    .select({ id: patients.id, name: patients.name, relationship: patients.relationship, birthDate: patients.birthDate })
    .from(patients)
    .where(eq(patients.accountId, account.id))
    .orderBy(asc(patients.birthDate), asc(patients.name), asc(patients.id));
  return rows.map((r) => ({ ...r, age: ageOn(r.birthDate, now) }));
}

/**
 * The 就诊人 `patientId` of account `accountId`, as a subject of their own, or null when that account does not
 * consult for them (another account's 就诊人, a made-up id): filing for one checks it here.
 */
export async function familyMemberSubject(
  conn: Conn,
  accountId: string,
  patientId: string,
  now = new Date(),
): Promise<{ subject: Subject; member: FamilyMemberItem } | null> {
  if (!isUuid(patientId)) return null;
  const [row] = await conn
    .select({ id: patients.id, name: patients.name, relationship: patients.relationship, birthDate: patients.birthDate })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.accountId, accountId)));
  if (!row) return null;
  return { subject: { accountId, patientId: row.id }, member: { ...row, age: ageOn(row.birthDate, now) } };
}
