import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ensureReferenceData } from "@/db/reference-data";
import * as schema from "@/db/schema";
import { accounts, consultations, patients, prescriptions, realNameVerifications, requests, users, type Request, type Role } from "@/db/schema";
import { GIVEN_NAMES, PATIENTS, type Gender } from "@/db/seed/data";
import { buildPatient, type PlatformRows } from "@/db/seed/people";
import { mulberry32 } from "@/db/seed/prng";
import { hashPassword } from "@/lib/auth/password";
import type { CancellationBlocker } from "@/lib/categories/registry";
import type { PatientRelationship } from "@/lib/domain/values";
import type { Actor } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/locales";
import { submitRequest } from "@/lib/requests/create";
import { SubmitInput } from "@/lib/requests/submit-schema";
import { applyTransition } from "@/lib/requests/transitions";
import type { WorkflowAction } from "@/lib/workflow/machine";

/**
 * Factories for tests (Vitest directly, Playwright through /api/e2e/…): each makes its own patient, staff member
 * or request through the product's own code, with the moment as an argument — never a demo patient, never the
 * seed's state. Phones come from 1995xxxxxxx, a range no demo person and no other factory uses.
 */

export type TestPatient = {
  actor: Actor;
  phone: string;
  /** Their platform account, or null for a portal user the hospital has no records of. */
  accountId: string | null;
  /** The real-name record: full name and ID number (tests type its last four characters). */
  name: string;
  /** The account's e-mail address (null without records). */
  email: string | null;
  idNumber: string;
  last4: string;
  /** The 就诊人 the account consults for (`familyMembers` option), with their own records; none by default. */
  familyMembers: TestFamilyMember[];
};

/** A 就诊人 of a test patient's account: a person with records of their own and no account. */
export type TestFamilyMember = {
  id: string;
  name: string;
  relationship: PatientRelationship;
  birthDate: string;
  idNumber: string | null;
  consultationIds: string[];
  prescriptionIds: string[];
};

/** A 就诊人 to give a test patient: name and gender drawn unless given; an ID number on record unless false. */
export type FamilyMemberOption = { relationship: PatientRelationship; birthDate: string; name?: string; gender?: Gender; idNumber?: boolean };

export type PatientOptions = {
  now: Date;
  phone?: string;
  locale?: Locale;
  /** false: a portal user with no hospital records (a new phone). Default: complete records. */
  records?: boolean;
  /** false: an account that never did real-name verification (it has records, but no real-name record). */
  realName?: boolean;
  blocker?: CancellationBlocker;
  /**
   * 就诊人 the account consults for (policy §3.3), each with finished consultations (with photos), a prescription
   * for each and the orders that filled them. Needs records.
   */
  familyMembers?: FamilyMemberOption[];
};

