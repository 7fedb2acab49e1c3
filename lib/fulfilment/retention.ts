import "server-only";
import { and, eq, getTableName, inArray, isNotNull, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cancellationHeldRecords } from "@/db/schema";
import { columnKey, purgeRecords, referencingFirst } from "@/lib/categories/records";
import { REGISTRY, type Entry, type HeldCategory } from "@/lib/categories/registry";
import { appendAudit } from "@/lib/audit/log";
import { addCalendarDays, shanghaiDateOf } from "@/lib/sla";

/** The ids purged (or, in a dry run, to purge) per category a retention period holds, and the transcripts cleared. */
export type PurgeReport = {
  applied: boolean;
  today: string;
} & Record<HeldCategory, string[]> & {
    /** Orders a closed account kept for their own retention (3 years from the transaction). */
    orders: string[];
    transcripts: string[];
  };

/**
 * Deletes restricted records whose retention period has ended (deletable after < today, Shanghai) — of every
 * category the registry says a retention period holds, or that a closed account kept (orders), the records that
 * belong through them with them, and their place under a closed account's subject key — and
 * clears the columns held apart (consultation transcripts) past their own period. Dry run unless `apply`; each
 * purge is audited.
 */
export async function purgeExpiredRetention(db: Db, opts: { apply: boolean; now: Date }): Promise<PurgeReport> {
  const today = shanghaiDateOf(opts.now);
  const held = referencingFirst(REGISTRY.filter((e) => e.erasure.method === "restrict" || ("keptOnCancellation" in e && e.keptOnCancellation)));
  return db.transaction(async (tx) => {
    const expired: [Entry, string[]][] = [];
    for (const entry of held) {
      const r = entry.restriction!;
      const rows = await tx
        .select({ id: entry.id.column })
        .from(entry.table)
        .where(and(isNotNull(r.restrictedAt), lt(r.deletableAfter, today)));
      expired.push([entry, rows.map((row) => String(row.id))]);
    }
    const cleared: { entry: Entry; held: Entry["heldColumns"][number]; ids: string[] }[] = [];
    for (const [entry, purged] of expired) {
      for (const h of entry.heldColumns) {
        // A column's period in whole years of 365 days, counted back from today.
        const cutoff = new Date(`${addCalendarDays(today, -(h.retention.years ?? 0) * 365 - 1)}T00:00:00+08:00`);
        const rows = await tx
          .select({ id: entry.id.column })
          .from(entry.table)
          .where(and(isNotNull(entry.restriction!.restrictedAt), isNotNull(h.column), lt(h.from, cutoff)));
        cleared.push({ entry, held: h, ids: rows.map((row) => String(row.id)).filter((id) => !purged.includes(id)) });
      }
    }
    const report = {
      applied: opts.apply,
      today,
      ...Object.fromEntries(expired.map(([entry, ids]) => [entry.category, ids])),
      ...Object.fromEntries(cleared.map((c) => [c.held.name, c.ids])),
    } as PurgeReport;
    if (!opts.apply) return report;

    for (const [entry, ids] of expired) {
      if (ids.length === 0) continue;
      await purgeRecords(tx, entry, ids);
      await tx
        .delete(cancellationHeldRecords)
        .where(and(eq(cancellationHeldRecords.category, entry.category), inArray(cancellationHeldRecords.recordId, ids)));
    }
    for (const { entry, held: h, ids } of cleared) {
      if (ids.length)
        await tx
          .update(entry.table)
          .set({ [columnKey(h.column)]: null })
          .where(inArray(entry.id.column, ids));
    }
    const audited: [string, string[]][] = [
      ...expired.map(([entry, ids]): [string, string[]] => [getTableName(entry.table), ids]),
      ...cleared.map((c): [string, string[]] => [c.held.name, c.ids]),
    ];
    for (const [entity, ids] of audited) {
      if (ids.length === 0) continue;
      await appendAudit(tx, { actorId: null, action: "retention.purge", entity, data: { ids, today }, now: opts.now });
    }
    return report;
  });
}
