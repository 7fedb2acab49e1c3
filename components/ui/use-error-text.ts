"use client";

import { useTranslations } from "next-intl";

/**
 * Turns an error code from the server or a schema ("invalid:3", "locked:15", "unexpected:ERR-1A2B") into a
 * sentence from the `errors` catalog.
 */
export function useErrorText() {
  const t = useTranslations("errors");
  return (code: string | undefined, params: Record<string, string | number> = {}) => {
    if (!code) return undefined;
    const [key, arg] = code.split(":", 2) as [string, string | undefined];
    const withArg = { ...params };
    if (arg !== undefined) {
      if (key === "invalid") withArg.attemptsLeft = arg;
      if (key === "locked") withArg.minutes = arg;
      if (key === "unexpected") withArg.ref = arg;
      if (key === "cooldown") withArg.seconds = arg;
    }
    return t.has(key) ? t(key, withArg) : t("invalid_input");
  };
}
