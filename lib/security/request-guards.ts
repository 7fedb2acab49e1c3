/**
 * Requests the framework would answer with a 500, answered with the right 4xx before they reach it (proxy.ts):
 * a server action whose body is over the 1 MB Next.js accepts, and a sign-in callback asked for with GET.
 */

/** Next.js refuses server-action bodies over this (its default `bodySizeLimit`). */
export const SERVER_ACTION_MAX_BYTES = 1024 * 1024;

export type GuardVerdict = { ok: true } | { ok: false; status: 405 | 413; error: "method_not_allowed" | "too_large" };

export function guardRequest(input: { method: string; pathname: string; headers: Headers }): GuardVerdict {
  const method = input.method.toUpperCase();
  if (input.pathname.startsWith("/api/auth/callback/") && method !== "POST") return { ok: false, status: 405, error: "method_not_allowed" };
  if (method === "POST" && input.headers.has("next-action")) {
    const length = Number(input.headers.get("content-length") ?? "0");
    if (Number.isFinite(length) && length > SERVER_ACTION_MAX_BYTES) return { ok: false, status: 413, error: "too_large" };
  }
  return { ok: true };
}
