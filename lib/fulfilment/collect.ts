import "server-only";
import { asc } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { selectOwned } from "@/lib/categories/records";
import type { Subject } from "@/lib/platform/subject";
import { entryOf, type Cell, type Retention } from "@/lib/categories/registry";
import type { DataCategory } from "@/lib/requests/categories";

export type { Cell };

/** The column of the copy marking a record a legal retention holds: the day it is kept until (null: not held). */
export const HELD_UNTIL = "heldUntil";

export type CategoryData = {
  category: DataCategory;
  rows: Record<string, Cell>[];
  files: { name: string; contentType: string; bytes: Uint8Array }[];
  /**
   * The records of the copy a legal retention holds (restricted after a deletion or a closed account): how many,
   * the latest day one is kept until, and the retention's rule and basis. Each such row carries its own day in
   * the `heldUntil` column.
   */
  held: { count: number; until: string | null; retention: { rule: Retention["rule"]; basis: string } | null };
};

/**
 * One category of one subject's records, as the data subject receives them, per its registry entry (`export`:
 * order, columns, files). Every query is scoped by the subject — the account holder's own records, or one
 * 就诊人's, never another family member's. Records restricted under a legal retention are included: a copy for
 * the person themselves is the use the hold keeps (民法典 Art. 1225, PIPL Art. 45; DESIGN.md "Data the portal
 * fulfils against"); each is marked with the day it is kept until (`heldUntil`, on every row of a category that
 * can be held, null when not held).
 */
export async function collectCategory(conn: Conn, subject: Subject, category: DataCategory): Promise<CategoryData> {
  const entry = entryOf(category);
  const restriction = entry.restriction;
  const found = await selectOwned(
    conn,
    entry,
    subject,
    { row: entry.table, ...(restriction ? { restrictedAt: restriction.restrictedAt, deletableAfter: restriction.deletableAfter } : {}) },
    { order: entry.export.order.map((c) => asc(c)) },
  );
  const heldUntil = (r: Record<string, unknown>): string | null => (r.restrictedAt ? String(r.deletableAfter ?? "") || null : null);
  const rows = found.map((r) => {
    const row = r.row as Record<string, unknown>;
    const cells: Record<string, Cell> = Object.fromEntries(entry.export.columns.map((c) => [c.key, c.value(row)]));
    return restriction ? { ...cells, [HELD_UNTIL]: heldUntil(r) } : cells;
  });
  const held = found.filter((r) => r.restrictedAt);
  const until = held
    .map(heldUntil)
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
  return {
    category,
    rows,
    files: found.flatMap((r) => entry.export.files?.(r.row as never) ?? []),
    held: {
      count: held.length,
      until: until ?? null,
      retention: held.length > 0 && entry.retention ? { rule: entry.retention.rule, basis: entry.retention.basis } : null,
    },
  };
}

export async function collectCategories(conn: Conn, subject: Subject, categories: DataCategory[]): Promise<CategoryData[]> {
  const out: CategoryData[] = [];
  for (const c of categories) out.push(await collectCategory(conn, subject, c));
  return out;
}
