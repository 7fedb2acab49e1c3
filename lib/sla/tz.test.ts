/**
 * Time-zone independence: the same computations in child processes under TZ=UTC, Asia/Shanghai and
 * America/Los_Angeles must print identical results. (Also run the whole suite under each TZ:
 * `TZ=America/Los_Angeles npx vitest run lib/sla`.)
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const probe = path.join(__dirname, "tz-probe.fixture.ts");

function run(tz: string): { tz: string; offsetMinutes: number; out: unknown[] } {
  const stdout = execFileSync(process.execPath, ["--import", "tsx", probe], {
    env: { ...process.env, TZ: tz },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as { tz: string; offsetMinutes: number; out: unknown[] };
}

describe("time-zone independence", () => {
  it("gives identical answers under UTC, Asia/Shanghai and America/Los_Angeles", () => {
    const [utc, shanghai, la] = ["UTC", "Asia/Shanghai", "America/Los_Angeles"].map(run);
    // the child processes really ran in different zones
    expect([utc!.offsetMinutes, shanghai!.offsetMinutes, la!.offsetMinutes]).toEqual([0, -480, 480]);
    expect(utc!.out.length).toBeGreaterThan(10_000);
    expect(shanghai!.out).toEqual(utc!.out);
    expect(la!.out).toEqual(utc!.out);
  });
});
