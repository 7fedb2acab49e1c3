import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("where sign-in may send the user back to", () => {
  it("keeps a path of this site, with its query and fragment", () => {
    expect(safeCallbackUrl("/requests/DSR-2026-000123", "/requests")).toBe("/requests/DSR-2026-000123");
    expect(safeCallbackUrl("/queue?status=all&q=王#top", "/queue")).toBe("/queue?status=all&q=%E7%8E%8B#top");
    expect(safeCallbackUrl(["/requests/new", "/x"], "/requests")).toBe("/requests/new");
  });

  it("refuses every way of naming another site, or anything that is not a plain path", () => {
    const hostile = [
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/%09/evil.example".replace("%09", "\t"),
      "/\n/evil.example",
      "/\r/evil.example",
      "/\u0000/x",
      "\\\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      " /requests",
      "",
      "/" + "a".repeat(3000),
    ];
    for (const v of hostile) expect(safeCallbackUrl(v, "/requests"), JSON.stringify(v)).toBe("/requests");
    expect(safeCallbackUrl(undefined, "/queue")).toBe("/queue");
  });

  it("normalises dot segments instead of following them off the path", () => {
    expect(safeCallbackUrl("/requests/../queue", "/requests")).toBe("/queue");
    expect(safeCallbackUrl("/./requests", "/requests")).toBe("/requests");
  });
});
