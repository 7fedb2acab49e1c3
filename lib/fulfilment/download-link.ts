import { createHmac, timingSafeEqual } from "node:crypto";
import { addCalendarDays, shanghaiDateOf, type ShanghaiDate } from "@/lib/sla/shanghai";

/**
 * The one kind of link a patient downloads a released result with: `/api/downloads/<id>?expires=<unix s>&sig=…`.
 * The signature binds the file, the requester and the expiry (seven days after release), so a link works only
 * for the patient it was made for, who must also be signed in, and only until it expires; a copied link is
 * useless to anyone else. The key derives from NEXTAUTH_SECRET, the same on every instance, so any instance
 * checks a link another made.
 */
export const DOWNLOAD_LINK_DAYS = 7;

function key(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret || secret.length < 32) throw new Error("NEXTAUTH_SECRET is not set: download links cannot be signed");
  return createHmac("sha256", secret).update("dsr:download-link:v2").digest();
}

function sign(attachmentId: string, requesterId: string, expires: number): string {
  return createHmac("sha256", key()).update(`${attachmentId}\n${requesterId}\n${expires}`).digest("base64url");
}

/** When a file released at `releasedAt` stops being downloadable. */
export function downloadExpiry(releasedAt: Date): Date {
  return new Date(releasedAt.getTime() + DOWNLOAD_LINK_DAYS * 86_400_000);
}

/**
 * The last whole day (Shanghai) a link expiring at `expiresAt` works through, to 24:00: the day before the one it
 * expires on (it expires at the hour of its release, seven days on). What the "result ready" SMS gives the patient as
 * the day to download by (`sms.result_ready`: "请于 {until} 24:00 前…下载"), so the date it names is one the link
 * still works on, all day.
 */
export function lastFullDownloadDay(expiresAt: Date): ShanghaiDate {
  return addCalendarDays(shanghaiDateOf(expiresAt), -1);
}

/** The signed path for `requesterId` to download the file until `expiresAt`. */
export function signedDownloadPath(attachmentId: string, requesterId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `/api/downloads/${attachmentId}?expires=${expires}&sig=${sign(attachmentId, requesterId, expires)}`;
}

export type LinkCheck = "ok" | "expired" | "invalid";

/** "invalid" when the link was not made by us for this file and this requester (tampered, or someone else's). */
export function checkDownloadLink(
  attachmentId: string,
  requesterId: string,
  expires: string | null | undefined,
  sig: string | null | undefined,
  now: Date,
): LinkCheck {
  if (!expires || !sig || !/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return "invalid";
  const exp = Number(expires);
  const expected = Buffer.from(sign(attachmentId, requesterId, exp));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
  return exp * 1000 <= now.getTime() ? "expired" : "ok";
}
