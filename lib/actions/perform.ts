import "server-only";
// zod's core: the schemas may be zod or zod/mini (those the browser runs too, for a smaller bundle).
import { safeParse, type $ZodType, type output } from "zod/v4/core";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/session";
import type { Role } from "@/lib/domain";
import { ConflictError, ForbiddenError, logUnexpected, NotFoundError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { failure, fieldErrorsOf, type ActionResult } from "./result";

/** What an action's `run` is given: the actor the pipeline checked, the parsed input, and the moment. */
export type ActionContext<I, A extends Actor | null = Actor> = { actor: A; db: Db; input: I; now: Date; locale: Locale };

export type ActionDefinition<S extends $ZodType, T extends object, A extends Actor | null = Actor> = {
  /** Logged with an unexpected error's reference id. */
  name: string;
  /** Who may call it; `"anyone"` only for sign-in, which its own rate limits protect. */
  roles: readonly Role[] | "anyone";
  schema: S;
  /**
   * The change, in one transaction owned by the domain function it calls (every lib/ writer opens exactly one).
   * Returns the typed result; throws NotFoundError/ForbiddenError/ConflictError for the pipeline to answer.
   */
  run: (ctx: ActionContext<output<S>, A>) => Promise<ActionResult<T>>;
  /** Pages to render again after a success. */
  revalidate?: (input: output<S>, result: { ok: true } & T) => string[];
};

/** FormData → a plain object of its text fields (and files), so one schema reads both forms and JSON. */
export function formObject(form: FormData): Record<string, FormDataEntryValue> {
  const out: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of form.entries()) out[key] = value;
  return out;
}

/**
 * The pipeline's core without the session or the cache, so route handlers and tests run the same steps:
 * role (403 as `forbidden`), validation (nothing written on bad input), the change, and typed errors mapped to
 * codes — an unexpected one logged with a reference id that is all the user sees.
 */
export async function performAction<S extends $ZodType, T extends object, A extends Actor | null>(
  def: ActionDefinition<S, T, A>,
  actor: A,
  raw: unknown,
  { db, now, locale, revalidatePath }: { db: Db; now: Date; locale: Locale; revalidatePath?: (path: string) => void },
): Promise<ActionResult<T>> {
  if (def.roles !== "anyone" && (!actor || !def.roles.includes(actor.role))) return failure("forbidden");
  const parsed = safeParse(def.schema, raw instanceof FormData ? formObject(raw) : raw);
  if (!parsed.success) return failure("invalid_input", { fieldErrors: fieldErrorsOf(parsed.error.issues) });
  try {
    const result = await def.run({ actor, db, input: parsed.data, now, locale });
    if (result.ok && def.revalidate && revalidatePath) for (const path of def.revalidate(parsed.data, result)) revalidatePath(path);
    return result;
  } catch (e) {
    if (e instanceof NotFoundError) return failure("not_found");
    if (e instanceof ForbiddenError) return failure("forbidden");
    if (e instanceof ConflictError) return failure("stale");
    return failure("unexpected", { ref: logUnexpected(e, { action: def.name }) });
  }
}
