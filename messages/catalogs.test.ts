import { describe, expect, it } from "vitest";
import { catalogs } from "./index";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "object" && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
function placeholders(text: string) {
  return [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
}
function lookup(obj: object, key: string): string {
  return key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
}

describe("message catalogs", () => {
  const zhCN = catalogs["zh-CN"];
  const en = catalogs.en;

  it("have the same keys in zh-CN and en", () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it("have no empty message and the same placeholders in both languages", () => {
    for (const key of keys(zhCN)) {
      expect(lookup(zhCN, key), key).not.toBe("");
      expect(lookup(en, key), key).not.toBe("");
      expect(placeholders(lookup(en, key)), key).toEqual(placeholders(lookup(zhCN, key)));
    }
  });
});
