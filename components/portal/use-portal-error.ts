"use client";

import { useTranslations } from "next-intl";

/** Turns an error code (a schema message, a server result, "unexpected:ERR-1A2B") into a sentence of `portal.errors`. */
export function usePortalError() {
  const t = useTranslations("portal.errors");
  return (code: string | undefined, params: Record<string, string | number> = {}) => {
    if (!code) return undefined;
    const [key, arg] = code.split(":", 2) as [string, string | undefined];
    if (key === "unexpected") return t("unexpected", { ref: arg ?? params.ref ?? "—" });
    if (key === "duplicate") return t("duplicate", { ref: arg ?? params.ref ?? "" });
    return t.has(key) ? t(key as "invalid", params) : t("invalid");
  };
}

/** Moves focus to the first field marked invalid, once React has rendered the errors. */
export function focusFirstInvalid(root: HTMLElement | null) {
  requestAnimationFrame(() => {
    const el = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (el) {
      el.focus();
      el.scrollIntoView({ block: "center" });
    }
  });
}
