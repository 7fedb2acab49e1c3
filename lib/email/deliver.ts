import "server-only";
import type { Conn } from "@/db/client";
import { DeliveryError, pendingMessage, recordFailedTry, recordSent, type Attempt, type DeliveryOutcome } from "@/lib/outbox/delivery";
import type { Mailer } from "./transport";

export class EmailDeliveryError extends DeliveryError {}

/**
 * Sends outbox e-mail `outboxId` through `mailer` (null: the outbox is its own delivery, as in the demo). A failure
 * before the last try throws so the job is tried again with backoff; the last one marks the message failed with the
 * server's answer.
 */
export async function deliverEmail(conn: Conn, mailer: Mailer | null, outboxId: number, attempt: Attempt, now: Date): Promise<DeliveryOutcome> {
  const m = await pendingMessage(conn, outboxId, "email");
  if (!m) return "skipped";
  if (!mailer) return recordSent(conn, m.id, { provider: "outbox", now });
  const subject = String((m.payload as { subject?: unknown }).subject ?? "");
  let messageId: string | null;
  try {
    messageId = (await mailer.transport.sendMail({ from: mailer.from, to: m.recipient, subject, text: m.body })).messageId ?? null;
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    return recordFailedTry(conn, m.id, { provider: "smtp", error, attempt, errorClass: EmailDeliveryError });
  }
  return recordSent(conn, m.id, { provider: "smtp", providerMessageId: messageId, now });
}
