import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Conn, Db } from "@/db/client";
import { attachments, users, type RequestScope } from "@/db/schema";
import type { ActionDefinition } from "@/lib/actions/perform";
import { failure } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/session";
import type { IntakeIdentityCheck, VerificationStatus } from "@/lib/domain/values";
import type { VerificationRecord } from "@/lib/identity/verification";
import type { Locale } from "@/lib/i18n/locales";
import { accountByPhone } from "@/lib/platform/ownership";
import { INTAKE_ROLES } from "@/lib/policy";
import { shanghaiDateOf } from "@/lib/sla";
import { fileRequest, type SubmitResult } from "./create";
import { IntakeInput, isCategoryType, receiptInstant, type IntakeInputT } from "./intake-schema";

/**
 * Staff intake: a request received by phone, letter, e-mail or at the counter, filed by an agent or manager on
 * the patient's behalf (DESIGN.md "A request's life"). It goes through the same filing as the portal's form
 * (lib/requests/create.ts fileRequest: reference, deadline, duplicates, repeats, verification record, event, SMS,
 * audit) with three differences: the deadline counts from the original time of receipt; the identity check is the
 * one staff performed; the request belongs to the patient user of the given phone, created here when the phone has
 * never signed in (the same row sign-in would create, lib/auth/otp.ts), so it is in their list once they sign in.
 */

/** What staff's identity check puts in the verification record: a check performed verifies the request; none leaves it pending. */
export function verificationAtIntake(input: { check: IntakeIdentityCheck; note: string; staffId: string; now: Date }): {
  status: VerificationStatus;
  records: VerificationRecord[];
} {
  const verified = input.check !== "not_verified";
  return {
    status: verified ? "verified" : "pending",
    records: [
      {
        method: "staff_check",
        result: verified ? "passed" : "more_needed",
        evidence: { checked: verified ? [input.check] : [] },
        note: input.note || null,
        decidedById: input.staffId,
        decidedAt: input.now,
      },
    ],
  };
}

