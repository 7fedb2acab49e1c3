import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { outbox } from "@/db/schema";
import type { Attempt, DeliveryOutcome } from "@/lib/sms/deliver";
import type { Mailer } from "./transport";

export class EmailDeliveryError extends Error {
  constructor(
    message: string,
    readonly final: boolean,
  ) {
    super(message);
  }
}

/**
 * Sends outbox e-mail `outboxId` through `mailer` (null: the outbox is its own delivery, as in the demo). A failure
 * before the last try throws so the job is tried again with backoff; the last one marks the message failed with the
 * server's answer.
 */
export async function deliverEmail(conn: Conn, mailer: Mailer | null, outboxId: number, attempt: Attempt, now: Date): Promise<DeliveryOutcome> {
  const [m] = await conn
    .select()
    .from(outbox)
    .where(and(eq(outbox.id, outboxId), eq(outbox.channel, "email")));
  if (!m || m.status !== "pending") return "skipped";
  if (!mailer) {
    await conn
      .update(outbox)
      .set({ status: "sent", provider: "outbox", sentAt: now, attempts: sql`${outbox.attempts} + 1` })
      .where(eq(outbox.id, m.id));
    return "sent";
  }
  const subject = String((m.payload as { subject?: unknown }).subject ?? "");
  try {
    const info = await mailer.transport.sendMail({ from: mailer.from, to: m.recipient, subject, text: m.body });
    await conn
      .update(outbox)
      .set({
        status: "sent",
        provider: "smtp",
        providerMessageId: info.messageId ?? null,
        sentAt: now,
        lastError: null,
        attempts: sql`${outbox.attempts} + 1`,
      })
      .where(eq(outbox.id, m.id));
    return "sent";
  } catch (e) {
    const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
    const final = attempt.retryCount >= attempt.retryLimit;
    await conn
      .update(outbox)
      .set({ ...(final ? { status: "failed" as const } : {}), provider: "smtp", lastError: error, attempts: sql`${outbox.attempts} + 1` })
      .where(eq(outbox.id, m.id));
    throw new EmailDeliveryError(error, final);
  }
}
