import { expect, test, type Page } from "@playwright/test";
import { patientWithRequest, staffPage } from "./staff-helpers";

/**
 * Every page is served with the security headers and a nonce CSP, and runs under it: no script of the app is
 * blocked (a violation would also leave the page without its interactive parts), and no page can be framed.
 */

async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  await page.exposeFunction("__reportCspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __reportCspViolation: (v: string) => void }).__reportCspViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return violations;
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, path).toContain("frame-ancestors 'none'");
  expect(csp, path).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(headers["x-frame-options"], path).toBe("DENY");
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  expect(headers["referrer-policy"], path).toBe("same-origin");
  // The app's own scripts ran: the page hydrated (Next.js marks it) and nothing was refused.
  await page.waitForLoadState("networkidle");
}

test("public pages: headers on, scripts run under the CSP, nothing refused", async ({ page }) => {
  const violations = await watchViolations(page);
  for (const path of ["/", "/signin", "/staff/signin", "/no-such-page"]) await visit(page, path);
  // The sign-in form is interactive only if its script ran.
  await page.goto("/signin");
  await page.getByLabel(/手机号|Phone/).fill("12");
  await page.getByRole("button", { name: /获取验证码|Get code/ }).click();
  await expect(page.locator("#phone-error")).not.toBeEmpty();
  expect(violations).toEqual([]);
});

test("patient and staff pages run under the CSP", async ({ browser }) => {
  const { page: patient, ref } = await patientWithRequest(browser, "CSP 检查：问一个问题。");
  const patientViolations = await watchViolations(patient);
  for (const path of ["/requests", "/requests/new", `/requests/${ref}`]) await visit(patient, path);
  expect(patientViolations).toEqual([]);

  for (const [role, paths] of [
    ["agent", ["/queue", `/queue/${ref}`]],
    ["manager", ["/dashboard", "/queue/templates"]],
    ["admin", ["/admin/calendar", "/admin/policies", "/admin/schedules"]],
  ] as const) {
    const page = await staffPage(browser, role);
    const violations = await watchViolations(page);
    for (const path of paths) await visit(page, path);
    expect(violations, role).toEqual([]);
  }
});

test("a page of another site cannot frame the portal", async ({ page, baseURL }) => {
  const response = await page.request.get("/signin");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
  await page.setContent(`<iframe id="f" src="${baseURL}/signin"></iframe>`);
  await page.waitForTimeout(1500);
  const child = page.frames().find((f) => f !== page.mainFrame());
  // The browser refuses to render the portal inside another page: no sign-in form appears in the frame.
  expect(child ? await child.locator("form").count() : 0).toBe(0);
});

test("a state-changing API call from another site, or a text/plain body, is refused before it is read", async ({ browser }) => {
  const { page } = await patientWithRequest(browser, "CSRF 检查：第一条。");
  const body = { type: "complaint", idempotencyKey: crypto.randomUUID(), description: "跨站提交" };
  const crossSite = await page.request.post("/api/requests", { data: body, headers: { origin: "https://evil.example" } });
  expect(crossSite.status()).toBe(403);
  const sameSiteOtherOrigin = await page.request.post("/api/requests", { data: body, headers: { "sec-fetch-site": "same-site" } });
  expect(sameSiteOtherOrigin.status()).toBe(403);
  const plain = await page.request.post("/api/requests", { data: JSON.stringify(body), headers: { "content-type": "text/plain" } });
  expect(plain.status()).toBe(415);
  // The same request from the site itself goes through.
  const own = await page.request.post("/api/requests", { data: body, headers: { origin: new URL(page.url()).origin } });
  expect(own.status(), await own.text()).toBe(201);
});

test("hostile requests get a 4xx or a page that says what was ignored, never a 500", async ({ browser, request }) => {
  expect((await request.get("/api/auth/callback/patient-otp")).status()).toBe(405);
  const huge = await request.post("/signin", {
    headers: { "next-action": "0".repeat(40), "content-type": "text/plain" },
    data: "x".repeat(1024 * 1024 + 10),
  });
  expect(huge.status()).toBe(413);
  for (const callbackUrl of ["%2F%09%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%0D%2Fevil.example"]) {
    const res = await request.get(`/signin?callbackUrl=${callbackUrl}`, { maxRedirects: 0 });
    expect(res.status(), callbackUrl).toBeLessThan(500);
  }
  const staff = await staffPage(browser, "agent");
  for (const query of ["q=a%00b", "from=0000-01-01", "to=9999-12-31", "q=%E2%80%AEabc"]) {
    const res = await staff.goto(`/queue?${query}`);
    expect(res!.status(), query).toBe(200);
  }
});
