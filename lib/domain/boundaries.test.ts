/**
 * lib/domain is pure: no database code, nothing but itself and the Shanghai calendar arithmetic. (That no client
 * component bundles drizzle, the database or server-only code is test/server-only.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { rel, sourcesUnder, valueImports } from "@/test/import-graph";

describe("lib/domain boundaries", () => {
  it("lib/domain imports nothing but itself and the Shanghai calendar arithmetic", () => {
    const files = sourcesUnder("lib/domain");
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      for (const spec of valueImports(file))
        expect([rel(file), spec]).toEqual([rel(file), expect.stringMatching(/^(\.\/[a-z-]+|@\/lib\/sla\/shanghai)$/)]);
    }
  });
});
