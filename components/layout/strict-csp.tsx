"use client";

// Under the CSP (no eval) zod must not probe `new Function`: the probe is caught, but the browser still reports
// it as a violation. Set before any form parses, at hydration of the root layout — through zod's global settings
// object (zod/v4/core/core.js keeps them on globalThis.__zod_globalConfig, the object `z.config` writes to), so
// pages without a form do not load zod at all.
const zodGlobal = globalThis as { __zod_globalConfig?: Record<string, unknown> };
(zodGlobal.__zod_globalConfig ??= {}).jitless = true;

/** Renders nothing: importing it is the point. */
export function StrictCsp() {
  return null;
}
