import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInNewStaff, signInPatient, uniquePhone } from "./fixtures";

/** Signing out ends the session on the server: the old cookie, replayed, opens nothing and files nothing. */

async function signedInPatient(browser: Browser, phone: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInPatient(page, phone);
  await page.goto("/requests");
  await expect(page).toHaveURL(/\/requests$/);
  return { context, page };
}

/**
 * Signing out is next-auth's client round trip (CSRF token, POST, then a full navigation to "/"), which takes
 * more than the default 10 s on a loaded 2-core machine: wait for the navigation itself, then check where it went.
 */
async function signOut(page: Page, signedInPage: RegExp) {
  await Promise.all([
    page.waitForURL((url) => !signedInPage.test(url.pathname), { timeout: 60_000, waitUntil: "commit" }),
    page.getByRole("button", { name: "退出登录" }).click(),
  ]);
  await expect(page).not.toHaveURL(signedInPage);
}

test("a patient's cookie replayed after signing out opens no page and files no request", async ({ browser }) => {
  const { context, page } = await signedInPatient(browser, uniquePhone());
  const stolen = await context.storageState();
  await signOut(page, /\/requests/);

  const replay = await browser.newContext({ storageState: stolen });
  const again = await replay.newPage();
  await again.goto("/requests");
  await expect(again).toHaveURL(/\/signin/);
  const filed = await again.request.post("/api/requests", {
    data: { type: "complaint", idempotencyKey: randomUUID(), description: "旧 cookie 重放" },
  });
  expect(filed.status()).toBe(401);
});

test("a staff member's cookie replayed after signing out opens no queue", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInNewStaff(page, "agent");
  await page.goto("/queue");
  await expect(page).toHaveURL(/\/queue$/);
  const stolen = await context.storageState();
  await signOut(page, /\/queue/);

  const replay = await (await browser.newContext({ storageState: stolen })).newPage();
  await replay.goto("/queue");
  await expect(replay).toHaveURL(/\/staff\/signin/);
});

test("sign out everywhere ends the patient's sessions on the server, not anyone else's", async ({ browser }) => {
  // (That it ends every one of several sessions is lib/auth/sessions.test.ts; a second SMS sign-in for one phone
  // would wait out the code cooldown.)
  const mine = await signedInPatient(browser, uniquePhone());
  const copied = await (await browser.newContext({ storageState: await mine.context.storageState() })).newPage();
  const someoneElse = await signedInPatient(browser, uniquePhone());

  await mine.page.getByRole("button", { name: "在所有设备上退出" }).click();
  await expect(mine.page).toHaveURL(/\/signin/);
  await copied.goto("/requests");
  await expect(copied).toHaveURL(/\/signin/);
  await someoneElse.page.goto("/requests");
  await expect(someoneElse.page).toHaveURL(/\/requests$/);
});
