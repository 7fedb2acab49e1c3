"use client";

import { z } from "zod";

// Under the CSP (no eval) zod must not probe `new Function`: the probe is caught, but the browser still reports
// it as a violation. Set before any form parses, at hydration of the root layout.
z.config({ jitless: true });

/** Renders nothing: importing it is the point. */
export function StrictCsp() {
  return null;
}
