import { describe, expect, it } from "vitest";
import { checkStateChange, siteOriginOf } from "./csrf";

const site = "https://portal.example";
const check = (method: string, pathname: string, headers: Record<string, string>) =>
  checkStateChange({ method, pathname, headers: new Headers(headers), siteOrigin: site });

describe("one rule against cross-site state changes", () => {
  it("refuses a POST from another site, by Origin or by Sec-Fetch-Site", () => {
    expect(check("POST", "/api/requests", { origin: "https://evil.example", "content-type": "application/json" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(check("POST", "/api/requests", { origin: "null", "content-type": "application/json" })).toMatchObject({ ok: false, status: 403 });
    expect(check("POST", "/api/uploads", { "sec-fetch-site": "same-site" })).toMatchObject({ ok: false, status: 403 });
    expect(check("DELETE", "/api/uploads/x", { "sec-fetch-site": "cross-site" })).toMatchObject({ ok: false, status: 403 });
  });

  it("takes JSON only where the body is JSON: a text/plain form post is refused", () => {
    expect(check("POST", "/api/requests", { origin: site, "content-type": "text/plain" })).toEqual({ ok: false, status: 415, error: "json_only" });
    expect(check("POST", "/api/requests", { origin: site })).toMatchObject({ ok: false, status: 415 });
    expect(
      check("POST", "/api/requests", { origin: site, "sec-fetch-site": "same-origin", "content-type": "application/json; charset=utf-8" }),
    ).toEqual({ ok: true });
  });

  it("lets reads, next-auth's own routes (token-checked) and clients that are not browsers through", () => {
    expect(check("GET", "/api/requests", { origin: "https://evil.example" })).toEqual({ ok: true });
    expect(check("POST", "/api/auth/callback/patient-otp", { origin: "https://evil.example" })).toEqual({ ok: true });
    expect(check("POST", "/api/uploads", {})).toEqual({ ok: true });
    expect(check("POST", "/queue/DSR-2026-000001", { origin: "https://evil.example" })).toEqual({ ok: true });
  });

  it("the site's origin comes from NEXTAUTH_URL when set", () => {
    expect(siteOriginOf("http://10.0.0.5:3000", "https://portal.example/")).toBe("https://portal.example");
    expect(siteOriginOf("http://localhost:3000", undefined)).toBe("http://localhost:3000");
  });
});
