import "server-only";
import { and, eq, lt, ne, sql, type SQL } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { outbox } from "@/db/schema";
import { LOCALES } from "@/lib/i18n/locales";
import { catalogs } from "@/messages";

/**
 * Sign-in codes are hashed where they are checked; the text message that carried one must not keep it readable
 * either. Once the code is used (or can no longer be), the stored message keeps only that a code was sent.
 */
async function redact(conn: Conn, where: SQL | undefined): Promise<number> {
  let n = 0;
  for (const locale of LOCALES) {
    const body = catalogs[locale].sms.otp_redacted;
    const rows = await conn
      .update(outbox)
      .set({ body, payload: sql`${outbox.payload} - 'params'` })
      .where(and(eq(outbox.template, "otp"), ne(outbox.body, body), sql`coalesce(${outbox.payload}->>'locale', 'zh-CN') = ${locale}`, where))
      .returning({ id: outbox.id });
    n += rows.length;
  }
  return n;
}

/** After a successful sign-in: every code message sent to that phone. */
export const redactSignInCodes = (conn: Conn, phone: string) => redact(conn, eq(outbox.recipient, phone));

/** Codes past their validity (`ttlSeconds`, lib/auth/otp.ts), whoever they were for (run by the purge). */
export const redactExpiredSignInCodes = (conn: Conn, now: Date, ttlSeconds: number) =>
  redact(conn, lt(outbox.createdAt, new Date(now.getTime() - ttlSeconds * 1000)));
