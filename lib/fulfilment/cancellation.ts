import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import {
  accounts,
  cancellationHeldRecords,
  cancellationSubjects,
  consultationPhotos,
  outbox,
  patients,
  realNameVerifications,
  sessions,
  users,
  type Request,
} from "@/db/schema";
import { eraseOwned, lastVisitDate, ownedBy, referencingFirst, restrictRecords, selectOwned, wholeAccount } from "@/lib/categories/records";
import {
  entryOf,
  FAMILY_MEMBER_REFERENCES,
  FAMILY_MEMBERS,
  RECIPIENT_NAMES,
  RECIPIENTS,
  REGISTRY,
  retainedFromRecordDate,
  type Entry,
  type Recipient,
} from "@/lib/categories/registry";
import { translatorFor } from "@/lib/i18n/translator";
import { cancellationBlockers } from "@/lib/platform/ownership";
import { accountHolder, type Subject } from "@/lib/platform/subject";
import { shanghaiDateOf } from "@/lib/sla";
import { deletableAfter } from "./data-map";
import type { ItemOutcome } from "./items";
import { StepRefused, type StepResult } from "./steps";

/*
 * Closing an account (policy §8.5), in two moments:
 *
 * 1. The step `cancellation.apply` (staff, one transaction): preconditions re-checked; what a legal retention keeps
 *    — medical records of the holder and of the 就诊人 the account consulted for (15 years from each one's last
 *    visit), orders younger than 3 years from their transaction (电子商务法 Art. 31) — is restricted, detached
 *    from the account and filed under a new pseudonymous subject key held with the cancellation request
 *    (`dsr.cancellation_subjects`, `dsr.cancellation_held_records`), with keyed hashes of the phone and ID number
 *    the patient may present again; everything else is deleted, the account anonymised as closed, its 就诊人
 *    deleted — or, while kept records point at them, anonymised in place so those stay linked to them (registry
 *    FAMILY_MEMBERS; the retention purge deletes them after the last); every recipient of the data (registry
 *    `recipients`) gets a notice naming the orders it handled, tracked until staff record its confirmation
 *    (lib/fulfilment/recipients.ts). The patient's portal user stays, so they can still read the
 *    request, its reply and how to complain.
 * 2. Closing the request as completed (lib/requests/transitions.ts, the same transaction as the close): the final
 *    reply goes out by SMS with a signed link to read it (lib/fulfilment/reply-link.ts), then the portal user ends —
 *    phone and name cleared, disabled, every session revoked — so signing in with that phone again starts a new,
 *    empty account.
 *
 * Staff find a cancelled patient's kept records again by the phone or ID number they present, the cancellation's
 * reference or the key (findKeptRecords, lib/fulfilment/kept-records.ts; the staff page /queue/kept).
 */

