import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { outbox } from "@/db/schema";

/** The latest outbox messages, optionally for one recipient: read by the demo's /dev/outbox page. */
export async function latestOutbox(conn: Conn, opts: { recipient?: string; limit: number }) {
  return conn
    .select({ id: outbox.id, channel: outbox.channel, recipient: outbox.recipient, body: outbox.body, createdAt: outbox.createdAt })
    .from(outbox)
    .where(opts.recipient ? eq(outbox.recipient, opts.recipient) : undefined)
    .orderBy(desc(outbox.id))
    .limit(opts.limit);
}
