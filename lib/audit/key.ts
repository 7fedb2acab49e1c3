/**
 * The audit key: the secret the audit hashes and checkpoints are keyed with. It lives outside the database
 * (AUDIT_HMAC_KEY, else NEXTAUTH_SECRET), so whoever can write the database still cannot forge the chain. Without
 * either, outside production, a fixed development key (the tests and the demo): documented, never for real data.
 */
const DEVELOPMENT_KEY = "xiaolu-dsr-development-audit-key-not-for-production";

export function auditKey(source: Record<string, string | undefined> = process.env): string {
  const key = source.AUDIT_HMAC_KEY || source.NEXTAUTH_SECRET;
  if (key) return key;
  if (source.NODE_ENV === "production")
    throw new Error("AUDIT_HMAC_KEY (or NEXTAUTH_SECRET) must be set in production: the audit log is keyed with it.");
  return DEVELOPMENT_KEY;
}
