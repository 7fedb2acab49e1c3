import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createFormatter } from "next-intl";
import { describe, expect, it } from "vitest";
import { DATE_FORMATS, dateFormatter, TIME_ZONE } from "./dates";

// 2026-12-08 17:50:04 in Shanghai.
const instant = new Date("2026-12-08T09:50:04Z");

describe("the shared date formats", () => {
  it.each([
    [
      "zh-CN",
      {
        date: "2026年12月8日",
        dateTime: "2026年12月8日 17:50",
        dateTimeSeconds: "2026年12月8日 17:50:04",
        time: "17:50",
        month: "2026年12月",
        shortDate: "12月8日",
      },
    ],
    [
      "en",
      {
        date: "Dec 8, 2026",
        dateTime: "Dec 8, 2026, 17:50",
        dateTimeSeconds: "Dec 8, 2026, 17:50:04",
        time: "17:50",
        month: "December 2026",
        shortDate: "Dec 8",
      },
    ],
  ] as const)("show one way per language, in Shanghai time, 24-hour clock (%s)", (locale, expected) => {
    const format = dateFormatter(locale);
    for (const [name, text] of Object.entries(expected)) expect(format(instant, name as keyof typeof DATE_FORMATS), name).toBe(text);
  });

  it("are what next-intl's formatter gives pages by name (i18n/request.ts registers the same formats)", () => {
    const format = createFormatter({ locale: "en", timeZone: TIME_ZONE, formats: { dateTime: DATE_FORMATS } });
    expect(format.dateTime(instant, "date")).toBe("Dec 8, 2026");
    expect(format.dateTime(instant, "dateTime")).toBe("Dec 8, 2026, 17:50");
  });

  it("read a Shanghai calendar day as that day, whatever the process's time zone", () => {
    expect(dateFormatter("en")("2026-12-08", "date")).toBe("Dec 8, 2026");
    expect(dateFormatter("zh-CN")("2026-01-01", "date")).toBe("2026年1月1日");
    // Just after midnight in Shanghai is still the previous day in UTC.
    expect(dateFormatter("en")(new Date("2026-12-07T16:30:00Z"), "date")).toBe("Dec 8, 2026");
  });
});

/** Every .ts/.tsx under the folders that render or word dates, tests aside. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

describe("no screen or message formats dates its own way", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const files = ["app", "components", "lib"].flatMap((d) => sources(path.join(root, d)));
  const adHoc = [
    /\.toLocale(Date|Time)?String\(/,
    /new Intl\.DateTimeFormat\(/,
    // format.dateTime(x, { … }) with options instead of a named format
    /\.dateTime\([^;]*?,\s*\{/,
  ];

  it("finds the sources", () => expect(files.length).toBeGreaterThan(100));

  it("formats dates only through the named formats of lib/i18n/dates.ts", () => {
    const offenders = files
      .filter((f) => !f.endsWith(path.join("lib", "i18n", "dates.ts")))
      .flatMap((f) =>
        readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ line, at: `${path.relative(root, f)}:${i + 1}` }))
          .filter(({ line }) => adHoc.some((re) => re.test(line)))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
