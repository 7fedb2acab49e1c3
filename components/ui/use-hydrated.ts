"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * Whether the page's scripts have taken over: false in the server's HTML and until hydration, then true. A button
 * that only works through its script is disabled until then, so an early click is not silently lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
