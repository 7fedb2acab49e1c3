import "server-only";
import type { Conn } from "@/db/client";

/**
 * Runs `read` in one snapshot of the audit log: in the caller's transaction when given one, else in a repeatable-read,
 * read-only transaction. The log's chains commit independently, so an id can become visible after a higher one of
 * another chain; reads spread over several snapshots could see a chain's row without the row before it.
 */
export function inOneSnapshot<T>(conn: Conn, read: (conn: Conn) => Promise<T>): Promise<T> {
  if ("rollback" in conn) return read(conn);
  return conn.transaction((tx) => read(tx), { isolationLevel: "repeatable read", accessMode: "read only" });
}
