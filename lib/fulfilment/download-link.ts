import { createHmac, timingSafeEqual } from "node:crypto";

export const DOWNLOAD_LINK_DAYS = 7;

function secret() {
  return process.env.NEXTAUTH_SECRET ?? "development-only-download-secret-not-for-production";
}

function sign(attachmentId: string, expires: number) {
  return createHmac("sha256", secret()).update(`download:${attachmentId}:${expires}`).digest("base64url");
}

/** A link to a released result, signed and valid for seven days; the route still checks who downloads. */
export function signedDownloadPath(attachmentId: string, now: Date, days = DOWNLOAD_LINK_DAYS): string {
  const expires = Math.floor(now.getTime() / 1000) + days * 86_400;
  return `/api/downloads/${attachmentId}?expires=${expires}&sig=${sign(attachmentId, expires)}`;
}

export type LinkCheck = "ok" | "expired" | "invalid";

export function checkDownloadLink(attachmentId: string, expires: string | null, sig: string | null, now: Date): LinkCheck {
  const exp = Number(expires);
  if (!expires || !sig || !Number.isInteger(exp)) return "invalid";
  const expected = Buffer.from(sign(attachmentId, exp));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
  return exp * 1000 < now.getTime() ? "expired" : "ok";
}
