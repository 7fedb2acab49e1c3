import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { logUnexpected } from "@/lib/errors";
import { createLogger, setLogger, withRequestContext } from "./logger";

const nextHeaders = vi.hoisted(() => ({ headers: vi.fn<() => Promise<Headers>>() }));
vi.mock("next/headers", () => nextHeaders);

let lines: Record<string, unknown>[];
beforeEach(() => {
  lines = [];
  setLogger(createLogger({ level: "info", stream: { write: (line: string) => void lines.push(JSON.parse(line)) } }));
});
afterEach(() => {
  setLogger(undefined);
  vi.unstubAllEnvs();
});

/** The line for `ref`, once written (inside Next.js it waits for the request's headers). */
async function lineOf(ref: string) {
  await vi.waitFor(() => expect(lines.some((l) => l.ref === ref)).toBe(true));
  return lines.find((l) => l.ref === ref)!;
}

describe("logUnexpected", () => {
  it("writes one JSON line with the reference id, the error and its stack, and the context", async () => {
    const ref = logUnexpected(new TypeError("boom"), { action: "refuseRequest" });
    expect(ref).toMatch(/^ERR-[0-9A-F]{8}$/);
    const line = await lineOf(ref);
    expect(line).toMatchObject({ level: "error", ref, action: "refuseRequest", err: { type: "TypeError", message: "boom" } });
    expect(String((line.err as { stack: string }).stack)).toContain("logger.test.ts");
    expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(line).not.toHaveProperty("requestId");
  });

  it("names the request it happened in: the request context's id", async () => {
    const ref = withRequestContext({ requestId: "ctx-0123456789" }, () => logUnexpected(new Error("in a route")));
    expect(await lineOf(ref)).toMatchObject({ ref, requestId: "ctx-0123456789" });
  });

  it("inside Next.js without a context (a server action): the id proxy.ts put on the request's headers", async () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    nextHeaders.headers.mockResolvedValueOnce(new Headers({ "x-request-id": "action-0123456789" }));
    const ref = logUnexpected(new Error("in an action"), { action: "x" });
    expect(await lineOf(ref)).toMatchObject({ ref, requestId: "action-0123456789" });
    // Outside a request `headers()` throws: the line goes out all the same, without an id.
    nextHeaders.headers.mockRejectedValueOnce(new Error("headers was called outside a request scope"));
    const outside = logUnexpected(new Error("in a job"));
    expect(await lineOf(outside)).not.toHaveProperty("requestId");
  });

  it("never writes a secret passed in a context", async () => {
    const ref = logUnexpected(new Error("x"), { password: "hunter2", headers: { authorization: "Bearer abc", cookie: "s=1" } });
    const text = JSON.stringify(await lineOf(ref));
    expect(text).not.toMatch(/hunter2|Bearer abc|s=1/);
  });
});