/** The patient user who signs in with `phone`: the existing one, or a new one (never two for one phone). */
export async function patientUserForPhone(conn: Conn, phone: string, locale: Locale, now: Date): Promise<{ id: string; created: boolean }> {
  const find = async () => {
    const [row] = await conn
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(and(eq(users.phone, phone), isNull(users.disabledAt)))
      .limit(1);
    return row;
  };
  const existing = await find();
  if (existing) return { id: existing.id, created: false };
  // users_phone_unique: a sign-in with this phone at the same moment wins, and its row is the one used.
  const [created] = await conn
    .insert(users)
    .values({ role: "patient", phone, locale, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (created) return { id: created.id, created: true };
  const raced = await find();
  if (!raced) throw new Error("patient user for phone vanished");
  return { id: raced.id, created: false };
}

export type IntakeError = "receipt_in_future" | "not_a_patient_phone" | "duplicate" | "files_invalid";
export type IntakeResult =
  | { ok: true; ref: string; dueDate: string; provisional: boolean; replayed: boolean; newPatient: boolean }
  | { ok: false; error: IntakeError; duplicateRef?: string };

/** Files a request staff logged. `now` is the moment of logging; the receipt may be earlier, never later. */
export async function logIntake(db: Db, staff: Actor, input: IntakeInputT, opts: { now: Date }): Promise<IntakeResult> {
  const { now } = opts;
  const receivedAt = receiptInstant(input.receivedDate, input.receivedTime);
  if (receivedAt.getTime() > now.getTime()) return { ok: false, error: "receipt_in_future" };
  // Files that are not this staff member's own unsent uploads are refused before anything is written (filing checks again).
  if (input.attachmentIds.length > 0) {
    const usable = await db
      .select({ id: attachments.id })
      .from(attachments)
      .where(
        and(
          inArray(attachments.id, input.attachmentIds),
          eq(attachments.uploaderId, staff.id),
          isNull(attachments.requestId),
          isNull(attachments.deletedAt),
        ),
      );
    if (usable.length !== new Set(input.attachmentIds).size) return { ok: false, error: "files_invalid" };
  }

  const patient = await patientUserForPhone(db, input.patientPhone, input.locale, now);
  const [owner] = await db.select({ role: users.role }).from(users).where(eq(users.id, patient.id));
  // A staff member's phone is not a patient's account: nothing is filed under it.
  if (owner?.role !== "patient") return { ok: false, error: "not_a_patient_phone" };
  const account = await accountByPhone(db, input.patientPhone);

  const scope: RequestScope = isCategoryType(input.type)
    ? { categories: [...input.categories].sort(), ...(input.type === "deletion" ? { items: [], ground: input.ground } : {}) }
    : {};
  const verification = verificationAtIntake({ check: input.identityCheck, note: input.identityNote, staffId: staff.id, now });
  const receivedDate = shanghaiDateOf(receivedAt);
  const backdated = receivedDate < shanghaiDateOf(now);
  const logged = { channel: input.channel, receivedAt: receivedAt.toISOString(), loggedBy: staff.displayName };

  const result: SubmitResult = await fileRequest(db, {
    requester: { id: patient.id, phone: input.patientPhone },
    actorId: staff.id,
    type: input.type,
    relationship: "self",
    subject: { phone: input.patientPhone, accountId: account?.id ?? null, patientId: null, name: input.patientName, birthDate: null },
    subjectName: input.patientName,
    subjectBirthDate: null,
    relativeInterest: null,
    scope,
    description: input.description,
    locale: input.locale,
    receivedAt,
    now,
    idempotencyKey: input.idempotencyKey,
    identityVerifiedAt: verification.status === "verified" ? now : null,
    verification,
    fileIds: input.attachmentIds,
    proofKinds: {},
    channel: input.channel,
    smsTemplate: "request_logged",
    audits: [
      {
        action: "request.intake",
        data: { ...logged, type: input.type, identityCheck: input.identityCheck, files: input.attachmentIds.length, newPatient: patient.created },
      },
      // A receipt on an earlier day moves the deadline back: that choice is audited on its own.
      ...(backdated ? [{ action: "request.intake_backdated", data: { ...logged, receivedDate, loggedDate: shanghaiDateOf(now) } }] : []),
    ],
  });
  if (!result.ok) {
    if (result.error === "duplicate") return { ok: false, error: "duplicate", duplicateRef: result.duplicateRef };
    return { ok: false, error: "files_invalid" };
  }
  return {
    ok: true,
    ref: result.ref,
    dueDate: result.dueDate,
    provisional: result.provisional,
    replayed: result.replayed,
    newPatient: patient.created,
  };
}

export type Logged = { ref: string; dueDate: string; provisional: boolean; newPatient: boolean };

/** The intake form's action (app/(staff)/queue/new/actions.ts): agents and managers only (lib/policy canLogIntake). */
export const logIntakeDefinition = {
  name: "logIntake",
  roles: INTAKE_ROLES,
  schema: IntakeInput,
  run: async ({ actor, db, input, now }) => {
    const result = await logIntake(db, actor, input, { now });
    if (result.ok) return { ok: true, ref: result.ref, dueDate: result.dueDate, provisional: result.provisional, newPatient: result.newPatient };
    switch (result.error) {
      case "receipt_in_future":
        return failure("receipt_in_future", { fieldErrors: { receivedDate: "receipt_in_future", receivedTime: "receipt_in_future" } });
      case "not_a_patient_phone":
        return failure("not_a_patient_phone", { fieldErrors: { patientPhone: "not_a_patient_phone" } });
      case "duplicate":
        return failure("intake_duplicate", { params: { request: result.duplicateRef ?? "" } });
      case "files_invalid":
        return failure("files_invalid", { fieldErrors: { attachmentIds: "files_invalid" } });
    }
  },
  revalidate: () => ["/queue"],
} satisfies ActionDefinition<typeof IntakeInput, Logged>;
