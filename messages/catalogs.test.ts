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

  it("quote the policy's promised reply deadlines as such: §12's 15 working days on the complaint form, never a 'legal' deadline", () => {
    expect(zhCN.portal.clauses.complaint.source).toContain("十二");
    expect(zhCN.portal.clauses.complaint.text).toContain("15个工作日");
    expect(en.portal.clauses.complaint.text).toContain("15 working days");
    for (const text of [zhCN.portal.clauses.complaint.text, en.portal.clauses.complaint.text]) expect(text).not.toMatch(/5\s*[-–]\s*7/);
    const zhTexts = keys(zhCN).map((k) => lookup(zhCN, k));
    const enTexts = keys(en).map((k) => lookup(en, k));
    expect(zhTexts.filter((x) => /法定(答复)?期限/.test(x))).toEqual([]);
    expect(enTexts.filter((x) => /legal (deadline|time limit)/i.test(x))).toEqual([]);
  });

  it("give the policy's personal-information contact (§12) exactly as the policy does, and every refusal the routes in order", () => {
    for (const c of [zhCN, en]) {
      expect(c.contact.phone).toContain("400-606-6636");
      expect(c.contact.quote).toContain("400-606-6636");
      expect(c.contact.signature).toContain("400-606-6636");
      // Hospital first (customer service, the personal-information department), then the regulators, then the court.
      for (const routes of [c.staff.refusal.howToComplain, c.portal.detail.complainBody]) {
        const at = (s: string) => routes.indexOf(s);
        for (const s of ["400-606-6636", "网信部门", "卫生健康主管部门"]) expect(at(s), s).toBeGreaterThan(-1);
        expect(at("400-606-6636")).toBeLessThan(at("网信部门"));
        expect(at("卫生健康主管部门")).toBeLessThan(at(c === zhCN ? "法院" : "court"));
      }
    }
    expect(zhCN.contact.quote).toContain("个人信息保护专职部门");
  });
});
