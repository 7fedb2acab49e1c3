import "server-only";
import { and, eq, getTableColumns, getTableName, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { getTableConfig, type AnyPgColumn, type PgTable, type SelectedFields } from "drizzle-orm/pg-core";
import type { Conn, Tx } from "@/db/client";
import type { Subject } from "@/lib/platform/subject";
import { shanghaiDateOf } from "@/lib/sla";
import { entryOf, LAST_VISIT, REGISTRY, type Entry } from "./registry";

/**
 * What a registry entry means in SQL: which rows are the subject's, how they are read, restricted and erased.
 * Whatever reads or changes one subject's records is scoped by their account through the entry's subject join,
 * and by the 就诊人 the entry's patient column names (null: the account holder's own); only the retention purge
 * works by record id, over all subjects.
 */

/** The property name of `column` in its table's definition (what `.set()` takes). */
export function columnKey(column: AnyPgColumn): string {
  const found = Object.entries(getTableColumns(column.table)).find(([, c]) => c === column);
  if (!found) throw new Error(`${column.name} is not a column of ${getTableName(column.table)}`);
  return found[0];
}

/** The column's name in SQL (the schema names its columns by snake_casing their property names). */
export function sqlColumnName(column: AnyPgColumn): string {
  return column.keyAsName ? toSnakeCase(column.name) : column.name;
}

/** "platform.accounts". */
export function qualifiedTableName(table: PgTable): string {
  const { schema, name } = getTableConfig(table);
  return schema ? `${schema}.${name}` : name;
}

/** The entry a record of this one belongs through (photos → consultations), or null. */
export function parentOf(entry: Entry): Entry | null {
  return entry.subject.via ? entryOf(entry.subject.via) : null;
}

/** The entries whose records belong to their subject through this entry's records. */
export function childrenOf(entry: Entry): Entry[] {
  return REGISTRY.filter((e) => e.subject.via === entry.category);
}

/** Ids as the id column holds them: serial ids are numbers. */
export function idValues(entry: Entry, ids: string[]): (string | number)[] {
  return entry.id.kind === "serial" ? ids.map(Number) : ids;
}

/**
 * Whose records: a subject (the account holder, or one 就诊人 of the account), or every record of the account —
 * the holder's and their 就诊人's — for what concerns the account itself (closing it, and what stops that).
 */
export type Scope = Subject | { accountId: string; wholeAccount: true };

/** The scope of every record of an account (closing it). */
export const wholeAccount = (accountId: string): Scope => ({ accountId, wholeAccount: true });

/**
 * The scope's records of an entry reached directly (not through a parent), as a condition on its table: of the
 * account, and then — per the entry's `patient` column — the account holder's own (no 就诊人 named) or the
 * one 就诊人's. A category with no patient column is the account holder's only: none for a 就诊人.
 */
function scopeCondition(entry: Entry, scope: Scope): SQL {
  const account = eq(entry.subject.column, scope.accountId);
  if ("wholeAccount" in scope) return account;
  if (!entry.patient) return scope.patientId === null ? account : sql`false`;
  return and(account, scope.patientId === null ? isNull(entry.patient) : eq(entry.patient, scope.patientId))!;
}

/** Whether the entry (or the parent its records belong through) records which 就诊人 a record is about. */
export function recordsPatients(entry: Entry): boolean {
  return (parentOf(entry) ?? entry).patient !== null;
}

/** The subject's records of the entry, as a condition on its own table (updates, deletes): a sub-select through a parent. */
export function ownedBy(conn: Conn, entry: Entry, scope: Scope): SQL {
  const parent = parentOf(entry);
  if (!parent) return scopeCondition(entry, scope);
  return inArray(entry.subject.column, conn.select({ id: parent.id.column }).from(parent.table).where(scopeCondition(parent, scope)));
}

/**
 * Reads `fields` of the subject's records of the entry, joined to the parent record when they belong through
 * one (its columns may then be selected too).
 */
export async function selectOwned(
  conn: Conn,
  entry: Entry,
  scope: Scope,
  fields: SelectedFields,
  opts: { where?: SQL; order?: (SQL | AnyPgColumn)[]; limit?: number } = {},
): Promise<Record<string, unknown>[]> {
  const parent = parentOf(entry);
  const from = conn.select(fields).from(entry.table).$dynamic();
  const joined = parent ? from.innerJoin(parent.table, eq(parent.id.column, entry.subject.column)) : from;
  const where = joined.where(and(scopeCondition(parent ?? entry, scope), opts.where));
  const ordered = opts.order && opts.order.length > 0 ? where.orderBy(...opts.order) : where;
  return (await (opts.limit !== undefined ? ordered.limit(opts.limit) : ordered)) as Record<string, unknown>[];
}

/** Date (Shanghai) of the subject's last visit, or null when they have none. */
export async function lastVisitDate(conn: Conn, scope: Scope): Promise<string | null> {
  const visits = entryOf(LAST_VISIT.category);
  const [row] = await conn
    .select({ last: sql<Date | null>`max(${LAST_VISIT.at})` })
    .from(visits.table)
    .where(ownedBy(conn, visits, scope));
  return row?.last ? shanghaiDateOf(new Date(row.last)) : null;
}

/**
 * Marks records restricted until `until`, and the records that belong through them (photos of a consultation)
 * with them, those not restricted yet. `where` picks the entry's records; `detach` also cuts them from the
 * account (cancellation). Returns the ids restricted.
 */
export async function restrictRecords(
  tx: Tx,
  entry: Entry,
  where: SQL | undefined,
  held: { now: Date; until: string },
  opts: { detach: boolean } = { detach: false },
): Promise<string[]> {
  if (!entry.restriction) throw new Error(`${entry.category} is not restricted by retention`);
  const set = (e: Entry): Record<string, unknown> => ({
    [columnKey(e.restriction!.restrictedAt)]: held.now,
    [columnKey(e.restriction!.deletableAfter)]: held.until,
  });
  const values = opts.detach ? { ...set(entry), [columnKey(entry.subject.column)]: null } : set(entry);
  const rows = (await tx.update(entry.table).set(values).where(where).returning({ id: entry.id.column })) as { id: string }[];
  if (rows.length > 0) {
    for (const child of childrenOf(entry)) {
      if (!child.restriction) continue;
      await tx
        .update(child.table)
        .set(set(child))
        .where(
          and(
            inArray(
              child.subject.column,
              rows.map((r) => r.id),
            ),
            isNull(child.restriction.restrictedAt),
          ),
        );
    }
  }
  return rows.map((r) => r.id);
}

/** Restricts the subject's records of the entry not yet restricted (all, or the `ids` asked for). */
export function restrictOwned(tx: Tx, entry: Entry, scope: Scope, ids: string[] | null, held: { now: Date; until: string }): Promise<string[]> {
  if (!entry.restriction) throw new Error(`${entry.category} is not restricted by retention`);
  const where = and(
    ownedBy(tx, entry, scope),
    isNull(entry.restriction.restrictedAt),
    ids ? inArray(entry.id.column, idValues(entry, ids)) : undefined,
  );
  return restrictRecords(tx, entry, where, held);
}

/** Sets the columns that point at the records `where` picks to null, so they can go. */
async function cutReferences(tx: Tx, entry: Entry, where: SQL | undefined) {
  for (const ref of entry.references) {
    const going = tx.select({ id: entry.id.column }).from(entry.table).where(where);
    await tx
      .update(ref.table)
      .set({ [columnKey(ref)]: null })
      .where(inArray(ref, going));
  }
}

/**
 * Erases the subject's records of the entry (all, or the `ids` asked for): deleted, or anonymised in place (an
 * anonymised record is the subject's own, whatever ids were asked). A category a retention holds is never
 * erased here. `values` replaces the entry's anonymisation (cancellation). Returns how many records.
 */
export async function eraseOwned(tx: Tx, entry: Entry, scope: Scope, ids: string[] | null, values?: Record<string, unknown>): Promise<number> {
  const owned = ownedBy(tx, entry, scope);
  if (entry.erasure.method === "anonymise") {
    return (
      await tx
        .update(entry.table)
        .set(values ?? entry.erasure.values)
        .where(owned)
        .returning({ id: entry.id.column })
    ).length;
  }
  if (entry.erasure.method !== "delete") throw new Error(`${entry.category} cannot be erased here`);
  const where = and(owned, ids ? inArray(entry.id.column, idValues(entry, ids)) : undefined);
  await cutReferences(tx, entry, where);
  return (await tx.delete(entry.table).where(where).returning({ id: entry.id.column })).length;
}

/**
 * Deletes records by id (the retention purge): the records that belong through them go too, and the columns
 * that point at them are cut first.
 */
export async function purgeRecords(tx: Tx, entry: Entry, ids: string[]): Promise<void> {
  const where = inArray(entry.id.column, idValues(entry, ids));
  for (const child of childrenOf(entry)) await tx.delete(child.table).where(inArray(child.subject.column, ids));
  await cutReferences(tx, entry, where);
  await tx.delete(entry.table).where(where);
}

/**
 * Entries in an order where each comes before every entry whose records it points at (a photo before its
 * consultation, an order before its address), otherwise in the registry's order.
 */
export function referencingFirst(entries: readonly Entry[]): Entry[] {
  const pointsAt = (a: Entry, b: Entry) => a.subject.via === b.category || b.references.some((ref) => ref.table === a.table);
  const left = [...entries];
  const out: Entry[] = [];
  while (left.length > 0) {
    const i = left.findIndex((b) => !left.some((a) => a !== b && pointsAt(a, b)));
    out.push(...left.splice(i === -1 ? 0 : i, 1));
  }
  return out;
}
