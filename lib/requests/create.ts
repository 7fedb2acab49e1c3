import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Conn, Db, Tx } from "@/db/client";
import { rowsOf } from "@/db/rows";
import {
  accounts,
  addresses,
  attachments,
  OPEN_STATUSES,
  realNameVerifications,
  requestEvents,
  requests,
  requestVerifications,
  type RequestScope,
} from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import { canonicalJson } from "@/lib/audit/chain";
import type { Actor } from "@/lib/auth/session";
import { loadDeadlineRules } from "@/lib/calendar/deadline-rules";
import { formatRef } from "@/lib/domain/ref";
import { repeatWindowStart } from "@/lib/domain/repeat-window";
import type { ErrorCode } from "@/lib/actions/codes";
import { authorityProblems, type AuthorityProblem } from "@/lib/identity/authority";
import { checkRealName, hasRealNameRecord } from "@/lib/identity/real-name";
import { verificationAtSubmission, type VerificationRecord } from "@/lib/identity/verification";
import type { ProofKind, Relationship, RequestChannel, RequestType, VerificationStatus } from "@/lib/domain/values";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { familyMemberSubject } from "@/lib/platform/family-members";
import { accountByPhone, cancellationBlockers, ownedIds, ownsDecision, type CancellationBlocker } from "@/lib/platform/ownership";
import { isRequester } from "@/lib/policy";
import { computeDeadline, weekdayOf } from "@/lib/sla";
import { outboxSmsSender } from "@/lib/sms/sender";
import type { DataCategory } from "./categories";
import { needsRealNameCheck } from "./identity-rule";
import { proofKindsOf, type SubmitInputT } from "./submit-schema";

export type SubmitError =
  | "duplicate"
  | "identity_required"
  | "identity_mismatch"
  | "identity_locked"
  | "not_yours"
  | "proof_invalid"
  | "cancellation_blocked"
  | AuthorityProblem["code"];

export type SubmitResult =
  | { ok: true; ref: string; dueDate: string; dueAt: Date; provisional: boolean; replayed: boolean }
  | { ok: false; error: SubmitError; duplicateRef?: string; blockers?: CancellationBlocker[]; fieldErrors?: Partial<Record<string, ErrorCode>> };

/** Who a request is about, as filing resolved it: the phone and account the platform knows them by, a 就诊人, their name. */
export type ResolvedSubject = { phone: string; accountId: string | null; patientId: string | null; name: string | null; birthDate: string | null };

/**
 * Who the request is about, and whether the law lets this requester ask it for them (lib/identity/authority.ts):
 * the requester themself; a 就诊人 of their own account (found through their sign-in phone, never another
 * account's); or someone else, named with their phone. The age counts on the day of filing.
 */
export async function resolveSubject(
  conn: Conn,
  actor: Actor,
  input: SubmitInputT,
  now: Date,
): Promise<{ ok: true; subject: ResolvedSubject } | { ok: false; error: SubmitError; fieldErrors: Partial<Record<string, ErrorCode>> }> {
  let subject: ResolvedSubject;
  let requesterBirthDate: string | null = null;
  if (input.relationship === "self") {
    const account = await accountByPhone(conn, actor.phone!);
    requesterBirthDate = account?.birthDate ?? null;
    subject = { phone: actor.phone!, accountId: account?.id ?? null, patientId: null, name: null, birthDate: requesterBirthDate };
  } else if (input.subjectPatientId) {
    const account = await accountByPhone(conn, actor.phone!);
    const member = account && (await familyMemberSubject(conn, account.id, input.subjectPatientId, now));
    if (!member) return { ok: false, error: "not_yours", fieldErrors: { subjectPatientId: "not_yours" } };
    subject = {
      phone: actor.phone!,
      accountId: account.id,
      patientId: member.member.id,
      name: member.member.name,
      birthDate: member.member.birthDate,
    };
  } else {
    const account = await accountByPhone(conn, input.subjectPhone!);
    subject = {
      phone: input.subjectPhone!,
      accountId: account?.id ?? null,
      patientId: null,
      name: input.subjectName!,
      birthDate: input.subjectBirthDate || null,
    };
  }
  const problems = authorityProblems({
    relationship: input.relationship,
    type: input.type,
    subjectOnRecord: subject.patientId !== null,
    subjectBirthDate: subject.birthDate,
    requesterBirthDate,
    relativeInterest: input.relativeInterest,
    proofKinds: proofKindsOf(input),
    now,
  });
  if (problems.length === 0) return { ok: true, subject };
  const fieldErrors = Object.fromEntries(problems.flatMap((p) => (p.field ? [[p.field, p.code]] : [])));
  return { ok: false, error: problems[0]!.code, fieldErrors };
}

