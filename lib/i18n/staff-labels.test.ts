import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { catalogs } from "@/messages";
import { FULFILMENT_STEPS } from "@/lib/fulfilment/progress";
import { FULFILMENT_STEP_NAMES, STAFF_VALUE_FAMILIES, staffFieldValue, staffValue, type StaffValueFamily } from "./staff-labels";

const LOCALES = ["zh-CN", "en"] as const;
const families = Object.keys(STAFF_VALUE_FAMILIES) as StaffValueFamily[];
const translator = (locale: (typeof LOCALES)[number]) => createTranslator({ locale, messages: catalogs[locale] });

describe("staff labels of coded values", () => {
  it.each(LOCALES)("every value of every family staff screens show has a label in %s, never the raw key", (locale) => {
    const t = translator(locale);
    const missing: string[] = [];
    for (const f of families) {
      for (const v of STAFF_VALUE_FAMILIES[f].values) {
        // A label of its own in this catalog (an English label may happen to spell the code, as "passed" does).
        if (!t.has(STAFF_VALUE_FAMILIES[f].key(v) as never)) missing.push(`${f}: ${v}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("the values once seen raw on staff screens read as words", () => {
    const t = translator("zh-CN");
    expect(staffValue(t, "ground", "no_longer_necessary")).toBe("处理目的已实现、无法实现或不再必要（个人信息保护法第 47 条）");
    expect(staffValue(t, "field", "address.detail")).toBe("详细地址");
    expect(staffValue(t, "decisionKind", "doctor_matching")).toBe("医生推荐");
    expect(staffValue(t, "consent", "device_camera")).toBe("相机权限");
    // Staff wording, not the patient's: the status a request waits in is the requester's turn, not "yours".
    expect(staffValue(t, "status", "awaiting_requester")).not.toContain("您");
    for (const v of STAFF_VALUE_FAMILIES.ground.values) expect(staffValue(t, "ground", v)).not.toMatch(/您|我们/);
  });

  it("knows every fulfilment step the audit trail can name", () => {
    expect([...FULFILMENT_STEP_NAMES].sort()).toEqual([...new Set(Object.values(FULFILMENT_STEPS).flat())].sort());
    const t = translator("zh-CN");
    expect(staffValue(t, "auditAction", "fulfilment.deletion.apply")).toBe("执行：删除信息");
    expect(staffValue(t, "auditAction", "request.verify")).toBe("接受身份与关系证明");
  });

  it("a correction's gender reads as a word, any other value as written", () => {
    expect(staffFieldValue(translator("zh-CN"), "account.gender", "female")).toBe("女");
    expect(staffFieldValue(translator("en"), "account.gender", "male")).toBe("Male");
    expect(staffFieldValue(translator("zh-CN"), "account.nickname", "female")).toBe("female");
  });

  it("a code outside its family's list is marked unrecognised, not passed off as a label", () => {
    expect(staffValue(translator("en"), "consent", "device_bluetooth")).toBe("Unrecognised value (device_bluetooth)");
    expect(staffValue(translator("zh-CN"), "field", "account.password")).toBe("未识别的值（account.password）");
  });
});
