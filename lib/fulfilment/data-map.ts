/**
 * The data map: where each category of a patient's records lives in the platform schema, how it is erased, what
 * retention holds it, and who received it — read off the data-category registry (lib/categories/registry.ts),
 * which fulfilment (access, deletion, cancellation, retention purge) runs on; the admin data-map page shows it.
 */
import "server-only";
import { qualifiedTableName, sqlColumnName } from "@/lib/categories/records";
import { REGISTRY, TRANSCRIPT_RETENTION, type Erasure, type Recipient, type Retention } from "@/lib/categories/registry";
import type { DataCategory } from "@/lib/requests/categories";

export type { Erasure, Recipient, Retention };
export { TRANSCRIPT_RETENTION };

export type CategoryMap = {
  category: DataCategory;
  tables: { table: string; columns: string[] }[];
  erasure: Erasure;
  retention?: Retention;
  recipients: Recipient[];
};

export const DATA_MAP: readonly CategoryMap[] = REGISTRY.map((e) => ({
  category: e.category,
  tables: [{ table: qualifiedTableName(e.table), columns: e.personal.map(sqlColumnName) }],
  erasure: e.erasure.method,
  ...(e.retention ? { retention: e.retention } : {}),
  recipients: e.recipients,
}));

/** The date a record held by `retention` becomes deletable: the period after `from` (a Shanghai date). */
export function deletableAfter(retention: Retention, from: string): string {
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const months = (retention.years ?? 0) * 12 + (retention.months ?? 0);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}
