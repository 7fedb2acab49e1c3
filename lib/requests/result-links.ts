import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Short-lived download links for a request's result files: `/api/attachments/<id>?exp=<unix s>&sig=<hmac>`. The
 * signature binds the file, the requester and the expiry, so a link works only for the patient it was made
 * for (the route also needs their session) and only until it expires; a copied or guessed link answers 404.
 * Made fresh each time the request page renders. The key derives from NEXTAUTH_SECRET, the same on every
 * instance, so any instance can check a link another made.
 */
export const RESULT_LINK_TTL_SECONDS = 10 * 60;

function key(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret || secret.length < 32) throw new Error("NEXTAUTH_SECRET is not set: result links cannot be signed");
  return createHmac("sha256", secret).update("dsr:result-link:v1").digest();
}

function signature(attachmentId: string, requesterId: string, exp: number): string {
  return createHmac("sha256", key()).update(`${attachmentId}\n${requesterId}\n${exp}`).digest("base64url");
}

export function signResultLink(attachmentId: string, requesterId: string, now: Date, ttlSeconds = RESULT_LINK_TTL_SECONDS): string {
  const exp = Math.floor(now.getTime() / 1000) + ttlSeconds;
  return `/api/attachments/${attachmentId}?exp=${exp}&sig=${signature(attachmentId, requesterId, exp)}`;
}

/** True when `sig` was made for this file and this requester and `exp` has not passed. */
export function verifyResultLink(attachmentId: string, requesterId: string, exp: string | null | undefined, sig: string | null | undefined, now: Date): boolean {
  if (!exp || !sig || !/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return false;
  const expiry = Number(exp);
  if (expiry * 1000 < now.getTime()) return false;
  const expected = Buffer.from(signature(attachmentId, requesterId, expiry));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
