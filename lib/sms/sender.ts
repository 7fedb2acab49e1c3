import "server-only";
import { outbox } from "@/db/schema";
import type { Conn } from "@/db/client";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { sendJob } from "@/lib/jobs/send";
import { QUEUES } from "@/lib/jobs/queues";

export type SmsTemplate =
  | "otp"
  | "request_received"
  | "request_logged"
  | "request_paused"
  | "request_fee"
  | "request_completed"
  | "request_refused"
  | "request_reopened"
  | "account_cancelled"
  | "request_message"
  | "result_ready"
  | "request_waiting";

/** `at`: the moment the caller acts at (its `now`), so queued messages are dated by the action, not the clock. */
export type Sms = { phone: string; template: SmsTemplate; params: Record<string, string>; locale: Locale; requestId?: string; at: Date };

/** How SMS leave the portal. */
export interface SmsSender {
  send(conn: Conn, sms: Sms): Promise<void>;
}

/**
 * The message goes into the outbox and its delivery job into the job queue, both in the caller's transaction; a
 * worker hands it to the configured provider (lib/sms/deliver.ts), retrying with backoff. The template's parameters
 * are kept only until the message is sent (or finally fails).
 */
export const outboxSmsSender: SmsSender = {
  async send(conn, sms) {
    const t = translatorFor(sms.locale, "sms");
    const [row] = await conn
      .insert(outbox)
      .values({
        channel: "sms",
        recipient: sms.phone,
        template: sms.template,
        body: t(sms.template, sms.params),
        payload: { locale: sms.locale, params: sms.params },
        requestId: sms.requestId,
        createdAt: sms.at,
      })
      .returning({ id: outbox.id });
    await sendJob(conn, QUEUES.smsDeliver.name, { outboxId: row!.id });
  },
};
