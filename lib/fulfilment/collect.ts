import { asc, isNull } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { selectOwned } from "@/lib/categories/records";
import { entryOf, type Cell } from "@/lib/categories/registry";
import type { DataCategory } from "@/lib/requests/categories";

export type { Cell };
export type CategoryData = {
  category: DataCategory;
  rows: Record<string, Cell>[];
  files: { name: string; contentType: string; bytes: Uint8Array }[];
};

/**
 * One category of one account's records, as the data subject receives them, per its registry entry (`export`:
 * order, columns, files). Every query is scoped by the account; records restricted under a retention hold are
 * excluded, as from every other use.
 */
export async function collectCategory(conn: Conn, accountId: string, category: DataCategory): Promise<CategoryData> {
  const entry = entryOf(category);
  const found = await selectOwned(
    conn,
    entry,
    accountId,
    { row: entry.table },
    { where: entry.restriction ? isNull(entry.restriction.restrictedAt) : undefined, order: entry.export.order.map((c) => asc(c)) },
  );
  const records = found.map((r) => r.row as Record<string, unknown>);
  return {
    category,
    rows: records.map((r) => Object.fromEntries(entry.export.columns.map((c) => [c.key, c.value(r)]))),
    files: records.flatMap((r) => entry.export.files?.(r) ?? []),
  };
}

export async function collectCategories(conn: Conn, accountId: string, categories: DataCategory[]): Promise<CategoryData[]> {
  const out: CategoryData[] = [];
  for (const c of categories) out.push(await collectCategory(conn, accountId, c));
  return out;
}
