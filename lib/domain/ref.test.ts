import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRef, isRequestRef, parseRef, REF_PATTERN } from "./ref";

const at = (iso: string) => new Date(iso);

describe("request references", () => {
  it("writes the Shanghai year of receipt and the number padded to six digits, growing past 999,999", () => {
    expect(formatRef(at("2026-03-01T10:00:00+08:00"), 42)).toBe("DSR-2026-000042");
    expect(formatRef(at("2026-03-01T10:00:00+08:00"), 999_999)).toBe("DSR-2026-999999");
    expect(formatRef(at("2026-03-01T10:00:00+08:00"), 1_000_000)).toBe("DSR-2026-1000000");
    expect(formatRef(at("2026-03-01T10:00:00+08:00"), 12_345_678n)).toBe("DSR-2026-12345678");
    // 16:30 UTC on 31 December is already New Year's Day in Shanghai.
    expect(formatRef(at("2026-12-31T16:30:00Z"), 7)).toBe("DSR-2027-000007");
    expect(formatRef(at("2026-12-31T15:59:59.999Z"), 7)).toBe("DSR-2026-000007");
  });

  it("refuses a number the sequence cannot give", () => {
    const t = at("2026-03-01T10:00:00+08:00");
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1, -1n, 9_223_372_036_854_775_808n]) {
      expect(() => formatRef(t, bad)).toThrow(RangeError);
    }
    expect(formatRef(t, 9_223_372_036_854_775_807n)).toBe("DSR-2026-9223372036854775807");
  });

  it.each([
    ["DSR-2026-000001", { year: 2026, seq: 1n }],
    ["DSR-2026-999999", { year: 2026, seq: 999_999n }],
    ["DSR-2027-1000000", { year: 2027, seq: 1_000_000n }],
    ["DSR-2027-9223372036854775807", { year: 2027, seq: 9_223_372_036_854_775_807n }],
  ])("reads %s", (ref, parts) => {
    expect(parseRef(ref)).toEqual(parts);
    expect(isRequestRef(ref)).toBe(true);
  });

  it.each([
    "DSR-2026-1", // never written: numbers are padded to six digits
    "DSR-2026-00042",
    "DSR-2026-0000042", // seven digits only without a leading zero
    "DSR-26-000042",
    "dsr-2026-000042", // callers upper-case typed input first
    " DSR-2026-000042",
    "DSR-2026-000042\n",
    "DSR-2026-00004a",
    "DSR-2026-12345678901234567890", // more digits than a bigint
    "DSR-2026-9223372036854775808", // past the bigint range
    "",
  ])("turns away %j", (ref) => {
    expect(parseRef(ref)).toBeNull();
    expect(isRequestRef(ref)).toBe(false);
  });

  it("round-trips: what formatRef writes, parseRef reads back and REF_PATTERN accepts", () => {
    const seq = fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.bigInt({ min: 0n, max: 9_223_372_036_854_775_807n }));
    const instant = fc
      .integer({ min: Date.parse("2000-01-01T00:00:00+08:00"), max: Date.parse("2099-12-31T23:59:59+08:00") })
      .map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, seq, (t, n) => {
        const ref = formatRef(t, n);
        expect(REF_PATTERN.test(ref)).toBe(true);
        const parts = parseRef(ref)!;
        expect(parts.seq).toBe(BigInt(n));
        expect(formatRef(t, parts.seq)).toBe(ref);
        expect(ref.length - "DSR-YYYY-".length).toBe(Math.max(6, String(n).length));
      }),
      { numRuns: 2000 },
    );
  });
});
