import { outbox } from "@/db/schema";
import type { Conn } from "@/db/client";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";

export type SmsTemplate =
  | "otp"
  | "request_received"
  | "request_paused"
  | "request_fee"
  | "request_completed"
  | "request_refused"
  | "request_reopened"
  | "account_cancelled"
  | "request_message"
  | "result_ready";

/** `at`: the moment the caller acts at (its `now`), so queued messages are dated by the action, not the clock. */
export type Sms = { phone: string; template: SmsTemplate; params: Record<string, string>; locale: Locale; requestId?: string; at: Date };

/** How SMS leave the portal. The built-in sender queues them in the outbox, in the caller's transaction. */
export interface SmsSender {
  send(conn: Conn, sms: Sms): Promise<void>;
}

export const outboxSmsSender: SmsSender = {
  async send(conn, sms) {
    const t = translatorFor(sms.locale, "sms");
    await conn.insert(outbox).values({
      channel: "sms",
      recipient: sms.phone,
      template: sms.template,
      body: t(sms.template, sms.params),
      payload: { locale: sms.locale },
      requestId: sms.requestId,
      createdAt: sms.at,
    });
  },
};
