import "server-only";
import { sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { rowsOf } from "@/db/rows";

/**
 * The stamp of the data the deadline engine reads (calendar days, loaded years, SLA policies): a new random value in
 * every transaction that changes any of them (migration 0024's triggers). What an instance derives from that data
 * (the working-day index, the policies) is kept with the stamp it was read under and read again when the stamp moves,
 * so every instance sees an import or a policy change with the next request, at the cost of one primary-key read.
 */
export async function referenceStamp(conn: Conn): Promise<string> {
  const [row] = rowsOf<{ stamp: string }>(await conn.execute(sql`select stamp::text as stamp from dsr.reference_version where id = 1`));
  return row?.stamp ?? "";
}

/**
 * `load` keyed by the reference stamp: the value last loaded while the stamp was the same, else `load` again. The
 * stamp is read before loading, so data newer than it only makes the next call load once more, never less.
 */
export function keptWithReferenceStamp<T>(load: (conn: Conn) => Promise<T>): (conn: Conn) => Promise<T> {
  let kept: { stamp: string; value: T } | undefined;
  return async (conn) => {
    const stamp = await referenceStamp(conn);
    if (stamp && kept?.stamp === stamp) return kept.value;
    const value = await load(conn);
    if (stamp) kept = { stamp, value };
    return value;
  };
}
