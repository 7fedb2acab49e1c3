import { describe, expect, it } from "vitest";
import { cleanFileName, isPersonName, isSafeLine, isSafeText } from "./safe-text";

describe("what a patient may type", () => {
  it("keeps any script, emoji, right-to-left text and markup as text", () => {
    for (const s of ["中文说明", "😀👍🏽 家庭 👨‍👩‍👧", "مرحبا بالعالم", "שלום", "<script>alert('x')</script>", "a\nb\tc", "Ünïcödé"]) {
      expect(isSafeText(s), s).toBe(true);
    }
  });

  it("refuses control characters, bidi overrides and lone surrogates", () => {
    for (const s of ["a\u0000b", "a\u0007", "abc\u202Etxt.exe", "x\u2066y\u2069", "\uD800", "a\uDC00b", "\u009B"]) {
      expect(isSafeText(s), JSON.stringify(s)).toBe(false);
    }
    expect(isSafeLine("one\ntwo")).toBe(false);
    expect(isSafeLine("one two")).toBe(true);
  });

  it("accepts real names of any script and refuses emoji, digits and markup in a name", () => {
    for (const n of ["王秀英", "阿卜杜·买买提", "Mary-Jane O'Neil", "José Núñez", "محمد"]) expect(isPersonName(n), n).toBe(true);
    for (const n of ["王😀", "Bob1", "<b>王</b>", "·王", "王\u202E", " "]) expect(isPersonName(n), n).toBe(false);
  });

  it("cleans file names of paths and controls", () => {
    expect(cleanFileName("C:\\Users\\me\\证明.pdf")).toBe("证明.pdf");
    expect(cleanFileName('a"b.pdf')).toBe("ab.pdf");
    expect(cleanFileName("...")).toBe("file");
  });
});
