import type { SmsTemplate } from "../sender";

/** One message as a provider sends it: a template registered with the provider and its named parameters. */
export type ProviderMessage = { phone: string; template: SmsTemplate; params: Record<string, string> };

/** What a provider said about a sent message: still on its way, arrived, or not (with the provider's reason). */
export type DeliveryReport = { state: "pending" } | { state: "delivered"; at?: Date } | { state: "undelivered"; error: string; at?: Date };

export interface SmsProvider {
  readonly name: "aliyun" | "tencent";
  /** Sends one message; answers the provider's id for it, or throws SmsProviderError. */
  send(message: ProviderMessage): Promise<{ messageId: string }>;
  /** The delivery report of a message sent at `sentAt`. */
  report(sent: { phone: string; messageId: string; sentAt: Date }): Promise<DeliveryReport>;
}

/** A refusal or failure of the provider, with its code (`isv.BUSINESS_LIMIT_CONTROL`, `FailedOperation…`, `timeout`). */
export class SmsProviderError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/**
 * The parameters of each message kind, in the order of the provider's template (Tencent's are positional; Alibaba's
 * named). Register the templates with these variables (README “SMS delivery”).
 */
export const TEMPLATE_PARAMS: Record<SmsTemplate, readonly string[]> = {
  otp: ["code", "minutes"],
  request_received: ["ref", "due"],
  request_logged: ["ref", "due"],
  request_paused: ["ref"],
  request_fee: ["ref", "amount"],
  request_completed: ["ref"],
  request_refused: ["ref"],
  request_reopened: ["ref"],
  account_cancelled: ["ref", "link", "days"],
  request_message: ["ref"],
  result_ready: ["ref", "until"],
  request_waiting: ["ref", "days"],
};

/** Mainland numbers are stored as 11 digits; providers want them with the country code. */
export const e164 = (phone: string) => (phone.startsWith("+") ? phone : `+86${phone}`);

/** A provider call that does not answer within `ms` fails as `timeout` (and the job tries again). */
export async function withTimeout<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SmsProviderError("timeout", `no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
