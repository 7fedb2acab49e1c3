import "server-only";
import { createHash } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments, messages, requests } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";
import { isUuid } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { isPatient, isRequester, isStaff, canLogIntake } from "@/lib/policy";
import { checkUpload, UPLOAD_LIMITS, type UploadError } from "./file-type";

/**
 * Documents in PostgreSQL (attachments.content), never under a public path. A patient uploads before submitting
 * (the file is theirs, linked to no request yet); submitting or answering links it. Who may read a file:
 * its uploader; staff, once it belongs to a request (every view audited); the requester, for files staff sent
 * in a message that is not an internal note. Released results reach the requester only through their signed
 * link (lib/fulfilment/downloads.ts). Anyone else — and any id that does not exist — gets NotFoundError, the same answer.
 */

export const PATIENT_UPLOAD_PURPOSES = ["proof", "evidence", "message"] as const;
export type PatientUploadPurpose = (typeof PATIENT_UPLOAD_PURPOSES)[number];

export type StoredUpload = { id: string; filename: string; contentType: string; sizeBytes: number; purpose: PatientUploadPurpose };

export type StoreUploadResult = { ok: true; upload: StoredUpload } | { ok: false; error: UploadError | "upload_count" };

/** Checks the file (size, type from its bytes) and stores it for the uploader, with an audit row. */
export async function storeUpload(
  db: Db,
  actor: Actor,
  input: { purpose: PatientUploadPurpose; filename: string; bytes: Uint8Array },
  now = new Date(),
): Promise<StoreUploadResult> {
  // Staff logging a request (lib/requests/intake.ts) upload what came with it, a scanned letter, as a proof document.
  if (!isPatient(actor.role) && !(input.purpose === "proof" && canLogIntake(actor))) throw new NotFoundError("upload");
  const checked = checkUpload(input.bytes, input.filename);
  if (!checked.ok) return checked;
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  return db.transaction(async (tx) => {
    // One upload per patient at a time, so the pending count is exact.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`upload:${actor.id}`}))`);
    const [pending] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(attachments)
      .where(and(eq(attachments.uploaderId, actor.id), isNull(attachments.requestId), isNull(attachments.deletedAt)));
    if ((pending?.n ?? 0) >= UPLOAD_LIMITS.maxPending) return { ok: false as const, error: "upload_count" as const };
    const [row] = await tx
      .insert(attachments)
      .values({
        uploaderId: actor.id,
        purpose: input.purpose,
        filename: checked.filename,
        contentType: checked.contentType,
        sizeBytes: input.bytes.length,
        sha256,
        content: input.bytes,
        createdAt: now,
      })
      .returning({ id: attachments.id });
    await appendAudit(tx, {
      actorId: actor.id,
      action: "attachment.upload",
      entity: "attachment",
      entityId: row!.id,
      data: { purpose: input.purpose, contentType: checked.contentType, sizeBytes: input.bytes.length },
      now,
    });
    return {
      ok: true as const,
      upload: { id: row!.id, filename: checked.filename, contentType: checked.contentType, sizeBytes: input.bytes.length, purpose: input.purpose },
    };
  });
}

/** The uploader takes back a file not yet sent with a request or message: its content is erased at once. */
export async function discardUpload(db: Db, actor: Actor, id: string, now = new Date()): Promise<void> {
  if (!(isPatient(actor.role) || canLogIntake(actor)) || !isUuid(id)) throw new NotFoundError("attachment");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(attachments)
      .set({ deletedAt: now, content: null })
      .where(and(eq(attachments.id, id), eq(attachments.uploaderId, actor.id), isNull(attachments.requestId), isNull(attachments.deletedAt)))
      .returning({ id: attachments.id });
    if (!row) throw new NotFoundError("attachment");
    await appendAudit(tx, { actorId: actor.id, action: "attachment.discard", entity: "attachment", entityId: id, now });
  });
}

export type OpenedAttachment = { id: string; filename: string; contentType: string; content: Uint8Array };

/**
 * The file, if `actor` may read it (see the module comment); the read is audited in the same transaction.
 */
export async function openAttachment(db: Db, actor: Actor, id: string, now = new Date()): Promise<OpenedAttachment> {
  if (!isUuid(id)) throw new NotFoundError("attachment");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: attachments.id,
        requestId: attachments.requestId,
        uploaderId: attachments.uploaderId,
        purpose: attachments.purpose,
        filename: attachments.filename,
        contentType: attachments.contentType,
        content: attachments.content,
        requesterId: requests.requesterId,
        internal: messages.internal,
        messageId: attachments.messageId,
      })
      .from(attachments)
      .leftJoin(requests, eq(requests.id, attachments.requestId))
      .leftJoin(messages, eq(messages.id, attachments.messageId))
      .where(and(eq(attachments.id, id), isNull(attachments.deletedAt)));
    if (!row || !row.content) throw new NotFoundError("attachment");

    const staff = isStaff(actor.role);
    const own = row.uploaderId === actor.id;
    const requester = row.requestId !== null && row.requesterId !== null && isRequester(actor, { requesterId: row.requesterId });
    const allowed =
      (staff && row.requestId !== null) || own || (requester && row.purpose === "message" && row.messageId !== null && row.internal === false);
    if (!allowed) throw new NotFoundError("attachment");

    await appendAudit(tx, {
      actorId: actor.id,
      action: "attachment.download",
      entity: "attachment",
      entityId: row.id,
      requestId: row.requestId,
      data: { purpose: row.purpose, role: actor.role, own },
      now,
    });
    return { id: row.id, filename: row.filename, contentType: row.contentType, content: row.content };
  });
}
