import { describe, expect, it } from "vitest";
import { CSV_BOM, csvDocument, csvField, csvLine } from "./csv";

describe("CSV writer", () => {
  it.each([
    ["plain", "plain"],
    ["中文", "中文"],
    ['say "hi"', '"say ""hi"""'],
    ["a,b", '"a,b"'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["crlf\r\nhere", '"crlf\r\nhere"'],
    ["", ""],
  ])("quotes only what needs it: %j", (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it.each([
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ["+1", "'+1"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", `"'\rx"`],
    ['=1,"2"', `"'=1,""2"""`],
    ["a=b", "a=b"],
  ])("turns formula-looking text into text: %j", (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it("writes numbers, booleans and empty cells as they are", () => {
    expect(csvField(-3)).toBe("-3");
    expect(csvField(0)).toBe("0");
    expect(csvField(true)).toBe("true");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvLine(["a", 1, null, "中文", false])).toBe("a,1,,中文,false\r\n");
    expect(csvLine([])).toBe("\r\n");
  });

  it("writes a document: BOM, header, CRLF lines, the cells in column order", () => {
    expect(csvDocument(["a", "b"], [{ b: 2, a: "x" }, { a: 'q"', b: null }, {}])).toBe(`${CSV_BOM}a,b\r\nx,2\r\n"q""",\r\n,\r\n`);
    expect(csvDocument(["a"], [])).toBe(`${CSV_BOM}a\r\n`);
  });
});
