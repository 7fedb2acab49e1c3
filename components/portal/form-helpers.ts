"use client";

import type { ActionFailure } from "@/lib/actions/result";

/** A server action that could not be reached: the page's own failure, in the server's shape (code "network"). */
export const NETWORK_FAILURE: ActionFailure = { ok: false, error: "network", fieldErrors: {} };

/** Moves focus to the first field marked invalid (in page order), once React has rendered the errors. */
export function focusFirstInvalid(root: HTMLElement | null) {
  requestAnimationFrame(() => {
    const el = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (el) {
      el.focus();
      el.scrollIntoView({ block: "center" });
    }
  });
}
