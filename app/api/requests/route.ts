import { z } from "zod";
import { getDb } from "@/db/client";
import { requireApiRole } from "@/lib/auth/session";
import { logUnexpected } from "@/lib/errors";
import { asLocale } from "@/lib/i18n/locales";
import { submitRequest } from "@/lib/requests/create";
import { SubmitInput } from "@/lib/requests/submit-schema";

const MAX_BODY = 100_000;

/**
 * Files a request for the signed-in patient: the same validation and the same transaction as the portal's
 * forms. 201 with the reference; 200 for a retry with the same idempotency key; 400 bad input; 409 a duplicate
 * of an open request; 422 a check that failed (identity, ownership, preconditions).
 */
export async function POST(req: Request) {
  const auth = await requireApiRole("patient");
  if ("response" in auth) return auth.response;
  const raw = await req.text();
  if (raw.length > MAX_BODY) return Response.json({ error: "too_large" }, { status: 413 });
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return Response.json({ error: "invalid_json" }, { status: 400 });
  }
  const parsed = SubmitInput.safeParse(body);
  if (!parsed.success) return Response.json({ error: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
  try {
    const locale = asLocale(req.headers.get("accept-language")?.toLowerCase().startsWith("en") ? "en" : "zh-CN");
    const result = await submitRequest(await getDb(), auth.actor, parsed.data, { now: new Date(), locale });
    if (result.ok) {
      const { ok: _ok, ...rest } = result;
      return Response.json(rest, { status: result.replayed ? 200 : 201 });
    }
    return Response.json(result, { status: result.error === "duplicate" ? 409 : 422 });
  } catch (e) {
    return Response.json({ error: "unexpected", ref: logUnexpected(e, { route: "POST /api/requests" }) }, { status: 500 });
  }
}
