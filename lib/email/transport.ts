import "server-only";
import nodemailer from "nodemailer";
import type { Env } from "@/lib/env";

/** What sends one e-mail: nodemailer's SMTP transport, or a test's own. */
export type MailTransport = {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<{ messageId?: string }>;
};

export type Mailer = { transport: MailTransport; from: string };

/**
 * The SMTP server SMTP_URL names (smtp://user:pass@host:587, smtps://… for TLS from the start), sending as
 * MAIL_FROM; null without SMTP_URL, where staff e-mail stays in the outbox (the demo's /dev/outbox page).
 */
export function mailerFromEnv(env: Env): Mailer | null {
  if (!env.SMTP_URL) return null;
  const transport = nodemailer.createTransport(env.SMTP_URL, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return { transport, from: env.MAIL_FROM };
}
