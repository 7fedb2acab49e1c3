import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Conn, Db } from "@/db/client";
import { attachments, identityChecks, messages, requestEvents, requests, requestVerifications, users, type Request } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";
import { REF_PATTERN } from "@/lib/domain/ref";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { canSee, isStaff } from "@/lib/policy";

const requester = alias(users, "requester");
const assignee = alias(users, "assignee");
const logger = alias(users, "logger");

function assertStaff(actor: Actor) {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
}

/** The request behind `ref` for staff, with requester and assignee; a malformed or unknown ref is not found. */
export async function findRequestForStaff(conn: Conn, actor: Actor, ref: string) {
  assertStaff(actor);
  const normalised = ref.trim().toUpperCase();
  if (!REF_PATTERN.test(normalised)) throw new NotFoundError("request");
  const [row] = await conn
    .select({
      request: requests,
      requester: { id: requester.id, displayName: requester.displayName, phone: requester.phone, locale: requester.locale },
      assignee: { id: assignee.id, displayName: assignee.displayName },
      loggedBy: { id: logger.id, displayName: logger.displayName },
    })
    .from(requests)
    .innerJoin(requester, eq(requester.id, requests.requesterId))
    .leftJoin(assignee, eq(assignee.id, requests.assigneeId))
    .leftJoin(logger, eq(logger.id, requests.loggedById))
    .where(eq(requests.ref, normalised));
  if (!row || !canSee(actor, row.request)) throw new NotFoundError("request");
  return {
    request: row.request,
    requester: row.requester,
    assignee: row.assignee?.id ? row.assignee : null,
    // The staff member who logged a request received by phone, letter, e-mail or at the counter.
    loggedBy: row.loggedBy?.id ? row.loggedBy : null,
  };
}

/**
 * Opens a request's page for staff: the request, and an audit row "request.view" written in the same
 * transaction (viewing a request's personal data is itself recorded).
 */
export async function openRequestForStaff(db: Db, actor: Actor, ref: string, now: Date) {
  return db.transaction(async (tx) => {
    const found = await findRequestForStaff(tx, actor, ref);
    await appendAudit(tx, {
      actorId: actor.id,
      action: "request.view",
      entity: "request",
      entityId: found.request.ref,
      requestId: found.request.id,
      now,
    });
    return found;
  });
}

const eventActor = alias(users, "event_actor");

/** Every event of the request, internal ones included, oldest first, with who did it. */
export async function requestTimeline(conn: Conn, actor: Actor, requestId: string) {
  assertStaff(actor);
  return conn
    .select({
      id: requestEvents.id,
      kind: requestEvents.kind,
      fromStatus: requestEvents.fromStatus,
      toStatus: requestEvents.toStatus,
      reason: requestEvents.reason,
      public: requestEvents.public,
      data: requestEvents.data,
      occurredAt: requestEvents.occurredAt,
      actorName: eventActor.displayName,
      actorRole: eventActor.role,
    })
    .from(requestEvents)
    .leftJoin(eventActor, eq(eventActor.id, requestEvents.actorId))
    .where(eq(requestEvents.requestId, requestId))
    .orderBy(asc(requestEvents.occurredAt), asc(requestEvents.id));
}

const decider = alias(users, "decider");

/** The request's verification record, oldest first: each check, its method, evidence, result, who and when. */
export async function requestVerificationRecord(conn: Conn, actor: Actor, requestId: string) {
  assertStaff(actor);
  return conn
    .select({
      id: requestVerifications.id,
      method: requestVerifications.method,
      result: requestVerifications.result,
      evidence: requestVerifications.evidence,
      note: requestVerifications.note,
      decidedAt: requestVerifications.decidedAt,
      deciderName: decider.displayName,
    })
    .from(requestVerifications)
    .leftJoin(decider, eq(decider.id, requestVerifications.decidedById))
    .where(eq(requestVerifications.requestId, requestId))
    .orderBy(asc(requestVerifications.decidedAt), asc(requestVerifications.id));
}

const author = alias(users, "author");

/** The request's messages, oldest first: the public thread with the requester and the internal notes. */
export async function requestMessages(conn: Conn, actor: Actor, requestId: string) {
  assertStaff(actor);
  const rows = await conn
    .select({
      id: messages.id,
      internal: messages.internal,
      body: messages.body,
      createdAt: messages.createdAt,
      authorId: messages.authorId,
      authorName: author.displayName,
      authorRole: author.role,
    })
    .from(messages)
    .innerJoin(author, eq(author.id, messages.authorId))
    .where(eq(messages.requestId, requestId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  return { thread: rows.filter((m) => !m.internal), notes: rows.filter((m) => m.internal) };
}

/** Attachments of the request (metadata only: the content is served by the audited route handler). */
export async function requestAttachments(conn: Conn, actor: Actor, requestId: string) {
  assertStaff(actor);
  return conn
    .select({
      id: attachments.id,
      purpose: attachments.purpose,
      filename: attachments.filename,
      contentType: attachments.contentType,
      sizeBytes: attachments.sizeBytes,
      createdAt: attachments.createdAt,
      messageId: attachments.messageId,
      proofKind: attachments.proofKind,
    })
    .from(attachments)
    .where(and(eq(attachments.requestId, requestId), isNull(attachments.deletedAt)))
    .orderBy(asc(attachments.createdAt));
}

/** The requester's latest real-name checks (the check is per person, not per request). */
export async function requesterIdentityChecks(conn: Conn, actor: Actor, request: Pick<Request, "requesterId">) {
  assertStaff(actor);
  return conn
    .select({ matched: identityChecks.matched, occurredAt: identityChecks.occurredAt })
    .from(identityChecks)
    .where(eq(identityChecks.userId, request.requesterId))
    .orderBy(desc(identityChecks.occurredAt))
    .limit(5);
}
