import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/translator";
import { addCalendarDays, endOfShanghaiDay } from "@/lib/sla";
import { checkDownloadLink, downloadExpiry, lastFullDownloadDay, signedDownloadPath } from "./download-link";

/**
 * The "result ready" SMS names a day to download by: it must be a day the link still works on, all day, in the time
 * zone it is read in (Shanghai), whatever the hour of the release. Every instant here is one the test names.
 */
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

/** Whether the link for a file released at `released` works at `now`. */
function works(released: Date, now: Date): boolean {
  const url = new URL(signedDownloadPath("att-1", "user-1", downloadExpiry(released)), "http://x");
  return checkDownloadLink("att-1", "user-1", url.searchParams.get("expires"), url.searchParams.get("sig"), now) === "ok";
}

describe("the download-by date of the result-ready SMS", () => {
  it.each([
    ["2026-11-20T10:00:00", "2026-11-26"],
    ["2026-11-20T00:00:00", "2026-11-26"],
    ["2026-11-20T23:59:00", "2026-11-26"],
    // 07:30 in Shanghai is still the previous day in UTC.
    ["2026-11-20T07:30:00", "2026-11-26"],
    ["2028-02-26T09:00:00", "2028-03-03"],
  ])("released %s: the SMS names %s, a day the link works through to 24:00 (Shanghai)", (released, day) => {
    const release = at(released);
    const until = lastFullDownloadDay(downloadExpiry(release));
    expect(until).toBe(day);
    expect(works(release, endOfShanghaiDay(until))).toBe(true);
    expect(works(release, endOfShanghaiDay(addCalendarDays(until, 1)))).toBe(false);
  });

  it("the text says the link works through that day, in both languages", () => {
    const params = { ref: "DSR-2026-000123", until: lastFullDownloadDay(downloadExpiry(at("2026-11-20T10:00:00"))) };
    const zh = translatorFor("zh-CN", "sms")("result_ready", params);
    expect(zh).toContain("请于 2026-11-26 24:00 前");
    const en = translatorFor("en", "sms")("result_ready", params);
    expect(en).toContain("by the end of 2026-11-26 (Beijing time)");
    expect(en).not.toContain("before 2026-11-26");
  });
});
