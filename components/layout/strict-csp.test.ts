import { describe, expect, it } from "vitest";

describe("StrictCsp", () => {
  it("turns zod's eval probe off through the settings object zod itself reads, without loading zod", async () => {
    await import("./strict-csp");
    const { globalConfig } = await import("zod/v4/core");
    expect(globalConfig.jitless).toBe(true);
  });
});