/** Deletion, cancellation, health records and anything about another person also confirm the real-name record. */
export { needsRealNameCheck };

/** The part of the submission that says what is asked, stored on the request and compared for duplicates. */
function scopeOf(input: SubmitInputT, current: Map<string, string>): RequestScope {
  switch (input.type) {
    case "access":
    case "portability":
      return { categories: [...input.categories].sort() };
    case "correction":
      return {
        corrections: input.corrections.map((c) => ({ ...c, current: current.get(`${c.field}:${c.recordId}`) ?? "" })),
      };
    case "deletion":
      return { categories: [...input.categories].sort(), items: input.items, ground: input.ground };
    case "consent":
      return { consents: [...input.consents].sort() };
    case "automated_decision":
      return { decisionId: input.decisionId };
    case "complaint":
      return input.relatedRequestRef ? { relatedRequestRef: input.relatedRequestRef } : {};
    case "cancellation":
      return {};
  }
}

function descriptionOf(input: SubmitInputT): string {
  if (input.type === "correction") return [input.reason, input.description].filter(Boolean).join("\n\n");
  if (input.type === "automated_decision") return [input.dispute, input.description].filter(Boolean).join("\n\n");
  return input.description;
}

/** Checks every record the submission names belongs to the subject; returns current values of fields to correct. */
async function checkOwnership(conn: Conn, actor: Actor, input: SubmitInputT, accountId: string | null) {
  const current = new Map<string, string>();
  if (input.type === "correction") {
    if (!accountId) return { ok: false as const };
    for (const c of input.corrections) {
      const [record, field] = c.field.split(".") as [string, string];
      let value: unknown;
      if (record === "account" && c.recordId === accountId) {
        const [a] = await conn.select().from(accounts).where(eq(accounts.id, accountId));
        value = a?.[field as keyof typeof a];
      } else if (record === "real_name" && (await ownedIds(conn, accountId, "real_name", [c.recordId])).has(c.recordId)) {
        const [r] = await conn.select().from(realNameVerifications).where(eq(realNameVerifications.id, c.recordId));
        value = r?.[field as keyof typeof r];
      } else if (record === "address" && (await ownedIds(conn, accountId, "addresses", [c.recordId])).has(c.recordId)) {
        const [a] = await conn.select().from(addresses).where(eq(addresses.id, c.recordId));
        value = a?.[field as keyof typeof a];
      } else {
        return { ok: false as const };
      }
      current.set(`${c.field}:${c.recordId}`, value == null ? "" : String(value));
    }
  }
  if (input.type === "deletion" && input.items.length > 0) {
    if (!accountId) return { ok: false as const };
    const byCategory = new Map<DataCategory, string[]>();
    for (const item of input.items) byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), item.id]);
    for (const [category, ids] of byCategory) {
      const owned = await ownedIds(conn, accountId, category, ids);
      if (ids.some((id) => !owned.has(id))) return { ok: false as const };
    }
  }
  if (input.type === "automated_decision" && !(accountId && (await ownsDecision(conn, accountId, input.decisionId)))) {
    return { ok: false as const };
  }
  if (input.type === "complaint" && input.relatedRequestRef) {
    // A complaint may be about one of the complainant's own requests only.
    const [related] = await conn.select({ requesterId: requests.requesterId }).from(requests).where(eq(requests.ref, input.relatedRequestRef));
    if (!related || !isRequester(actor, related)) return { ok: false as const };
  }
  return { ok: true as const, current };
}

/**
 * Files a request: identity, ownership and duplicate checks, then — in one transaction — the request with its
 * reference and legal deadline, its first event, the proof documents linked, the SMS acknowledgement and the
 * audit row. The same idempotency key never files twice: a retry answers with the request already filed.
 */
