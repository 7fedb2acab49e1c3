import "server-only";
import { and, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import type { Conn, Db } from "@/db/client";
import {
  accounts,
  addresses,
  attachments,
  OPEN_STATUSES,
  realNameVerifications,
  requestEvents,
  requests,
  type RequestScope,
} from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import { canonicalJson } from "@/lib/audit/chain";
import type { Actor } from "@/lib/auth/session";
import { loadSlaPolicies } from "@/lib/calendar/policies";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { repeatWindowStart } from "@/lib/domain/repeat-window";
import { checkRealName } from "@/lib/identity/real-name";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { accountByPhone, cancellationBlockers, ownedIds, ownsDecision, type CancellationBlocker } from "@/lib/platform/ownership";
import { isRequester } from "@/lib/policy";
import { computeDeadline, weekdayOf } from "@/lib/sla";
import { outboxSmsSender } from "@/lib/sms/sender";
import type { DataCategory } from "./categories";
import { needsRealNameCheck } from "./identity-rule";
import { nextRequestRef } from "./ref";
import type { SubmitInputT } from "./submit-schema";

export type SubmitError =
  | "duplicate"
  | "identity_required"
  | "identity_mismatch"
  | "identity_locked"
  | "no_real_name"
  | "not_yours"
  | "proof_invalid"
  | "cancellation_blocked";

export type SubmitResult =
  | { ok: true; ref: string; dueDate: string; dueAt: Date; provisional: boolean; replayed: boolean }
  | { ok: false; error: SubmitError; duplicateRef?: string; blockers?: CancellationBlocker[]; fieldErrors?: Record<string, string[]> };

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
    const [related] = await conn
      .select({ requesterId: requests.requesterId })
      .from(requests)
      .where(eq(requests.ref, input.relatedRequestRef));
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

  let identityVerifiedAt: Date | null = null;
  if (needsRealNameCheck(input)) {
    if (!input.identityName || !input.identityLast4) {
      return { ok: false, error: "identity_required", fieldErrors: { identityName: ["required"], identityLast4: ["required"] } };
    }
    const check = await checkRealName(db, actor, { name: input.identityName, last4: input.identityLast4 }, now);
    if (check === "locked") return { ok: false, error: "identity_locked" };
    if (check === "mismatch") return { ok: false, error: "identity_mismatch" };
    if (check === "no_record" && input.relationship === "self") return { ok: false, error: "no_real_name" };
    if (check === "matched") identityVerifiedAt = now;
  }

  const self = input.relationship === "self";
  const subjectPhone = self ? actor.phone! : input.subjectPhone!;
  const subjectAccount = await accountByPhone(db, subjectPhone);
  const owned = await checkOwnership(db, actor, input, subjectAccount?.id ?? null);
  if (!owned.ok) return { ok: false, error: "not_yours" };
  if (input.type === "cancellation") {
    const blockers = subjectAccount ? await cancellationBlockers(db, subjectAccount.id) : [];
    if (blockers.length > 0) return { ok: false, error: "cancellation_blocked", blockers };
  }
  const subjectName = self
    ? ((subjectAccount && (await db.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, subjectAccount.id)))[0]?.realName) ??
      subjectAccount?.nickname ??
      "")
    : input.subjectName!;
  const scope = scopeOf(input, owned.current);
  const [index, policies] = await Promise.all([loadWorkingDayIndex(db), loadSlaPolicies(db)]);
  const deadline = computeDeadline(now, policies[input.type], index);

  const result = await db.transaction(async (tx): Promise<SubmitResult> => {
    // One submission per patient at a time, so duplicates and idempotency keys are decided without a race.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`submit:${actor.id}`}))`);
    const again = await findByIdempotencyKey(tx, actor.id, input.idempotencyKey);
    if (again) return again;
    const open = await tx
      .select({ ref: requests.ref, scope: requests.scope, description: requests.description })
      .from(requests)
      .where(
        and(
          eq(requests.requesterId, actor.id),
          eq(requests.type, input.type),
          eq(requests.subjectPhone, subjectPhone),
          inArray(requests.status, [...OPEN_STATUSES]),
        ),
      );
    // A general question (a complaint about no request) is told apart by what it asks.
    const general = input.type === "complaint" && !scope.relatedRequestRef;
    const duplicate = open.find((r) => canonicalJson(r.scope) === canonicalJson(scope) && (!general || r.description.trim() === descriptionOf(input).trim()));
    if (duplicate) return { ok: false, error: "duplicate", duplicateRef: duplicate.ref };

    const [earlier] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(requests)
      .where(and(eq(requests.type, input.type), eq(requests.subjectPhone, subjectPhone), gte(requests.receivedAt, repeatWindowStart(now))));
    const ref = await nextRequestRef(tx, now);

    const [created] = await tx
      .insert(requests)
      .values({
        ref,
        type: input.type,
        requesterId: actor.id,
        relationship: input.relationship,
        subjectName,
        subjectPhone,
        subjectAccountId: subjectAccount?.id ?? null,
        scope,
        description: descriptionOf(input),
        locale,
        receivedAt: now,
        targetDate: deadline.targetDate,
        dueDate: deadline.dueDate,
        dueAt: deadline.dueAt,
        provisional: deadline.provisional,
        isRepeat: (earlier?.n ?? 0) > 0,
        identityVerifiedAt,
        idempotencyKey: input.idempotencyKey,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const fileIds = [...input.proofAttachmentIds, ...(input.type === "correction" ? input.evidenceAttachmentIds : [])];
    if (fileIds.length > 0) {
      const linked = await tx
        .update(attachments)
        .set({ requestId: created!.id })
        .where(and(inArray(attachments.id, fileIds), eq(attachments.uploaderId, actor.id), isNull(attachments.requestId), isNull(attachments.deletedAt)))
        .returning({ id: attachments.id });
      if (linked.length !== new Set(fileIds).size) throw new ProofInvalid();
    }
    await tx.insert(requestEvents).values({ requestId: created!.id, kind: "submitted", toStatus: "submitted", actorId: actor.id, public: true, occurredAt: now });
    const due = `${deadline.dueDate} ${translatorFor(locale, "weekdays")(String(weekdayOf(deadline.dueDate)) as "0")}`;
    await outboxSmsSender.send(tx, { phone: actor.phone!, template: "request_received", params: { ref, due }, locale, requestId: created!.id, at: now });
    await appendAudit(tx, {
      actorId: actor.id,
      action: "request.submit",
      entity: "request",
      entityId: ref,
      requestId: created!.id,
      data: { type: input.type, relationship: input.relationship, files: fileIds.length },
      now,
    });
    return { ok: true, ref, dueDate: deadline.dueDate, dueAt: deadline.dueAt, provisional: deadline.provisional, replayed: false };
  }).catch((e) => {
    if (e instanceof ProofInvalid) return { ok: false as const, error: "proof_invalid" as const };
    throw e;
  });
  return result;
}

class ProofInvalid extends Error {}

async function findByIdempotencyKey(conn: Conn, requesterId: string, key: string): Promise<SubmitResult | null> {
  const [existing] = await conn
    .select({ ref: requests.ref, dueDate: requests.dueDate, dueAt: requests.dueAt, provisional: requests.provisional })
    .from(requests)
    .where(and(eq(requests.requesterId, requesterId), eq(requests.idempotencyKey, key)));
  return existing ? { ok: true, ...existing, replayed: true } : null;
}
