import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import proxy from "@/proxy";
import { isSaneRequestId, requestIdOf } from "./request-id";

describe("the request id", () => {
  it("keeps a sane incoming id and replaces anything else with a new UUID", () => {
    for (const id of ["0f8fad5b-d9cb-469f-a165-70867728950e", "a3f5c2e1b9d04e7f8a6b5c4d3e2f1a0b", "Root-1.67891233:abc"])
      expect(requestIdOf(id)).toBe(id);
    for (const bad of [null, undefined, "", "short", "has space in it", "x".repeat(129), 'quote"inside-id', "line\nbreak-in-id"]) {
      expect(isSaneRequestId(bad)).toBe(false);
      expect(requestIdOf(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(requestIdOf(null)).not.toBe(requestIdOf(null));
  });
});

describe("proxy.ts", () => {
  /** What the proxy passes on: the request headers it sets for the app, and the response. */
  async function through(path: string, headers: Record<string, string> = {}) {
    const res = await proxy(new NextRequest(`http://localhost${path}`, { headers }));
    return { res, forwarded: (name: string) => res.headers.get(`x-middleware-request-${name}`) };
  }

  it("puts the request id on the request the app sees and on the response", async () => {
    const { res, forwarded } = await through("/", { "x-request-id": "lb-0123456789abcdef" });
    expect(res.headers.get("x-request-id")).toBe("lb-0123456789abcdef");
    expect(forwarded("x-request-id")).toBe("lb-0123456789abcdef");
    const fresh = await through("/", { "x-request-id": "bad id" });
    expect(fresh.forwarded("x-request-id")).toBe(fresh.res.headers.get("x-request-id"));
    expect(fresh.res.headers.get("x-request-id")).not.toBe("bad id");
  });

  it("lets /metrics, /api/ready and /api/health through without a session; a protected page still redirects", async () => {
    for (const path of ["/metrics", "/api/ready", "/api/health"]) {
      const { res } = await through(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("location"), path).toBeNull();
      expect(res.headers.get("x-middleware-next"), path).toBe("1");
    }
    const { res } = await through("/queue");
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toContain("/staff/signin");
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });
});
