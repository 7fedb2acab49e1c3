import "server-only";
import { and, eq, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments, requests } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import { deleteAttachmentContents } from "./delete-contents";

/** Proof documents (ID cards, 户口簿, 死亡证明, authorisations) are kept this many days after their request closes. */
export const DEFAULT_PROOF_RETENTION_DAYS = 30;

export type ProofPurgeReport = { applied: boolean; before: string; attachments: string[]; requests: string[] };

/**
 * Deletes the content of proof documents whose request closed more than `days` days before `now` (a reopened
 * request is open again, so its proofs stay). The rows stay, marked deleted, so the verification record still
 * names the evidence it looked at. Dry run unless `apply`.
 */
export async function purgeProofDocuments(db: Db, opts: { apply: boolean; now: Date; days?: number }): Promise<ProofPurgeReport> {
  const days = opts.days ?? DEFAULT_PROOF_RETENTION_DAYS;
  const before = new Date(opts.now.getTime() - days * 86_400_000);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: attachments.id, requestId: attachments.requestId, ref: requests.ref })
      .from(attachments)
      .innerJoin(requests, eq(requests.id, attachments.requestId))
      .where(and(eq(attachments.purpose, "proof"), isNull(attachments.deletedAt), isNotNull(requests.closedAt), lt(requests.closedAt, before)));
    const report: ProofPurgeReport = {
      applied: opts.apply,
      before: before.toISOString(),
      attachments: due.map((d) => d.id),
      requests: [...new Set(due.map((d) => d.ref))],
    };
    if (opts.apply) await deleteAttachmentContents(tx, due, { action: "proof.purge", now: opts.now, data: { days } });
    return report;
  });
}

/** Uploads a patient never filed with a request are deleted after this long (policy: only what a request needs). */
export const ABANDONED_UPLOAD_HOURS = 24;

/** Deletes the content of uploads never attached to a request, older than 24 hours. Dry run unless `apply`. */
export async function purgeAbandonedUploads(db: Db, opts: { apply: boolean; now: Date }): Promise<{ applied: boolean; attachments: string[] }> {
  const before = new Date(opts.now.getTime() - ABANDONED_UPLOAD_HOURS * 3600_000);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(isNull(attachments.requestId), isNull(attachments.deletedAt), lt(attachments.createdAt, before)));
    const ids = due.map((d) => d.id);
    if (opts.apply && ids.length > 0) {
      await tx.update(attachments).set({ content: null, deletedAt: opts.now }).where(inArray(attachments.id, ids));
      await appendAudit(tx, { actorId: null, action: "upload.purge", entity: "attachment", data: { attachmentIds: ids }, now: opts.now });
    }
    return { applied: opts.apply, attachments: ids };
  });
}