/** Crockford base32: no I, L, O, U. */
const KEY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A new subject key, e.g. "CS-7K3M-Q9TD-2XWA" (60 random bits): names no one. */
export function newSubjectKey(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => KEY_ALPHABET[b % 32]).join("");
  return `CS-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export const SUBJECT_KEY = /^CS-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

function hashKey(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret || secret.length < 32) throw new Error("NEXTAUTH_SECRET is not set: a cancelled subject cannot be keyed");
  return createHmac("sha256", secret).update("dsr:cancellation-subject:v1").digest();
}

/**
 * The keyed hash under which a closed account's phone or ID number is kept: matches only when the same value is
 * presented again (spaces and case aside). The key derives from NEXTAUTH_SECRET: keep it when rotating secrets.
 */
export function subjectHash(kind: "phone" | "id_number", value: string): string {
  const normal = kind === "phone" ? value.replace(/\D/g, "").replace(/^86(?=1\d{10}$)/, "") : value.replace(/\s/g, "").toUpperCase();
  return createHmac("sha256", hashKey()).update(`${kind}:${normal}`).digest("hex");
}

type Held = { category: string; id: string; patientId: string | null; until: string };

/** The account's orders (whole account), by recipient: the order ids each recipient handled, read before anything goes. */
async function recipientsOfAccount(tx: Tx, accountId: string): Promise<{ kind: Recipient; name: string; orders: string[] }[]> {
  const named = entryOf(RECIPIENT_NAMES.category);
  const rows = await selectOwned(tx, named, wholeAccount(accountId), { id: named.id.column, ...RECIPIENT_NAMES.columns });
  const found = new Map<string, { kind: Recipient; name: string; orders: string[] }>();
  for (const r of rows) {
    for (const kind of RECIPIENTS) {
      const name = r[kind] as string | null;
      if (!name) continue;
      const k = `${kind}:${name}`;
      const seen = found.get(k) ?? { kind, name, orders: [] };
      seen.orders.push(String(r.id));
      found.set(k, seen);
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind));
}

const retentionOf = (entry: Entry) => (entry.retention ? { retention: { rule: entry.retention.rule, basis: entry.retention.basis } } : {});
const latest = (dates: string[]) => [...dates].sort().at(-1);

/**
 * The step `cancellation.apply` (see above). It concerns the account holder: a 就诊人 has no account to close. The
 * result's `outcomes` say per category what became of it (lib/fulfilment/items.ts); `subjectKey` is the key the
 * kept records are filed under.
 */
export async function applyCancellation(tx: Tx, request: Request, now: Date): Promise<StepResult> {
  const accountId = request.subjectAccountId;
  if (!accountId || request.subjectPatientId) throw new StepRefused("no_subject_account");
  const blockers = await cancellationBlockers(tx, accountId);
  if (blockers.length > 0) throw new StepRefused("cancellation_blocked", { blockers });
  const [account] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
  if (!account || account.status === "cancelled") throw new StepRefused("already_cancelled");
  const today = shanghaiDateOf(now);

  // What identifies the patient, kept only as keyed hashes, and who received their data: read before anything goes.
  const [realName] = await tx
    .select({ idNumber: realNameVerifications.idNumber })
    .from(realNameVerifications)
    .where(eq(realNameVerifications.accountId, accountId));
  const [portalUser] = account.phone
    ? await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.phone, account.phone), eq(users.role, "patient"), isNull(users.disabledAt)))
    : [];
  const recipients = await recipientsOfAccount(tx, accountId);

  const key = newSubjectKey();
  await tx.insert(cancellationSubjects).values({
    key,
    requestId: request.id,
    phoneHash: account.phone ? subjectHash("phone", account.phone) : null,
    idNumberHash: realName ? subjectHash("id_number", realName.idNumber) : null,
    portalUserId: portalUser?.id ?? null,
    cancelledAt: now,
  });

  const held: Held[] = [];
  // Medical records: the holder's and each 就诊人's, from that person's own last visit; the records that belong
  // through them (photos) restricted with them.
  const family = await tx.select({ id: patients.id }).from(patients).where(eq(patients.accountId, accountId));
  const subjects: Subject[] = [accountHolder(accountId), ...family.map((p) => ({ accountId, patientId: p.id }))];
  for (const subject of subjects) {
    const lastVisit = (await lastVisitDate(tx, subject)) ?? today;
    for (const entry of REGISTRY) {
      if (entry.erasure.method !== "restrict" || !entry.retention || entry.subject.via) continue;
      const until = deletableAfter(entry.retention, lastVisit);
      const ids = await restrictRecords(tx, entry, ownedBy(tx, entry, subject), { now, until }, { detach: true });
      for (const id of ids) held.push({ category: entry.category, id: String(id), patientId: subject.patientId, until });
    }
  }
  // Records kept for a period from their own date (orders: 3 years from the transaction): the younger ones held,
  // the older ones left to be deleted below with everything else.
  for (const entry of REGISTRY) {
    const kept = retainedFromRecordDate(entry);
    if (!kept) continue;
    const rows = await selectOwned(tx, entry, wholeAccount(accountId), { id: entry.id.column, at: kept.recordDate });
    const byUntil = new Map<string, string[]>();
    for (const r of rows) {
      const until = deletableAfter(kept.retention, shanghaiDateOf(new Date(r.at as string | Date)));
      if (until < today) continue;
      byUntil.set(until, [...(byUntil.get(until) ?? []), String(r.id)]);
    }
    for (const [until, ids] of byUntil) {
      const kept = await restrictRecords(tx, entry, inArray(entry.id.column, ids), { now, until }, { detach: true });
      for (const id of kept) held.push({ category: entry.category, id: String(id), patientId: null, until });
    }
  }
  if (held.length > 0) {
    await tx
      .insert(cancellationHeldRecords)
      .values(held.map((h) => ({ subjectKey: key, category: h.category, recordId: h.id, patientId: h.patientId, deletableAfter: h.until })));
  }

  const deleted = new Map<string, number>();
  for (const entry of referencingFirst(REGISTRY.filter((e) => e.erasure.method === "delete"))) {
    deleted.set(entry.category, await eraseOwned(tx, entry, wholeAccount(accountId), null));
  }
  const anonymised = new Map<string, number>();
  for (const entry of REGISTRY) {
    if (entry.erasure.method === "anonymise") {
      anonymised.set(entry.category, await eraseOwned(tx, entry, wholeAccount(accountId), null, entry.erasure.onCancellation(now)));
    }
  }

  const familyMembers = await eraseFamilyMembers(tx, accountId);

  // What became of each category, in the registry's order.
  const keptConsultations = held.filter((h) => h.category === "consultations").map((h) => h.id);
  const outcomes: ItemOutcome[] = [];
  for (const entry of REGISTRY) {
    const category = entry.category;
    const mine = held.filter((h) => h.category === category);
    let keptCount = mine.length;
    let until = latest(mine.map((h) => h.until));
    if (entry.subject.via === "consultations" && entry.restriction) {
      // Photos are kept with their consultation.
      const [row] =
        keptConsultations.length > 0
          ? await tx
              .select({ n: sql<number>`count(*)::int` })
              .from(consultationPhotos)
              .where(inArray(consultationPhotos.consultationId, keptConsultations))
          : [{ n: 0 }];
      keptCount = Number(row?.n ?? 0);
      until = latest(held.filter((h) => h.category === "consultations").map((h) => h.until));
    }
    const lines: ItemOutcome[] = [];
    if (keptCount > 0) lines.push({ category, id: null, outcome: "restricted", count: keptCount, deletableAfter: until, ...retentionOf(entry) });
    const gone = deleted.get(category) ?? 0;
    if (gone > 0) lines.push({ category, id: null, outcome: "deleted", count: gone });
    const changed = anonymised.get(category) ?? 0;
    if (changed > 0) lines.push({ category, id: null, outcome: "anonymised", count: changed });
    outcomes.push(...(lines.length > 0 ? lines : [{ category, id: null, outcome: "not_held" as const, count: 0, reason: "none_held" }]));
  }

  // Each recipient is told to delete what it received, naming the orders it handled (its own identifiers).
  const t = translatorFor("zh-CN", "notices");
  const names = translatorFor("zh-CN", "categories");
  for (const r of recipients) {
    const categories = REGISTRY.filter((e) => e.recipients.includes(r.kind)).map((e) => e.category);
    await tx.insert(outbox).values({
      channel: "recipient_notice",
      recipient: r.name,
      template: "cancellation_notice",
      body: t("cancellation_notice", { ref: request.ref, orders: r.orders.join("、"), categories: categories.map((c) => names(c)).join("、") }),
      payload: { kind: r.kind, ref: request.ref, categories, orders: r.orders },
      requestId: request.id,
      createdAt: now,
    });
  }

  return {
    outcomes,
    subjectKey: key,
    familyMembers,
    recipients: recipients.map((r) => r.name),
    // The portal user ends when the request is closed as completed, after the final reply (see above).
    portalUserEndsOnClose: Boolean(portalUser),
  };
}

/**
 * The account's 就诊人, once its records are held or gone (registry FAMILY_MEMBERS): one a kept record still points
 * at is anonymised in place, so the record stays linked to the person it is about; any other is deleted.
 */
async function eraseFamilyMembers(tx: Tx, accountId: string): Promise<{ deleted: number; anonymised: number }> {
  const rows = await tx.select({ id: FAMILY_MEMBERS.id }).from(FAMILY_MEMBERS.table).where(eq(FAMILY_MEMBERS.account, accountId));
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return { deleted: 0, anonymised: 0 };
  const linked = new Set<string>();
  for (const column of FAMILY_MEMBER_REFERENCES) {
    const refs = await tx.selectDistinct({ id: column }).from(column.table).where(inArray(column, ids));
    for (const r of refs) linked.add(String(r.id));
  }
  const kept = ids.filter((id) => linked.has(id));
  const gone = ids.filter((id) => !linked.has(id));
  if (kept.length > 0) await tx.update(FAMILY_MEMBERS.table).set(FAMILY_MEMBERS.onCancellation).where(inArray(FAMILY_MEMBERS.id, kept));
  if (gone.length > 0) await tx.delete(FAMILY_MEMBERS.table).where(inArray(FAMILY_MEMBERS.id, gone));
  return { deleted: gone.length, anonymised: kept.length };
}

/**
 * On closing a cancellation request as completed, in the close's transaction, after its final reply is sent: the
 * portal user of the closed account ends — phone and name cleared, disabled, every session revoked. Nothing when
 * the account was not closed by this request, or the user has ended already. Returns whether a user ended.
 */
export async function endCancelledPortalUser(tx: Tx, request: Pick<Request, "id">, now: Date): Promise<boolean> {
  const [subject] = await tx.select().from(cancellationSubjects).where(eq(cancellationSubjects.requestId, request.id));
  if (!subject || subject.portalUserEndedAt) return false;
  await tx.update(cancellationSubjects).set({ portalUserEndedAt: now }).where(eq(cancellationSubjects.key, subject.key));
  if (!subject.portalUserId) return false;
  const ended = await tx
    .update(users)
    .set({ phone: null, displayName: "", disabledAt: now, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
    .where(and(eq(users.id, subject.portalUserId), isNull(users.disabledAt)))
    .returning({ id: users.id });
  await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, subject.portalUserId), isNull(sessions.revokedAt)));
  return ended.length > 0;
}

/** Whether the request closed an account (its cancellation step filed a subject key). */
export async function closesAccount(tx: Tx, request: Pick<Request, "id">): Promise<boolean> {
  const [row] = await tx.select({ key: cancellationSubjects.key }).from(cancellationSubjects).where(eq(cancellationSubjects.requestId, request.id));
  return Boolean(row);
}
