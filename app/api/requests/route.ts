import { getDb } from "@/db/client";
import { performAction } from "@/lib/actions/perform";
import { failure, type ActionFailure } from "@/lib/actions/result";
import { requireApiRole } from "@/lib/auth/session";
import { asLocale } from "@/lib/i18n/locales";
import { submitRequestDefinition } from "@/lib/requests/submit-action";

const MAX_BODY = 100_000;

/** The HTTP status of a failure: 400 bad input, 409 a duplicate of an open request, 500 unexpected, 422 any other check. */
function statusOf(f: ActionFailure): number {
  if (f.error === "invalid_input") return 400;
  if (f.error === "duplicate") return 409;
  if (f.error === "unexpected") return 500;
  return 422;
}

/**
 * Files a request for the signed-in patient: the very definition the portal's form files with
 * (lib/requests/submit-action.ts), so the same validation and the same transaction. 201 with the reference; 200
 * for a retry with the same idempotency key; 400 bad input (`invalid_input` with field errors); 409 a duplicate
 * of an open request (`duplicate`, its reference in `params.request`); 422 a check that failed (identity, ownership,
 * preconditions); 500 with a reference id. Errors are codes of lib/actions/codes.ts.
 */
export async function POST(req: Request) {
  const auth = await requireApiRole("patient");
  if ("response" in auth) return auth.response;
  const raw = await req.text();
  if (raw.length > MAX_BODY) return Response.json(failure("too_large"), { status: 413 });
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return Response.json(failure("invalid_input"), { status: 400 });
  }
  const locale = asLocale(req.headers.get("accept-language")?.toLowerCase().startsWith("en") ? "en" : "zh-CN");
  const result = await performAction(submitRequestDefinition, auth.actor, body, { db: await getDb(), now: new Date(), locale });
  if (!result.ok) return Response.json(result, { status: statusOf(result) });
  const { ok: _ok, ...filed } = result;
  return Response.json(filed, { status: filed.replayed ? 200 : 201 });
}
