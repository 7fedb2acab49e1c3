import "server-only";
import { inArray } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { attachments } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";

type DueAttachment = { id: string; requestId: string | null; ref: string };

/**
 * Deletes the content of attachments a retention rule has made due. The rows stay, marked deleted, so the request's
 * history still names what existed and when; one audit row per request names what was deleted (`data` adds the
 * rule's own parameters). Returns the references of the requests touched.
 */
export async function deleteAttachmentContents(
  tx: Conn,
  due: DueAttachment[],
  audit: { action: string; now: Date; data?: Record<string, unknown> },
): Promise<string[]> {
  const refs = [...new Set(due.map((d) => d.ref))];
  if (due.length === 0) return refs;
  await tx
    .update(attachments)
    .set({ content: null, deletedAt: audit.now })
    .where(
      inArray(
        attachments.id,
        due.map((d) => d.id),
      ),
    );
  for (const ref of refs) {
    const rows = due.filter((d) => d.ref === ref);
    await appendAudit(tx, {
      actorId: null,
      action: audit.action,
      entity: "request",
      entityId: ref,
      requestId: rows[0]!.requestId,
      data: { attachmentIds: rows.map((r) => r.id), ...audit.data },
      now: audit.now,
    });
  }
  return refs;
}
