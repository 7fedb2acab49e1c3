import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments, requests } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";
import { isUuid } from "@/lib/domain";
import { isPatient, isRequester } from "@/lib/policy";
import { checkDownloadLink } from "./download-link";
import { resultReleases } from "./result-release";

/**
 * Why a download is refused. `not_found` covers every file the actor may not know exists (a guessed id,
 * another requester's file, an unreleased package), so the answer never tells them apart.
 */
export type DownloadRefusal = "not_found" | "invalid" | "expired";

export class DownloadRefused extends Error {
  constructor(readonly reason: DownloadRefusal) {
    super(reason);
    this.name = "DownloadRefused";
  }
}

export type DownloadedFile = { id: string; filename: string; contentType: string; content: Uint8Array };

/**
 * A released result, for its requester through the signed link (lib/fulfilment/download-link.ts); each
 * download is audited in the same transaction. Everything else is refused with a DownloadRefused.
 */
export async function openReleasedResult(
  db: Db,
  actor: Actor,
  id: string,
  link: { expires?: string | null; sig?: string | null },
  now = new Date(),
): Promise<DownloadedFile> {
  if (!isPatient(actor.role) || !isUuid(id)) throw new DownloadRefused("not_found");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: attachments.id,
        requestId: attachments.requestId,
        filename: attachments.filename,
        contentType: attachments.contentType,
        content: attachments.content,
        requesterId: requests.requesterId,
        ref: requests.ref,
      })
      .from(attachments)
      .innerJoin(requests, eq(requests.id, attachments.requestId))
      .where(and(eq(attachments.id, id), eq(attachments.purpose, "result"), isNull(attachments.deletedAt)));
    if (!row || !row.content || !isRequester(actor, row)) throw new DownloadRefused("not_found");
    const release = (await resultReleases(tx, row.requestId!, now)).get(row.id);
    if (!release) throw new DownloadRefused("not_found");
    const check = checkDownloadLink(row.id, actor.id, link.expires, link.sig, now);
    if (check !== "ok") throw new DownloadRefused(check);
    if (release.expired) throw new DownloadRefused("expired");
    await appendAudit(tx, {
      actorId: actor.id,
      action: "result.download",
      entity: "attachment",
      entityId: row.id,
      requestId: row.requestId,
      data: { ref: row.ref, sizeBytes: row.content.byteLength },
      now,
    });
    return { id: row.id, filename: row.filename, contentType: row.contentType, content: row.content };
  });
}
