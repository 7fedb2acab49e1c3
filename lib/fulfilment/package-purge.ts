import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments, requestEvents, requests } from "@/db/schema";
import { deleteAttachmentContents } from "@/lib/uploads/delete-contents";
import { downloadExpiry } from "./download-link";

export type PackagePurgeReport = { applied: boolean; attachments: string[]; requests: string[] };

/**
 * Deletes released packages (access and portability copies) once their download link has expired: the requester
 * can no longer fetch them, and nobody else needs a copy of everything we hold about a person (rows stay, marked
 * deleted, as in every purge of attachments). Dry run unless `apply`.
 */
export async function purgeExpiredPackages(db: Db, opts: { apply: boolean; now: Date }): Promise<PackagePurgeReport> {
  return db.transaction(async (tx) => {
    const released = await tx
      .select({
        id: attachments.id,
        requestId: attachments.requestId,
        ref: requests.ref,
        releasedAt: sql<string>`${requestEvents.data} -> 'result' ->> 'releasedAt'`,
      })
      .from(attachments)
      .innerJoin(requests, eq(requests.id, attachments.requestId))
      .innerJoin(
        requestEvents,
        and(
          eq(requestEvents.requestId, attachments.requestId),
          eq(requestEvents.kind, "fulfilment_step"),
          sql`${requestEvents.data} ->> 'step' = 'access.release'`,
          sql`${requestEvents.data} ->> 'status' = 'done'`,
          sql`${requestEvents.data} -> 'result' ->> 'attachmentId' = ${attachments.id}::text`,
        ),
      )
      .where(and(eq(attachments.purpose, "result"), isNull(attachments.deletedAt)));
    // A package released twice (a reopened request) is kept until its latest link expires.
    const latest = new Map<string, (typeof released)[number]>();
    for (const r of released) if (!latest.has(r.id) || latest.get(r.id)!.releasedAt < r.releasedAt) latest.set(r.id, r);
    const due = [...latest.values()].filter((r) => downloadExpiry(new Date(r.releasedAt)).getTime() <= opts.now.getTime());
    const report: PackagePurgeReport = { applied: opts.apply, attachments: due.map((d) => d.id), requests: [...new Set(due.map((d) => d.ref))] };
    if (opts.apply) await deleteAttachmentContents(tx, due, { action: "package.purge", now: opts.now });
    return report;
  });
}
