import { randomUUID } from "node:crypto";
import { expect, type Browser, type Page } from "@playwright/test";
import { signInNewStaff, signInPatient, uniquePhone, type StaffCredentials, type StaffRole } from "./fixtures";

/** Helpers of the staff specs. */

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

/** A new staff member of `role`, signed in in their own browser context, and who they are. */
export async function staffMember(browser: Browser, role: StaffRole = "agent"): Promise<{ page: Page; who: StaffCredentials }> {
  const page = await (await browser.newContext()).newPage();
  const who = await signInNewStaff(page, role);
  return { page, who };
}

/** A new staff member of `role`, signed in in their own browser context. */
export async function staffPage(browser: Browser, role: StaffRole = "agent"): Promise<Page> {
  return (await staffMember(browser, role)).page;
}

/** The request page's status line. */
export const statusLine = (page: Page) => page.getByTestId("request-status");

/** 199****1234 */
export const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;
