import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The link a patient whose account is closed reads their request's final reply with: `/replies/<ref>?expires=…&sig=…`,
 * sent by SMS when the cancellation request is closed, in the same transaction that ends their portal user — so the
 * answer, what was kept until when, and how to complain still reach them once they can no longer sign in. The
 * signature binds the request and the expiry (REPLY_LINK_DAYS after closing); the key derives from NEXTAUTH_SECRET,
 * as download links' do, so any instance checks a link another made.
 */
export const REPLY_LINK_DAYS = 30;

function key(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret || secret.length < 32) throw new Error("NEXTAUTH_SECRET is not set: reply links cannot be signed");
  return createHmac("sha256", secret).update("dsr:reply-link:v1").digest();
}

const sign = (ref: string, expires: number) => createHmac("sha256", key()).update(`${ref}\n${expires}`).digest("base64url");

/** The signed path to read the final reply of request `ref`, valid REPLY_LINK_DAYS from `closedAt`. */
export function signedReplyPath(ref: string, closedAt: Date): string {
  const expires = Math.floor(closedAt.getTime() / 1000) + REPLY_LINK_DAYS * 86_400;
  return `/replies/${ref}?expires=${expires}&sig=${sign(ref, expires)}`;
}

/** The portal's public address, for links sent outside it (SMS). */
export function siteUrl(): string {
  return (process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, "");
}

/** "invalid" when the link was not made by us for this request (tampered, or another request's). */
export function checkReplyLink(
  ref: string,
  expires: string | null | undefined,
  sig: string | null | undefined,
  now: Date,
): "ok" | "expired" | "invalid" {
  if (!expires || !sig || !/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return "invalid";
  const expected = Buffer.from(sign(ref, Number(expires)));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
  return Number(expires) * 1000 <= now.getTime() ? "expired" : "ok";
}