export async function submitRequest(db: Db, actor: Actor, input: SubmitInputT, opts: { now: Date; locale: Locale }): Promise<SubmitResult> {
  const { now, locale } = opts;
  const replay = await findByIdempotencyKey(db, actor.id, input.idempotencyKey);
  if (replay) return replay;

  // The SMS code proved possession of the account; a sensitive request also confirms the real-name record where
  // the account has one. An account without one is never asked for it (closing it must stay as easy as opening it).
  let identityVerifiedAt: Date | null = null;
  if (needsRealNameCheck(input) && (await hasRealNameRecord(db, actor))) {
    if (!input.identityName || !input.identityLast4) {
      return { ok: false, error: "identity_required", fieldErrors: { identityName: "required", identityLast4: "required" } };
    }
    const check = await checkRealName(db, actor, { name: input.identityName, last4: input.identityLast4 }, now);
    if (check === "locked") return { ok: false, error: "identity_locked" };
    if (check === "mismatch") return { ok: false, error: "identity_mismatch" };
    if (check === "matched") identityVerifiedAt = now;
  }
  const verification = verificationAtSubmission({ relationship: input.relationship, realNameMatchedAt: identityVerifiedAt, now });

  const resolved = await resolveSubject(db, actor, input, now);
  if (!resolved.ok) return resolved;
  const { subject } = resolved;
  const subjectAccount = subject.accountId ? { id: subject.accountId } : null;
  // A 就诊人's request names categories only (the schema refuses items); their records are theirs alone.
  const owned = subject.patientId
    ? { ok: true as const, current: new Map<string, string>() }
    : await checkOwnership(db, actor, input, subject.accountId);
  if (!owned.ok) return { ok: false, error: "not_yours" };
  if (input.type === "cancellation") {
    const blockers = subjectAccount ? await cancellationBlockers(db, subjectAccount.id) : [];
    if (blockers.length > 0) return { ok: false, error: "cancellation_blocked", blockers };
  }
  const subjectName = subject.name ?? (subjectAccount ? await accountHolderName(db, subjectAccount.id) : "");
  const scope = scopeOf(input, owned.current);
  return fileRequest(db, {
    requester: { id: actor.id, phone: actor.phone! },
    actorId: actor.id,
    type: input.type,
    relationship: input.relationship,
    subject,
    subjectName,
    subjectBirthDate: input.relationship === "guardian" && !subject.patientId ? subject.birthDate : null,
    relativeInterest: input.relationship === "close_relative" ? input.relativeInterest?.trim() || null : null,
    scope,
    description: descriptionOf(input),
    locale,
    receivedAt: now,
    now,
    idempotencyKey: input.idempotencyKey,
    identityVerifiedAt,
    verification,
    fileIds: fileIdsOf(input),
    // Each proof document keeps what the requester said it is (evidence for a correction has no kind).
    proofKinds: Object.fromEntries(input.proofAttachmentIds.flatMap((id) => (input.proofKinds[id] ? [[id, input.proofKinds[id]]] : []))),
    channel: "portal",
    smsTemplate: "request_received",
    audits: [{ action: "request.submit", data: { type: input.type, relationship: input.relationship, files: fileIdsOf(input).length } }],
  });
}

function fileIdsOf(input: SubmitInputT): string[] {
  return [...input.proofAttachmentIds, ...(input.type === "correction" ? input.evidenceAttachmentIds : [])];
}

/**
 * What is filed, once every check has passed: by the patient on the portal (submitRequest) or by staff logging a
 * request received by phone, letter, e-mail or at the counter (lib/requests/intake.ts). `receivedAt` is the
 * original time of receipt: the deadline and the repeat window count from it.
 */
export type Filing = {
  /** The patient user the request belongs to (it appears in their list). */
  requester: { id: string; phone: string };
  /** Who files it: the patient themself, or the staff member logging it (uploader of its files, actor of its event and audit). */
  actorId: string;
  type: RequestType;
  relationship: Relationship;
  subject: ResolvedSubject;
  subjectName: string;
  subjectBirthDate: string | null;
  relativeInterest: string | null;
  scope: RequestScope;
  description: string;
  locale: Locale;
  receivedAt: Date;
  now: Date;
  idempotencyKey: string;
  identityVerifiedAt: Date | null;
  verification: { status: VerificationStatus; records: VerificationRecord[] };
  fileIds: string[];
  proofKinds: Record<string, ProofKind>;
  channel: RequestChannel;
  /** The acknowledgement sent to the requester's phone. */
  smsTemplate: "request_received" | "request_logged";
  audits: { action: string; data: Record<string, unknown> }[];
};

