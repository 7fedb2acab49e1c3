import "server-only";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { attachments, automatedDecisions, messages, requestEvents, requests, users, type Request } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { REF_PATTERN } from "@/lib/domain/ref";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { signedDownloadPath } from "@/lib/fulfilment/download-link";
import { fulfilmentOutcome, type FulfilmentOutcome } from "@/lib/fulfilment/outcome";
import { resultReleases } from "@/lib/fulfilment/result-release";
import { isPatient } from "@/lib/policy";
import type { RequestSummary } from "./queries";

/**
 * What a patient sees of their own requests. Everything goes through the request's requester: another
 * patient's reference, a malformed one and one that does not exist all throw the same NotFoundError. Internal
 * notes and non-public events never leave this module; neither do proof files of anyone but the patient.
 */

export type PatientFile = { id: string; filename: string; contentType: string; sizeBytes: number; purpose: string; href: string };

export type PatientMessage = {
  id: string;
  fromMe: boolean;
  body: string;
  createdAt: Date;
  files: PatientFile[];
};

export type PatientEvent = {
  id: number;
  kind: string;
  /** The patient's own doing (a message, an answer, a withdrawal). */
  mine: boolean;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  occurredAt: Date;
};

export type MyRequestDetail = {
  request: Pick<
    Request,
    | "id"
    | "ref"
    | "type"
    | "status"
    | "outcome"
    | "relationship"
    | "subjectName"
    | "subjectPhone"
    | "scope"
    | "description"
    | "receivedAt"
    | "targetDate"
    | "dueDate"
    | "dueAt"
    | "provisional"
    | "pausedAt"
    | "pauseReason"
    | "closedAt"
    | "feeAmount"
    | "feeReason"
    | "feeStatus"
    | "feePayment"
    | "refusalReason"
    | "refusalExplanation"
    | "version"
  >;
  summary: RequestSummary;
  events: PatientEvent[];
  messages: PatientMessage[];
  /** Files the patient sent with the request (proof, evidence). */
  myFiles: PatientFile[];
  /** Released results with their signed link and the moment it stops working. */
  results: (PatientFile & { expiresAt: Date })[];
  /** Result files whose download period has ended. */
  expiredResults: number;
  /** What fulfilment did to the hospital's records, item by item. */
  outcome: FulfilmentOutcome;
  /** The automated decision an automated_decision request is about, from the subject's records. */
  decision: { kind: string; outcome: string; decidedAt: Date } | null;
};

function assertPatient(actor: Actor) {
  if (!isPatient(actor.role)) throw new ForbiddenError("patients only");
}

/** The actor's own request behind `ref`, or NotFoundError. */
export async function getMyRequest(conn: Conn, actor: Actor, ref: string, now = new Date()): Promise<MyRequestDetail> {
  assertPatient(actor);
  if (!REF_PATTERN.test(ref)) throw new NotFoundError("request");
  const [r] = await conn
    .select()
    .from(requests)
    .where(and(eq(requests.ref, ref), eq(requests.requesterId, actor.id)));
  if (!r) throw new NotFoundError("request");

  const decisionId = r.type === "automated_decision" ? r.scope.decisionId : undefined;
  const [eventRows, messageRows, fileRows, decisionRows] = await Promise.all([
    conn
      .select()
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, r.id), eq(requestEvents.public, true)))
      .orderBy(asc(requestEvents.occurredAt), asc(requestEvents.id)),
    conn
      .select({ id: messages.id, authorId: messages.authorId, body: messages.body, createdAt: messages.createdAt, authorRole: users.role })
      .from(messages)
      .innerJoin(users, eq(users.id, messages.authorId))
      .where(and(eq(messages.requestId, r.id), eq(messages.internal, false)))
      .orderBy(asc(messages.createdAt), asc(messages.id)),
    conn
      .select({
        id: attachments.id,
        messageId: attachments.messageId,
        uploaderId: attachments.uploaderId,
        purpose: attachments.purpose,
        filename: attachments.filename,
        contentType: attachments.contentType,
        sizeBytes: attachments.sizeBytes,
      })
      .from(attachments)
      .where(and(eq(attachments.requestId, r.id), isNull(attachments.deletedAt)))
      .orderBy(asc(attachments.createdAt)),
    decisionId && r.subjectAccountId
      ? conn
          .select({ kind: automatedDecisions.kind, outcome: automatedDecisions.outcome, decidedAt: automatedDecisions.decidedAt })
          .from(automatedDecisions)
          .where(and(eq(automatedDecisions.id, decisionId), eq(automatedDecisions.accountId, r.subjectAccountId)))
      : Promise.resolve([]),
  ]);

  const visibleMessageIds = new Set(messageRows.map((m) => m.id));
  const file = (f: (typeof fileRows)[number], href = `/api/attachments/${f.id}`): PatientFile => ({
    id: f.id,
    filename: f.filename,
    contentType: f.contentType,
    sizeBytes: f.sizeBytes,
    purpose: f.purpose,
    href,
  });
  // In a message the patient can see: theirs, or staff's message files. Never a file on an internal note.
  const inMessage = (f: (typeof fileRows)[number]) =>
    f.messageId !== null && visibleMessageIds.has(f.messageId) && (f.uploaderId === actor.id || f.purpose === "message");

  const resultFiles = fileRows.filter((f) => f.purpose === "result" && f.uploaderId !== actor.id);
  const [releases, outcome] = await Promise.all([resultReleases(conn, r.id, now), fulfilmentOutcome(conn, r)]);
  const live = resultFiles.flatMap((f) => {
    const release = releases.get(f.id);
    return release && !release.expired ? [{ ...file(f, signedDownloadPath(f.id, actor.id, release.expiresAt)), expiresAt: release.expiresAt }] : [];
  });
  return {
    request: r,
    summary: r,
    events: eventRows.map((e) => ({
      id: e.id,
      kind: e.kind,
      mine: e.actorId === actor.id,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      reason: e.reason,
      data: e.data,
      occurredAt: e.occurredAt,
    })),
    messages: messageRows.map((m) => ({
      id: m.id,
      fromMe: m.authorId === actor.id,
      body: m.body,
      createdAt: m.createdAt,
      files: fileRows.filter((f) => f.messageId === m.id && inMessage(f)).map((f) => file(f)),
    })),
    myFiles: fileRows.filter((f) => f.uploaderId === actor.id && f.messageId === null).map((f) => file(f)),
    results: live,
    expiredResults: resultFiles.filter((f) => releases.get(f.id)?.expired).length,
    outcome,
    decision: decisionRows[0] ?? null,
  };
}

export type MyRequestChoice = { ref: string; type: Request["type"]; status: Request["status"]; receivedAt: Date };

/** The actor's requests a complaint may be about, newest first. */
export async function listMyRequestChoices(conn: Conn, actor: Actor): Promise<MyRequestChoice[]> {
  assertPatient(actor);
  return conn
    .select({ ref: requests.ref, type: requests.type, status: requests.status, receivedAt: requests.receivedAt })
    .from(requests)
    .where(eq(requests.requesterId, actor.id))
    .orderBy(desc(requests.receivedAt))
    .limit(200);
}

/** How many of the actor's requests wait for their answer (for the list's call to action). */
export async function refsAwaitingMe(conn: Conn, actor: Actor): Promise<Set<string>> {
  assertPatient(actor);
  const rows = await conn
    .select({ ref: requests.ref })
    .from(requests)
    .where(and(eq(requests.requesterId, actor.id), inArray(requests.status, ["awaiting_requester"])));
  return new Set(rows.map((r) => r.ref));
}
