import "server-only";
import { and, desc, eq, ne } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { outbox } from "@/db/schema";

/**
 * The latest messages that leave the portal (SMS, e-mail, notices to recipients), optionally for one recipient: read
 * by the demo's /dev/outbox page. In-portal notices (channel `portal`) are left out: every SMS about a request is
 * also written as a portal notice with the same text (lib/requests/transitions.ts), so listing both showed each SMS
 * twice, and a portal notice is addressed to a user id, not to a phone or address.
 */
export async function latestOutbox(conn: Conn, opts: { recipient?: string; limit: number }) {
  return conn
    .select({ id: outbox.id, channel: outbox.channel, recipient: outbox.recipient, body: outbox.body, createdAt: outbox.createdAt })
    .from(outbox)
    .where(and(ne(outbox.channel, "portal"), opts.recipient ? eq(outbox.recipient, opts.recipient) : undefined))
    .orderBy(desc(outbox.id))
    .limit(opts.limit);
}
