import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A signing secret generated once and kept in a git-ignored file, so sessions survive restarts of the demo. */
export function ensureSecret(file: string): string {
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not created yet
  }
  const secret = randomBytes(32).toString("base64url");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