/**
 * Files a checked request in one transaction: the request with its reference and legal deadline (counted from
 * receipt), its first event, its files linked, its verification record, the SMS acknowledgement and the audit
 * rows. Duplicates of an open request and retries of the same idempotency key are decided under a per-requester lock.
 */
export async function fileRequest(db: Db, f: Filing): Promise<SubmitResult> {
  const { now, locale, subject } = f;
  const subjectPhone = subject.phone;
  const { index, policies } = await loadDeadlineRules(db);
  const deadline = computeDeadline(f.receivedAt, policies[f.type], index);
  // A general question (a complaint about no request), and a logged request described only in words, are told
  // apart by what they ask.
  const general = (f.type === "complaint" && !f.scope.relatedRequestRef) || (f.channel !== "portal" && Object.keys(f.scope).length === 0);
  const result = await db
    .transaction(async (tx): Promise<SubmitResult> => {
      // One submission per patient at a time, so duplicates and idempotency keys are decided without a race. What
      // the filing decides from (a retry of the same key, open requests asking the same, requests in the repeat
      // window, the next reference number) is one statement after the lock, so it sees every filing before.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`submit:${f.requester.id}`}))`);
      const [state] = rowsOf<FilingState>(await tx.execute(filingStateQuery(f, subjectPhone, general)));
      if (state!.replay) return replayOf(state!.replay);
      const duplicate = (state!.open ?? []).find(
        (r) => canonicalJson(r.scope) === canonicalJson(f.scope) && (!general || r.description.trim() === f.description.trim()),
      );
      if (duplicate) return { ok: false, error: "duplicate", duplicateRef: duplicate.ref };
      const ref = formatRef(now, BigInt(state!.seq));

      const requestId = randomUUID();
      await tx.insert(requests).values({
        id: requestId,
        ref,
        type: f.type,
        requesterId: f.requester.id,
        relationship: f.relationship,
        subjectName: f.subjectName,
        subjectPhone,
        subjectAccountId: subject.accountId,
        subjectPatientId: subject.patientId,
        subjectBirthDate: f.subjectBirthDate,
        relativeInterest: f.relativeInterest,
        scope: f.scope,
        description: f.description,
        locale,
        receivedAt: f.receivedAt,
        targetDate: deadline.targetDate,
        dueDate: deadline.dueDate,
        dueAt: deadline.dueAt,
        provisional: deadline.provisional,
        policyTargetWorkingDays: policies[f.type].targetWorkingDays,
        policyDueWorkingDays: policies[f.type].dueWorkingDays,
        isRepeat: state!.earlier > 0,
        identityVerifiedAt: f.identityVerifiedAt,
        verificationStatus: f.verification.status,
        idempotencyKey: f.idempotencyKey,
        channel: f.channel,
        loggedById: f.channel === "portal" ? null : f.actorId,
        createdAt: now,
        updatedAt: now,
      });
      if (f.fileIds.length > 0 && !(await linkFiles(tx, f, requestId))) throw new ProofInvalid();
      const due = `${deadline.dueDate} ${translatorFor(locale, "weekdays")(String(weekdayOf(deadline.dueDate)) as "0")}`;
      // The rows that refer to the request, sent together without waiting for each answer (postgres.js pipelines a
      // transaction's statements on its one connection; the first failure aborts the rest with the transaction).
      // Their order among themselves does not matter, and drizzle does not keep it; the request's row is in first.
      // Two round trips where there were six, and the audit chain's lock is held for a shorter time (issue 17).
      const sent = await Promise.allSettled([
        tx.insert(requestVerifications).values(f.verification.records.map((v) => ({ ...v, requestId }))),
        tx.insert(requestEvents).values({ requestId, kind: "submitted", toStatus: "submitted", actorId: f.actorId, public: true, occurredAt: now }),
        outboxSmsSender.send(tx, { phone: f.requester.phone, template: f.smsTemplate, params: { ref, due }, locale, requestId, at: now }),
        (async () => {
          for (const audit of f.audits) {
            await appendAudit(tx, { actorId: f.actorId, action: audit.action, entity: "request", entityId: ref, requestId, data: audit.data, now });
          }
        })(),
      ]);
      // Every statement answered before the transaction ends: none may be sent after its rollback.
      const failed = sent.find((r) => r.status === "rejected");
      if (failed) throw failed.reason;
      return { ok: true, ref, dueDate: deadline.dueDate, dueAt: deadline.dueAt, provisional: deadline.provisional, replayed: false };
    })
    .catch((e) => {
      if (e instanceof ProofInvalid) return { ok: false as const, error: "proof_invalid" as const };
      throw e;
    });
  return result;
}

