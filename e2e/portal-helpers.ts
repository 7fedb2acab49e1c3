import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { signInPatient } from "./fixtures";

/**
 * Helpers of the patient-portal specs. Sign-in codes are limited per client address and every test of the suite
 * comes from the same address, so the serial groups sign each patient in once and share the session (its
 * storage state) between their tests.
 */
type StorageState = Exclude<BrowserContextOptions["storageState"], string | undefined>;

/** Signs `phone` in once, in a throwaway context, and returns the session to open pages with. */
export async function signedInState(browser: Browser, phone: string): Promise<StorageState> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInPatient(page, phone);
  const state = await context.storageState();
  await context.close();
  return state;
}

/** A page in a new context that carries the session (and its own language cookie, viewport…). */
export async function pageWith(browser: Browser, state: StorageState, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...options, storageState: state });
  return context.newPage();
}

/** No serious or critical accessibility violation on the page as it is now (axe-core, WCAG 2.1 A/AA). */
export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `axe on ${label}`,
  ).toEqual([]);
}

/** The page fits a 375 px wide phone: nothing wider than the viewport. */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Goes from the review step to the confirmation page and returns the new reference. */
export async function fileFromReview(page: Page): Promise<string> {
  await expect(page.getByTestId("review")).toBeVisible();
  await page.getByTestId("submit-request").click();
  await expect(page).toHaveURL(/\/requests\/DSR-\d{4}-\d{6,}\/submitted$/);
  const ref = (await page.getByTestId("submitted-ref").textContent())!.trim();
  expect(ref).toMatch(/^DSR-\d{4}-\d{6,}$/);
  return ref;
}

/** Fills the real-name check (name and last four characters of the ID number). */
export async function fillIdentity(page: Page, id: { name: string; last4: string }) {
  await page.getByLabel(/您的真实姓名|Your real name/).fill(id.name);
  await page.getByLabel(/身份证件号码后四位|Last four characters/).fill(id.last4);
}

export const PDF = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
export const EXE = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), Buffer.alloc(200)]);
