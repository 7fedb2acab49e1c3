/**
 * Signing in and out from the browser through NextAuth's routes, as next-auth/react's signIn and signOut do, without
 * shipping next-auth/react to every page (the patient pages' first-load size, scripts/bench-js.ts). No session
 * provider is used, so nothing else of next-auth/react is needed.
 */
const BASE = "/api/auth";

async function csrfToken(): Promise<string> {
  const res = await fetch(`${BASE}/csrf`, { cache: "no-store" });
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

async function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${BASE}/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: "true" }),
  });
}

/** A credentials sign-in without a redirect: ok, or the provider's error code ("code_invalid:3"). */
export async function signInWithCredentials(provider: string, values: Record<string, string>): Promise<{ ok: boolean; error: string | null }> {
  const res = await post(`callback/${provider}`, { ...values, callbackUrl: window.location.href });
  const data = (await res.json().catch(() => ({}))) as { url?: string };
  const error = data.url ? new URL(data.url, window.location.origin).searchParams.get("error") : "unexpected";
  return { ok: res.ok, error };
}

/** Ends this browser's session and goes to `callbackUrl`. */
export async function signOutTo(callbackUrl: string): Promise<void> {
  const res = await post("signout", { callbackUrl }, { "X-Auth-Return-Redirect": "1" });
  const data = (await res.json().catch(() => ({}))) as { url?: string };
  const url = data.url ?? callbackUrl;
  window.location.href = url;
  if (url.includes("#")) window.location.reload();
}
