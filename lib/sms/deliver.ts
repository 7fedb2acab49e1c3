import "server-only";
import { eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { outbox } from "@/db/schema";
import { DeliveryError, pendingMessage, recordFailedTry, recordSent, type Attempt, type DeliveryOutcome } from "@/lib/outbox/delivery";
import { asLocale } from "@/lib/i18n/locales";
import { catalogs } from "@/messages";
import type { SmsTemplate } from "./sender";
import { SmsProviderError, type SmsProvider } from "./providers/types";

export class SmsDeliveryError extends DeliveryError {}

/** The text a sent sign-in code leaves behind (lib/sms/redact.ts): that a code was sent, not the code. */
function redactedOtp(locale: unknown) {
  return catalogs[asLocale(typeof locale === "string" ? locale : undefined)].sms.otp_redacted;
}

/**
 * Delivers outbox message `outboxId` through `provider` (null: the demo outbox, where the message is its own
 * delivery). Once sent, or finally failed, the template's parameters are dropped and a sign-in code's text is
 * redacted. A failure before the last try throws, so the job is tried again later; the last one marks the message
 * failed with the provider's code (shown to staff on the request's page) and throws too.
 */
export async function deliverSms(conn: Conn, provider: SmsProvider | null, outboxId: number, attempt: Attempt, now: Date): Promise<DeliveryOutcome> {
  const m = await pendingMessage(conn, outboxId, "sms");
  if (!m) return "skipped";
  const { params, ...rest } = m.payload as { params?: Record<string, string>; locale?: string };
  const done = { payload: rest, ...(m.template === "otp" && provider ? { body: redactedOtp(rest.locale) } : {}) };
  if (!provider) return recordSent(conn, m.id, { provider: "outbox", now });
  if (m.template === "otp" && !params?.code) {
    // Redacted before it could be sent (used or expired meanwhile, lib/sms/redact.ts): a stale code helps nobody.
    await conn
      .update(outbox)
      .set({ status: "failed", provider: provider.name, lastError: "expired: the code was no longer valid" })
      .where(eq(outbox.id, m.id));
    return "skipped";
  }
  let messageId: string;
  try {
    ({ messageId } = await provider.send({ phone: m.recipient, template: m.template as SmsTemplate, params: params ?? {} }));
  } catch (e) {
    const error = e instanceof SmsProviderError ? e.message : `error: ${e instanceof Error ? e.message : String(e)}`;
    return recordFailedTry(conn, m.id, { provider: provider.name, error, attempt, finalChanges: done, errorClass: SmsDeliveryError });
  }
  return recordSent(conn, m.id, { provider: provider.name, providerMessageId: messageId, now, changes: done });
}

/**
 * Asks the provider what became of a sent message and records it. Throws while the report is not in yet, so the job
 * asks again later (with backoff); after its last try the delivery stays unknown.
 */
export async function recordDeliveryReport(conn: Conn, provider: SmsProvider, outboxId: number): Promise<"delivered" | "undelivered" | "skipped"> {
  const [m] = await conn.select().from(outbox).where(eq(outbox.id, outboxId));
  if (!m || m.status !== "sent" || m.delivery || !m.providerMessageId || !m.sentAt || m.provider !== provider.name) return "skipped";
  const report = await provider.report({ phone: m.recipient, messageId: m.providerMessageId, sentAt: m.sentAt });
  if (report.state === "pending") throw new Error(`sms ${outboxId}: no delivery report yet`);
  await conn
    .update(outbox)
    .set({
      delivery: report.state,
      deliveredAt: report.at ?? null,
      ...(report.state === "undelivered" ? { lastError: report.error.slice(0, 500) } : {}),
    })
    .where(eq(outbox.id, m.id));
  return report.state;
}
