"use client";

import { useTranslations } from "next-intl";
import type { ActionFailure } from "@/lib/actions/result";

/** The parameter a code's sentence takes from the value after its colon ("locked:15" → minutes). */
export const ARG_OF: Record<string, string> = { code_invalid: "attemptsLeft", locked: "minutes", unexpected: "ref", cooldown: "seconds" };

/**
 * Turns an error code from the server or a schema ("code_invalid:3", "locked:15", "unexpected:ERR-1A2B") into
 * a sentence from the `errors` catalog, the one place every code of lib/actions/codes.ts has its sentence.
 */
export function useErrorText() {
  const t = useTranslations("errors");
  return (code: string | undefined, params: Record<string, string | number> = {}) => {
    if (!code) return undefined;
    const [key, arg] = code.split(":", 2) as [string, string | undefined];
    const name = ARG_OF[key];
    const withArg = name && arg !== undefined ? { ...params, [name]: arg } : params;
    return t.has(key) ? t(key, withArg) : t("invalid_input");
  };
}

/** A refused action's message: its code with the values it needs and, for an unexpected error, its reference. */
export function useFailureText() {
  const errorText = useErrorText();
  return (failure: ActionFailure | null | undefined) =>
    failure ? errorText(failure.error, { ...failure.params, ref: failure.ref ?? "" }) : undefined;
}
