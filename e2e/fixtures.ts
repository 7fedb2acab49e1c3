import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** A phone number of our test range that no other test uses: 1991 followed by seven random digits. */
export function uniquePhone(): string {
  return `1991${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}`;
}

export const DEMO_AGENT = { email: "agent1@xiaolu.example", password: "Demo-Agent-2026" };
export const DEMO_PATIENT_PHONE = "19900000001";

/** The newest sign-in code the demo outbox holds for `phone`. */
export async function readCodeFromOutbox(request: APIRequestContext, phone: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(async () => {
      const html = await (await request.get(`/dev/outbox?phone=${phone}`)).text();
      code = html.match(/(?:验证码是|sign-in code is) (\d{6})/)?.[1];
      return code;
    })
    .toBeTruthy();
  return code!;
}

/** Asks the server for a code as the sign-in form does (the form itself is tested in auth.spec.ts). */
export async function requestCodeThroughUi(page: Page, phone: string) {
  await page.goto("/signin");
  await page.getByLabel(/手机号|Phone number/).fill(phone);
  await page.getByRole("button", { name: /获取验证码|Send code/ }).click();
  await expect(page.getByRole("status")).toContainText(/验证码已发送|Code sent/);
}

/** Signs a patient in without the UI: the next-auth credentials callback, with the code read from the outbox. */
export async function signInPatient(page: Page, phone: string) {
  await requestCodeThroughUi(page, phone);
  const code = await readCodeFromOutbox(page.request, phone);
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const res = await page.request.post("/api/auth/callback/patient-otp", {
    form: { csrfToken, phone, code, json: "true" },
  });
  expect(res.ok()).toBeTruthy();
}

export async function signInStaff(page: Page, who = DEMO_AGENT) {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const res = await page.request.post("/api/auth/callback/staff-password", {
    form: { csrfToken, email: who.email, password: who.password, json: "true" },
  });
  expect(res.ok()).toBeTruthy();
}

export const DEMO_ADMIN = { email: "admin@xiaolu.example", password: "Demo-Admin-2026" };
