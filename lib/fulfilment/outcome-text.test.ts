import { describe, expect, it } from "vitest";
import { outcomeText, outcomeVoice } from "./outcome-text";
import type { FulfilmentOutcome } from "./outcome";

const none: FulfilmentOutcome = { access: null, deletion: null, cancellation: null, corrections: null, consents: null, cancelledAt: null };
const held = { rule: "medical_record" as const, basis: "《医疗机构管理条例实施细则》第五十三条" };

describe("the outcome as the final reply states it", () => {
  it("says nothing when fulfilment recorded nothing", () => {
    expect(outcomeText(none, outcomeVoice("zh-CN"))).toBe("");
  });

  it("a deletion: each item as recorded, kept until a date with its basis, who was told and whether they confirmed", () => {
    const text = outcomeText(
      {
        ...none,
        deletion: {
          outcomes: [
            { category: "addresses", items: null, outcome: "deleted", count: 2 },
            { category: "photos", items: 3, outcome: "restricted", count: 3, deletableAfter: "2041-05-06", retention: held },
            { category: "bank_cards", items: null, outcome: "refused", count: 0, reason: "excessive_technical_means" },
            { category: "orders", items: null, outcome: "not_held", count: 0, reason: "none_held" },
          ],
          recipients: [{ name: "顺丰速运", confirmedAt: null }],
        },
      },
      outcomeVoice("zh-CN"),
    );
    const lines = text.split("\n");
    expect(lines[0]).toBe("我们对您的信息做了什么");
    expect(lines).toContain("- 收货地址: 已删除");
    expect(lines.find((l) => l.startsWith("- 舌照、面照 (3 项)"))).toContain("依法保存至 2041年5月6日");
    expect(lines.find((l) => l.startsWith("- 舌照、面照"))).toContain(held.basis);
    expect(lines.find((l) => l.startsWith("- 银行卡"))).toMatch(/^- 银行卡: 未办理。理由：.+/);
    expect(lines).toContain("- 购药订单: 我们没有您的此类记录");
    expect(lines).toContain("- 顺丰速运: 等待对方确认");
  });

  it("a copy and a correction in English, dates in Shanghai time", () => {
    const text = outcomeText(
      {
        ...none,
        access: {
          outcomes: [
            { category: "consultations", items: null, outcome: "provided", count: 4, held: 1, deletableAfter: "2040-01-02", retention: held },
          ],
        },
        corrections: [
          { field: "account.gender", approved: true, after: "female" },
          { field: "account.nickname", approved: false, reason: "与实名不符" },
        ],
      },
      outcomeVoice("en"),
    );
    expect(text).toContain("Consultations: ");
    expect(text).toContain("Jan 2, 2040");
    expect(text).toContain("Female");
    expect(text).not.toContain("female\n");
    expect(text).not.toMatch(/account\.|consultations:/);
  });
});
