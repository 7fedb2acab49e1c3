import compile from "icu-minify/compile";
import { _createCache, _createIntlFormatters } from "use-intl/core";
import formatParsed from "use-intl/format-message";
import formatPrecompiled from "use-intl/format-message/format-only";
import { describe, expect, it } from "vitest";
import { catalogs } from "./index";

/**
 * The build precompiles the catalogs (next.config.ts: next-intl's `messages.precompile`), so pages format with
 * icu-minify; Vitest and the worker read the JSON and format with intl-messageformat. Every message must read the
 * same both ways, or a page would say something the tests never saw.
 */
type Compiled = ReturnType<typeof compile>;

function entries(obj: object, prefix = ""): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === "object" && v ? entries(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, v as string] as [string, string]],
  );
}

// icu-minify's node kinds (icu-minify/format): [name] is an argument, [name, kind, …] a typed one, [name, …children] a tag.
const SELECT = 1,
  PLURAL = 2,
  SELECTORDINAL = 3,
  NUMBER = 4,
  DATE = 5,
  TIME = 6;

/** A value for every argument the message holds: plurals and selects get each of their cases in turn. */
function argumentsOf(node: Compiled | unknown, target: Record<string, unknown>, variant: number) {
  if (!Array.isArray(node)) return;
  const [name, kind, ...rest] = node as unknown[];
  if (typeof name !== "string") {
    for (const child of node) argumentsOf(child, target, variant);
    return;
  }
  if (kind === undefined) target[name] ??= `«${name}»`;
  else if (kind === PLURAL || kind === SELECTORDINAL) {
    target[name] ??= [0, 1, 2, 5][variant % 4];
    for (const c of Object.values(rest[0] as object)) argumentsOf(c, target, variant);
  } else if (kind === SELECT) {
    const cases = Object.keys(rest[0] as object);
    target[name] ??= cases[variant % cases.length];
    for (const c of Object.values(rest[0] as object)) argumentsOf(c, target, variant);
  } else if (kind === NUMBER) target[name] ??= 1234.5;
  else if (kind === DATE || kind === TIME) target[name] ??= new Date("2026-03-04T05:06:07Z");
  else {
    target[name] ??= (chunks: unknown[]) => `<${name}>${chunks.join("")}</${name}>`;
    for (const c of [kind, ...rest]) argumentsOf(c, target, variant);
  }
}

describe("precompiled catalogs", () => {
  for (const locale of ["zh-CN", "en"] as const) {
    it(`read the same in ${locale} as the parsed ones, every case of every message`, () => {
      const options = { cache: _createCache(), formatters: _createIntlFormatters(_createCache()), locale, timeZone: "Asia/Shanghai" };
      const list = entries(catalogs[locale]);
      expect(list.length).toBeGreaterThan(500);
      let typed = 0;
      for (const [key, text] of list) {
        const compiled = compile(text);
        if (typeof compiled !== "string") typed++;
        for (let variant = 0; variant < 4; variant++) {
          const values: Record<string, unknown> = {};
          argumentsOf(compiled, values, variant);
          const flat = (v: unknown) => (Array.isArray(v) ? v.join("") : v);
          expect(flat(formatPrecompiled(key, compiled, values as never, options as never)), `${locale} ${key}`).toEqual(
            flat(formatParsed(key, text, values as never, options as never)),
          );
        }
      }
      expect(typed).toBeGreaterThan(50);
    });
  }
});
