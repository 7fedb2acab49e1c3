import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { outbox } from "@/db/schema";
import { asLocale } from "@/lib/i18n/locales";
import { catalogs } from "@/messages";
import type { SmsTemplate } from "./sender";
import { SmsProviderError, type SmsProvider } from "./providers/types";

/** Which try this is: pg-boss's retry count and the queue's limit (the last try is final). */
export type Attempt = { retryCount: number; retryLimit: number };

export type DeliveryOutcome = "sent" | "skipped" | "retry" | "failed";

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
  const [m] = await conn
    .select()
    .from(outbox)
    .where(and(eq(outbox.id, outboxId), eq(outbox.channel, "sms")));
  if (!m || m.status !== "pending") return "skipped";
  const { params, ...rest } = m.payload as { params?: Record<string, string>; locale?: string };
  const done = { payload: rest, ...(m.template === "otp" && provider ? { body: redactedOtp(rest.locale) } : {}) };
  if (!provider) {
    await conn
      .update(outbox)
      .set({ status: "sent", provider: "outbox", sentAt: now, attempts: sql`${outbox.attempts} + 1` })
      .where(eq(outbox.id, m.id));
    return "sent";
  }
  if (m.template === "otp" && !params?.code) {
    // Redacted before it could be sent (used or expired meanwhile, lib/sms/redact.ts): a stale code helps nobody.
    await conn
      .update(outbox)
      .set({ status: "failed", provider: provider.name, lastError: "expired: the code was no longer valid" })
      .where(eq(outbox.id, m.id));
    return "skipped";
  }
  try {
    const { messageId } = await provider.send({ phone: m.recipient, template: m.template as SmsTemplate, params: params ?? {} });
    await conn
      .update(outbox)
      .set({
        ...done,
        status: "sent",
        provider: provider.name,
        providerMessageId: messageId,
        sentAt: now,
        lastError: null,
        attempts: sql`${outbox.attempts} + 1`,
      })
      .where(eq(outbox.id, m.id));
    return "sent";
  } catch (e) {
    const error = (e instanceof SmsProviderError ? e.message : `error: ${e instanceof Error ? e.message : String(e)}`).slice(0, 500);
    const final = attempt.retryCount >= attempt.retryLimit;
    await conn
      .update(outbox)
      .set({
        ...(final ? { ...done, status: "failed" as const } : {}),
        provider: provider.name,
        lastError: error,
        attempts: sql`${outbox.attempts} + 1`,
      })
      .where(eq(outbox.id, m.id));
    throw new SmsDeliveryError(error, final);
  }
}

export class SmsDeliveryError extends Error {
  constructor(
    message: string,
    readonly final: boolean,
  ) {
    super(message);
  }
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
