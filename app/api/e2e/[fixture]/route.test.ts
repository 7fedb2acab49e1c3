import { describe, expect, it } from "vitest";
import { POST } from "./route";

const call = (fixture: string, ip = "127.0.0.1") =>
  POST(
    new Request(`http://localhost/api/e2e/${fixture}`, {
      method: "POST",
      body: JSON.stringify({ role: "admin" }),
      headers: { "x-dsr-client-ip": ip },
    }),
    {
      params: Promise.resolve({ fixture }),
    },
  );

describe("/api/e2e/… outside the browser tests", () => {
  it("is a plain 404 when the server does not run with E2E_FIXTURES=1, even from this machine", async () => {
    expect(process.env.E2E_FIXTURES).toBeUndefined();
    for (const fixture of ["staff", "patient", "request-awaiting-answer", "nothing"]) {
      const res = await call(fixture);
      expect(res.status, fixture).toBe(404);
      expect(await res.text()).toBe("");
    }
  });
});
