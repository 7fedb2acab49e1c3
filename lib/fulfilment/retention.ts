import "server-only";
import { and, eq, exists, getTableName, inArray, isNotNull, lt, not, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, cancellationHeldRecords } from "@/db/schema";
import { columnKey, idValues, purgeRecords, referencingFirst } from "@/lib/categories/records";
import { FAMILY_MEMBERS, REGISTRY, retainedFromRecordDate, type Entry, type HeldCategory } from "@/lib/categories/registry";
import { appendAudit } from "@/lib/audit/log";
import { addCalendarDays, shanghaiDateOf, startOfShanghaiDay } from "@/lib/sla";
import { retentionCutoff } from "./data-map";

/** The ids purged (or, in a dry run, to purge) per category a retention period holds, and the transcripts cleared. */
export type PurgeReport = {
  applied: boolean;
  today: string;
} & Record<HeldCategory, string[]> & {
    /** Orders a closed account kept for their own retention (3 years from the transaction). */
    orders: string[];
    transcripts: string[];
    /** Browsing logs past the at most one month the policy keeps them (§10.2), whoever's. */
    browsing_logs: string[];
    /** 就诊人 a closed account kept only while held records pointed at them, none of which is left. */
    family_members: string[];
  };

/**
 * Deletes restricted records whose retention period has ended (deletable after < today, Shanghai) — of every
 * category the registry says a retention period holds, or that a closed account kept (orders), the records that
 * belong through them with them, and their place under a closed account's subject key — and
 * clears the columns held apart (consultation transcripts) past their own period; deletes the records whose
 * retention is a maximum (browsing logs, `purgedAfterRetention`) on the day it ends; and deletes the 就诊人 a closed
 * account kept only while held records pointed at them, once the last is gone (registry FAMILY_MEMBERS). Every
 * period in years or months is counted in calendar years and months (data-map `deletableAfter`: 29 Feb + 1 year =
 * 28 Feb). Dry run unless `apply`; each purge is audited.
 */
export async function purgeExpiredRetention(db: Db, opts: { apply: boolean; now: Date }): Promise<PurgeReport> {
  const today = shanghaiDateOf(opts.now);
  const held = referencingFirst(REGISTRY.filter((e) => e.erasure.method === "restrict" || retainedFromRecordDate(e) !== null));
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
        // Cleared once the column's period from its own date (Shanghai) has ended: the same calendar rule as records.
        const cutoff = startOfShanghaiDay(retentionCutoff(h.retention, today));
        const rows = await tx
          .select({ id: entry.id.column })
          .from(entry.table)
          .where(and(isNotNull(entry.restriction!.restrictedAt), isNotNull(h.column), lt(h.from, cutoff)));
        cleared.push({ entry, held: h, ids: rows.map((row) => String(row.id)).filter((id) => !purged.includes(id)) });
      }
    }
    // Records whose retention is a maximum: gone on the day their period ends (it "does not exceed" the period).
    const capped: [Entry, string[]][] = [];
    for (const entry of REGISTRY) {
      if (!("purgedAfterRetention" in entry) || !entry.purgedAfterRetention || !entry.retention) continue;
      const cutoff = startOfShanghaiDay(retentionCutoff(entry.retention, addCalendarDays(today, 1)));
      const rows = await tx.select({ id: entry.id.column }).from(entry.table).where(lt(entry.purgedAfterRetention.recordDate, cutoff));
      capped.push([entry, rows.map((row) => String(row.id))]);
    }
    // 就诊人 a closed account kept for their held records (registry FAMILY_MEMBERS), once none of those is left.
    const going = new Map(expired.map(([entry, ids]) => [entry.category, ids]));
    const stillPointedAt = REGISTRY.filter((e) => e.patient).map((e) => {
      const ids = going.get(e.category) ?? [];
      return exists(
        tx
          .select({ one: sql`1` })
          .from(e.table)
          .where(and(eq(e.patient!, FAMILY_MEMBERS.id), ids.length > 0 ? notInArray(e.id.column, idValues(e, ids)) : undefined)),
      );
    });
    const orphans = (
      await tx
        .select({ id: FAMILY_MEMBERS.id })
        .from(FAMILY_MEMBERS.table)
        .innerJoin(accounts, eq(accounts.id, FAMILY_MEMBERS.account))
        .where(and(eq(accounts.status, "cancelled"), ...stillPointedAt.map((e) => not(e))))
    ).map((r) => r.id);
    const report = {
      applied: opts.apply,
      today,
      ...Object.fromEntries(expired.map(([entry, ids]) => [entry.category, ids])),
      ...Object.fromEntries(cleared.map((c) => [c.held.name, c.ids])),
      ...Object.fromEntries(capped.map(([entry, ids]) => [entry.category, ids])),
      family_members: orphans,
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
    for (const [entry, ids] of capped) {
      if (ids.length > 0) await purgeRecords(tx, entry, ids);
    }
    if (orphans.length > 0) await tx.delete(FAMILY_MEMBERS.table).where(inArray(FAMILY_MEMBERS.id, orphans));
    const audited: [string, string[]][] = [
      ...expired.map(([entry, ids]): [string, string[]] => [getTableName(entry.table), ids]),
      ...cleared.map((c): [string, string[]] => [c.held.name, c.ids]),
      ...capped.map(([entry, ids]): [string, string[]] => [getTableName(entry.table), ids]),
      [getTableName(FAMILY_MEMBERS.table), orphans],
    ];
    for (const [entity, ids] of audited) {
      if (ids.length === 0) continue;
      await appendAudit(tx, { actorId: null, action: "retention.purge", entity, data: { ids, today }, now: opts.now });
    }
    return report;
  });
}
