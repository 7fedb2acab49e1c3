import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";
import { isUuid } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { findRequestForStaff } from "./staff-view";

/** Types a browser may show inline; anything else is only ever downloaded, as opaque bytes. */
const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"]);

export type AttachmentMode = "view" | "download";

/**
 * An attachment of a request, for staff: its bytes and how to serve them, with an audit row per view or
 * download written in the same transaction. Another request's attachment, a deleted one or a malformed id is
 * not found.
 */
export async function readAttachmentForStaff(db: Db, actor: Actor, ref: string, id: string, mode: AttachmentMode, now: Date) {
  if (!isUuid(id)) throw new NotFoundError("attachment");
  return db.transaction(async (tx) => {
    const { request } = await findRequestForStaff(tx, actor, ref);
    const [row] = await tx
      .select()
      .from(attachments)
      .where(and(eq(attachments.id, id), eq(attachments.requestId, request.id), isNull(attachments.deletedAt)));
    if (!row || !row.content) throw new NotFoundError("attachment");
    const inline = mode === "view" && INLINE_TYPES.has(row.contentType);
    await appendAudit(tx, {
      actorId: actor.id,
      action: inline ? "attachment.view" : "attachment.download",
      entity: "attachment",
      entityId: row.id,
      requestId: request.id,
      data: { purpose: row.purpose, filename: row.filename, sha256: row.sha256 },
      now,
    });
    return {
      filename: row.filename,
      contentType: inline ? row.contentType : "application/octet-stream",
      disposition: inline ? ("inline" as const) : ("attachment" as const),
      content: row.content,
    };
  });
}

/** Content-Disposition with the original (possibly Chinese) file name, RFC 6266 / 5987. */
export function contentDisposition(disposition: "inline" | "attachment", filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
