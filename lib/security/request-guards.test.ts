import { describe, expect, it } from "vitest";
import { guardRequest, SERVER_ACTION_MAX_BYTES } from "./request-guards";

const guard = (method: string, pathname: string, headers: Record<string, string> = {}) =>
  guardRequest({ method, pathname, headers: new Headers(headers) });

describe("requests the framework would answer with a 500", () => {
  it("a sign-in callback asked for with GET is 405", () => {
    expect(guard("GET", "/api/auth/callback/patient-otp")).toEqual({ ok: false, status: 405, error: "method_not_allowed" });
    expect(guard("POST", "/api/auth/callback/patient-otp")).toEqual({ ok: true });
    expect(guard("GET", "/api/auth/session")).toEqual({ ok: true });
  });

  it("a server action body over 1 MB is 413; at the limit, or not an action, it goes on", () => {
    const action = { "next-action": "abc123" };
    expect(guard("POST", "/queue/DSR-2026-000001", { ...action, "content-length": String(SERVER_ACTION_MAX_BYTES + 1) })).toMatchObject({
      status: 413,
    });
    expect(guard("POST", "/queue/DSR-2026-000001", { ...action, "content-length": String(SERVER_ACTION_MAX_BYTES) })).toEqual({ ok: true });
    expect(guard("POST", "/api/uploads", { "content-length": String(5 * SERVER_ACTION_MAX_BYTES) })).toEqual({ ok: true });
  });
});
