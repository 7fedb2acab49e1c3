import { randomUUID } from "node:crypto";
import { expect, type Browser, type Page } from "@playwright/test";
import { signInPatient, signInStaff, uniquePhone } from "./fixtures";

/** Helpers of the staff specs (e2e/fixtures.ts is shared and read-only). */

export const DEMO_AGENT2 = { email: "agent2@xiaolu.example", password: "Demo-Agent-2026" };
export const DEMO_MANAGER = { email: "manager@xiaolu.example", password: "Demo-Manager-2026" };

/** A new patient (a phone no other test uses), signed in, who files a complaint through POST /api/requests. */
export async function patientWithRequest(browser: Browser, description: string, locale: "zh-CN" | "en" = "zh-CN") {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const phone = uniquePhone();
  await signInPatient(page, phone);
  const res = await page.request.post("/api/requests", {
    data: { type: "complaint", idempotencyKey: randomUUID(), description },
    headers: { "accept-language": locale === "en" ? "en" : "zh-CN" },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { ref } = (await res.json()) as { ref: string };
  expect(ref).toMatch(/^DSR-\d{4}-\d{6,}$/);
  return { page, phone, ref };
}

/** A staff member in their own browser context. */
export async function staffPage(browser: Browser, who?: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInStaff(page, who);
  return page;
}

/** The request page's status line. */
export const statusLine = (page: Page) => page.getByTestId("request-status");

/** 199****1234 */
export const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;
