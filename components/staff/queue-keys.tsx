"use client";

import { useEffect } from "react";

/** Where typing happens: the keys are left alone there. */
function isTyping(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  // A row's selection checkbox takes no text: j and k still move from it.
  if (el instanceof HTMLInputElement && el.type === "checkbox") return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

/**
 * Keyboard navigation of the queue: j and k move the focus to the next and the previous request's reference link,
 * so Enter opens it (the link's own behaviour). Never while typing in a field or with a modifier held.
 */
export function QueueKeys({ tableTestId = "queue" }: { tableTestId?: string }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "j" && e.key !== "k") return;
      if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.isComposing || isTyping(e.target)) return;
      const links = Array.from(document.querySelectorAll<HTMLAnchorElement>(`[data-testid="${tableTestId}"] tbody tr[data-ref] td.queue-ref a`));
      if (links.length === 0) return;
      e.preventDefault();
      const at = links.findIndex((a) => a.closest("tr")?.contains(document.activeElement));
      const next = at < 0 ? 0 : e.key === "j" ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0);
      links[next]!.focus();
      links[next]!.scrollIntoView({ block: "nearest" });
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [tableTestId]);
  return null;
}
