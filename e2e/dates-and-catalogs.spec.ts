import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { answeredQuestion, newPatient, signInNewStaff, signInPatient } from "./fixtures";

/** Issue 18 item 4: one date format per language on every screen; each page ships only the catalogs it uses. */

const catalog = (file: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "messages", file), "utf8"));

async function english(page: Page) {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL("/", page.url()).href }]);
}

// "Dec 8, 2026, 17:50": the shared `dateTime` format of lib/i18n/dates.ts in English.
const EN_DATE_TIME = /[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}/;

test("an English staff page and an English patient page show the same request's receipt the same way", async ({ browser }) => {
  const patientPage = await browser.newPage();
  await patientPage.goto("/signin");
  const patient = await newPatient(patientPage.request);
  const ref = await answeredQuestion(patientPage.request, patient.phone, "What do you keep about me?", "Your records.");
  await signInPatient(patientPage, patient.phone);
  await english(patientPage);
  await patientPage.goto(`/requests/${ref}`);
  const received = patientPage.locator("dd", { hasText: EN_DATE_TIME }).first();
  await expect(received).toBeVisible();
  const shown = (await received.textContent())!.match(EN_DATE_TIME)![0];

  const staffPage = await browser.newPage();
  await staffPage.goto("/staff/signin");
  await signInNewStaff(staffPage, "agent");
  await english(staffPage);
  await staffPage.goto(`/queue/${ref}`);
  await expect(staffPage.locator("main")).toContainText(shown);
  // Never the numeric forms the screens once mixed in (12/08/2026, 2026/12/08).
  for (const p of [patientPage, staffPage]) await expect(p.locator("main")).not.toContainText(/\d{1,2}\/\d{1,2}\/\d{4}|\d{4}\/\d{1,2}\/\d{1,2}/);
  await patientPage.close();
  await staffPage.close();
});

test("the sign-in page and the patient's pages do not ship the staff's, the dashboard's or the admin's catalogs", async ({ page }) => {
  const zh = catalog("zh-CN.json");
  const staffOnly = [catalog("zh-CN/dashboard.json").intro, zh.admin.calendarIntro, catalog("zh-CN/staff.json").queue.intro];
  for (const s of staffOnly) expect(typeof s, String(s)).toBe("string");
  const html = async (p: string) => (await page.request.get(p)).text();

  const signin = await html("/signin");
  // What the sign-in form needs is there (a sentence shown only once a code is sent: only the payload holds it)…
  expect(signin).toContain(zh.signin.codeSent);
  // …and nothing of the other areas.
  for (const s of staffOnly) expect(signin, s).not.toContain(JSON.stringify(s).slice(1, -1));

  const patient = await newPatient(page.request);
  await signInPatient(page, patient.phone);
  for (const p of ["/requests", "/requests/new/access"]) {
    const body = await html(p);
    for (const s of staffOnly) expect(body, `${p}: ${s}`).not.toContain(JSON.stringify(s).slice(1, -1));
  }
});