class ProofInvalid extends Error {}

type FilingState = {
  replay: { ref: string; due_date: string; due_at: string; provisional: boolean } | null;
  open: { ref: string; scope: RequestScope; description: string }[] | null;
  earlier: number;
  seq: string;
};

/**
 * Under the requester's lock: a request already filed with this idempotency key; the open requests of the same
 * requester, type and subject (candidates for a duplicate); how many requests of this type for this subject were
 * received in the repeat window (a repeat may be charged for, policy §8.7); and the next reference number.
 */
function filingStateQuery(f: Filing, subjectPhone: string, general: boolean): SQL {
  const samePatient = f.subject.patientId ? sql`subject_patient_id = ${f.subject.patientId}` : sql`subject_patient_id is null`;
  const open = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(", "));
  return sql`select
    (select json_build_object('ref', ref, 'due_date', due_date, 'due_at', due_at, 'provisional', provisional)
       from dsr.requests where requester_id = ${f.requester.id} and idempotency_key = ${f.idempotencyKey}) as replay,
    (select json_agg(json_build_object('ref', ref, 'scope', scope, 'description', ${general ? sql`description` : sql`''`}))
       from dsr.requests where requester_id = ${f.requester.id} and type = ${f.type} and subject_phone = ${subjectPhone}
         and ${samePatient} and status in (${open})) as open,
    (select count(*)::int from dsr.requests where type = ${f.type} and subject_phone = ${subjectPhone} and ${samePatient}
       and received_at >= ${repeatWindowStart(f.receivedAt).toISOString()}::timestamptz) as earlier,
    nextval('dsr.request_ref_seq')::text as seq`;
}

function replayOf(r: NonNullable<FilingState["replay"]>): SubmitResult {
  return { ok: true, ref: r.ref, dueDate: r.due_date, dueAt: new Date(r.due_at), provisional: r.provisional, replayed: true };
}

/** Links the uploaded files to the new request, each proof with the kind the requester gave it; false if any is not theirs to link. */
async function linkFiles(tx: Tx, f: Filing, requestId: string): Promise<boolean> {
  const linked = await tx
    .update(attachments)
    .set({ requestId })
    .where(
      and(inArray(attachments.id, f.fileIds), eq(attachments.uploaderId, f.actorId), isNull(attachments.requestId), isNull(attachments.deletedAt)),
    )
    .returning({ id: attachments.id });
  if (linked.length !== new Set(f.fileIds).size) return false;
  // Each proof document keeps what the requester said it is, for the staff who check it.
  for (const id of f.fileIds) {
    const kind = f.proofKinds[id];
    if (kind) await tx.update(attachments).set({ proofKind: kind }).where(eq(attachments.id, id));
  }
  return true;
}

/** The account holder's name: their real-name record's, else their nickname. */
async function accountHolderName(conn: Conn, accountId: string): Promise<string> {
  const [real] = await conn
    .select({ name: realNameVerifications.realName })
    .from(realNameVerifications)
    .where(eq(realNameVerifications.accountId, accountId));
  if (real) return real.name;
  const [account] = await conn.select({ nickname: accounts.nickname }).from(accounts).where(eq(accounts.id, accountId));
  return account?.nickname ?? "";
}

async function findByIdempotencyKey(conn: Conn, requesterId: string, key: string): Promise<SubmitResult | null> {
  const [existing] = await conn
    .select({ ref: requests.ref, dueDate: requests.dueDate, dueAt: requests.dueAt, provisional: requests.provisional })
    .from(requests)
    .where(and(eq(requests.requesterId, requesterId), eq(requests.idempotencyKey, key)));
  return existing ? { ok: true, ...existing, replayed: true } : null;
}