export function newTestPhone(): string {
  return `1995${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
}

const ageAt = (birthDate: string, now: Date) => (now.getTime() - Date.parse(`${birthDate}T00:00:00+08:00`)) / (365.25 * 86_400_000);

async function insertPlatformRows(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], rows: PlatformRows) {
  const tables: [keyof PlatformRows, Parameters<Db["insert"]>[0]][] = [
    ["accounts", schema.accounts],
    ["realNames", schema.realNameVerifications],
    ["familyMembers", schema.patients],
    ["addresses", schema.addresses],
    ["consultations", schema.consultations],
    ["photos", schema.consultationPhotos],
    ["prescriptions", schema.prescriptions],
    ["orders", schema.orders],
    ["appointments", schema.appointments],
    ["bankCards", schema.bankCards],
    ["consents", schema.consents],
    ["decisions", schema.automatedDecisions],
    ["browsingLogs", schema.browsingLogs],
  ];
  for (const [key, table] of tables) if (rows[key].length > 0) await tx.insert(table).values(rows[key] as never);
}

/**
 * A patient with a portal user and, by default, complete hospital records built as the demo's are (every
 * finished consultation with photos, a prescription and an order; consents; decisions; recent browsing logs),
 * dated before `now`. A `blocker` adds what stops a cancellation.
 */
export async function createPatient(db: Db, opts: PatientOptions): Promise<TestPatient> {
  await ensureReferenceData(db);
  if (opts.records === false && opts.familyMembers?.length) throw new Error("createPatient: 就诊人 need an account with records");
  const phone = opts.phone ?? newTestPhone();
  const rng = mulberry32(randomInt(0, 2 ** 31));
  const adults = PATIENTS.filter((p) => ageAt(p.birthDate, opts.now) >= 18);
  // Every factory patient has an e-mail address on record, so correction forms always have one to offer.
  const spec = { ...rng.pick(adults), email: `p${phone}@example.com` };
  const userId = randomUUID();
  const locale = opts.locale ?? "zh-CN";
  const built =
    opts.records === false
      ? null
      : buildPatient(rng, opts.now.getTime(), spec, phone, {
          userId,
          locale,
          complete: true,
          ongoing: opts.blocker === "unfinished_consultation",
          shipped: opts.blocker === "undelivered_order",
          balance: opts.blocker === "balance",
          familyMembers: (opts.familyMembers ?? []).map((f) => {
            const gender = f.gender ?? rng.pick(["male", "female"] as const);
            const name = f.name ?? `${spec.name.slice(0, 1)}${rng.pick(GIVEN_NAMES)}`;
            return {
              relationship: f.relationship,
              idNumber: f.idNumber ?? true,
              spec: { name, gender, birthDate: f.birthDate, place: spec.place, nickname: name.slice(1) },
            };
          }),
        });
  await db.transaction(async (tx) => {
    await tx.insert(users).values({ id: userId, role: "patient", phone, displayName: spec.name, locale, createdAt: opts.now, updatedAt: opts.now });
    if (built) await insertPlatformRows(tx, opts.realName === false ? { ...built.rows, realNames: [] } : built.rows);
  });
  const idNumber = built?.person.idNumber ?? "";
  return {
    actor: { id: userId, role: "patient", displayName: spec.name, phone, email: null },
    phone,
    accountId: built?.person.accountId ?? null,
    name: spec.name,
    email: built ? spec.email : null,
    idNumber,
    last4: idNumber.slice(-4),
    familyMembers: (built?.familyMembers ?? []).map((f) => ({
      id: f.id,
      name: f.name,
      relationship: f.relationship,
      birthDate: f.birthDate,
      idNumber: f.idNumber,
      consultationIds: f.consultationIds,
      prescriptionIds: f.prescriptionIds,
    })),
  };
}

/** The 就诊人 of an account, with the ids of their consultations and prescriptions. */
async function familyMembersOfAccount(db: Db, accountId: string): Promise<TestFamilyMember[]> {
  const rows = await db.select().from(patients).where(eq(patients.accountId, accountId)).orderBy(asc(patients.createdAt), asc(patients.id));
  const out: TestFamilyMember[] = [];
  for (const p of rows) {
    const cs = await db
      .select({ id: consultations.id })
      .from(consultations)
      .where(eq(consultations.patientId, p.id))
      .orderBy(asc(consultations.startedAt));
    const ps = await db
      .select({ id: prescriptions.id })
      .from(prescriptions)
      .where(eq(prescriptions.patientId, p.id))
      .orderBy(asc(prescriptions.issuedAt));
    out.push({
      id: p.id,
      name: p.name,
      relationship: p.relationship,
      birthDate: p.birthDate,
      idNumber: p.idNumber,
      consultationIds: cs.map((c) => c.id),
      prescriptionIds: ps.map((x) => x.id),
    });
  }
  return out;
}

/** A patient a factory made earlier, found again by phone (the browser tests hold only the phone). */
export async function loadPatient(db: Db, phone: string): Promise<TestPatient | null> {
  const [u] = await db.select().from(users).where(eq(users.phone, phone));
  if (!u || u.role !== "patient") return null;
  const [a] = await db.select().from(accounts).where(eq(accounts.phone, phone));
  const [rn] = a ? await db.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, a.id)) : [];
  const idNumber = rn?.idNumber ?? "";
  return {
    actor: { id: u.id, role: "patient", displayName: u.displayName, phone, email: null },
    phone,
    accountId: a?.id ?? null,
    name: rn?.realName ?? u.displayName,
    email: a?.email ?? null,
    idNumber,
    last4: idNumber.slice(-4),
    familyMembers: a ? await familyMembersOfAccount(db, a.id) : [],
  };
}

export type TestStaff = { actor: Actor; email: string; password: string };

/** A staff member of `role` with a fresh e-mail address and password (argon2id, as sign-in checks it). */
export async function createStaff(db: Db, role: Exclude<Role, "patient">, opts: { now: Date; locale?: Locale }): Promise<TestStaff> {
  const tag = randomUUID().slice(0, 8);
  const email = `${role}-${tag}@test.example`;
  const password = `Test-${randomUUID()}`;
  const displayName = `测试${{ agent: "客服", manager: "主管", admin: "管理员" }[role]} ${tag.slice(0, 4)}`;
  const [u] = await db
    .insert(users)
    .values({
      role,
      email,
      displayName,
      passwordHash: await hashPassword(password),
      locale: opts.locale ?? "zh-CN",
      createdAt: opts.now,
      updatedAt: opts.now,
    })
    .returning();
  return { actor: { id: u!.id, role, displayName, phone: null, email }, email, password };
}

/** What a patient fills in; the identity check and the idempotency key are added. */
export type FileInput = Record<string, unknown> & { type: string };

/** A request the patient files, as the portal files it (checks, deadline, acknowledgement), with their real-name check. */
export async function fileRequest(db: Db, patient: TestPatient, input: FileInput, opts: { now: Date; locale?: Locale }): Promise<Request> {
  const identity = patient.accountId ? { identityName: patient.name, identityLast4: patient.last4 } : {};
  // Through the portal's own schema, so defaults and rules are the ones a real submission meets.
  const parsed = SubmitInput.parse({ ...identity, ...input, idempotencyKey: randomUUID() });
  const result = await submitRequest(db, patient.actor, parsed, { now: opts.now, locale: opts.locale ?? "zh-CN" });
  if (!result.ok) throw new Error(`fileRequest: ${result.error}`);
  const [row] = await db.select().from(requests).where(eq(requests.ref, result.ref));
  return row!;
}

/** One workflow step on a request by `actor`, at `now`, through the same code as the request page. */
export async function step(db: Db, actor: Actor, ref: string, action: WorkflowAction, now: Date): Promise<Request> {
  const [current] = await db.select({ version: requests.version }).from(requests).where(eq(requests.ref, ref));
  const result = await applyTransition(db, actor, { ref, version: current!.version, action }, now);
  if (!result.ok) throw new Error(`step ${action.kind} on ${ref}: ${result.error}`);
  return result.request;
}

/** A request the staff member claimed and paused with a question to the patient: it waits on the patient, clock paused. */
export async function requestAwaitingAnswer(
  db: Db,
  patient: TestPatient,
  staff: Actor,
  opts: { now: Date; input: FileInput; question: string },
): Promise<Request> {
  const filed = await fileRequest(db, patient, opts.input, { now: opts.now });
  await step(db, staff, filed.ref, { kind: "claim" }, opts.now);
  return step(db, staff, filed.ref, { kind: "pause", reason: "clarification", message: opts.question }, opts.now);
}

/** A general question the patient asked and staff answered: a closed request (completed, fulfilled) with the reply. */
export async function answeredQuestion(
  db: Db,
  patient: TestPatient,
  staff: Actor,
  opts: { now: Date; description: string; reply: string },
): Promise<Request> {
  const filed = await fileRequest(db, patient, { type: "complaint", description: opts.description }, { now: opts.now });
  await step(db, staff, filed.ref, { kind: "claim" }, opts.now);
  return step(db, staff, filed.ref, { kind: "complete", outcome: "fulfilled", reply: opts.reply }, opts.now);
}
