import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments, requestEvents, requests } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import { downloadExpiry } from "./download-link";

export type PackagePurgeReport = { applied: boolean; attachments: string[]; requests: string[] };

/**
 * Deletes released packages (access and portability copies) once their download link has expired: the requester
 * can no longer fetch them, and nobody else needs a copy of everything we hold about a person. The row stays,
 * marked deleted, so the request's history still names what was released and when; one audit row per request
 * names what was deleted. Dry run unless `apply`.
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
    if (!opts.apply || due.length === 0) return report;
    await tx.update(attachments).set({ content: null, deletedAt: opts.now }).where(inArray(attachments.id, report.attachments));
    for (const ref of report.requests) {
      const rows = due.filter((d) => d.ref === ref);
      await appendAudit(tx, {
        actorId: null,
        action: "package.purge",
        entity: "request",
        entityId: ref,
        requestId: rows[0]!.requestId,
        data: { attachmentIds: rows.map((r) => r.id) },
        now: opts.now,
      });
    }
    return report;
  });
}
