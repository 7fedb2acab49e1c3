import { describe, expect, it } from "vitest";
import { parseEnv } from "./index";

describe("environment", () => {
  it("defaults to the embedded database and port 3000", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe(".data/pglite");
    expect(env.PORT).toBe(3000);
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: "abc" }, /^Invalid environment: PORT .*\(got "abc"\)$/],
    [{ DATABASE_URL: "mysql://x" }, /^Invalid environment: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL \(got "mysql:\/\/x"\)$/],
    [{ DEMO_MODE: "yes" }, /^Invalid environment: DEMO_MODE must be 0 or 1/],
    [{ NEXTAUTH_SECRET: "short" }, /^Invalid environment: NEXTAUTH_SECRET must be at least 32 characters \(value hidden\)$/],
  ])("stops with one clear line for %o", (source, message) => {
    let error: Error | undefined;
    try {
      parseEnv(source);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain("\n");
  });
});
