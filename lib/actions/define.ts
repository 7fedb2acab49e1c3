import "server-only";
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import type { $ZodType } from "zod/v4/core";
import { getDb } from "@/db/client";
import { getActor, requireRole, type Actor } from "@/lib/auth/session";
import { asLocale } from "@/lib/i18n/locales";
import { performAction, type ActionDefinition } from "./perform";
import type { ActionResult } from "./result";

/**
 * A server action: the session's actor (signed out → sign-in page, wrong role → 403 page, as every page),
 * then performAction, then the pages to render again. Export the result from an `actions.ts` ("use server").
 */
export function defineAction<S extends $ZodType, T extends object>(
  def: ActionDefinition<S, T> & { roles: readonly Actor["role"][] },
): (raw: unknown) => Promise<ActionResult<T>>;
export function defineAction<S extends $ZodType, T extends object>(
  def: ActionDefinition<S, T, Actor | null> & { roles: "anyone" },
): (raw: unknown) => Promise<ActionResult<T>>;
export function defineAction<S extends $ZodType, T extends object>(
  def: ActionDefinition<S, T, Actor> | ActionDefinition<S, T, Actor | null>,
): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw: unknown) => {
    const actor = def.roles === "anyone" ? await getActor() : await requireRole(...def.roles);
    return performAction(def as ActionDefinition<S, T, Actor | null>, actor, raw, {
      db: await getDb(),
      now: new Date(),
      locale: asLocale(await getLocale()),
      revalidatePath,
    });
  };
}
