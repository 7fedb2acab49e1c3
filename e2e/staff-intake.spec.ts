import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DATE_FORMATS, shanghaiDay } from "../lib/i18n/dates";
import { computeDeadline } from "../lib/sla/deadline";
import { DEFAULT_SLA_POLICIES } from "../lib/sla/policies";
import { addCalendarDays, shanghaiDateOf } from "../lib/sla/shanghai";
import { buildWorkingDayIndex } from "../lib/sla/working-days";
import { signInPatient, uniquePhone } from "./fixtures";
import { patientWithRequest, staffMember } from "./staff-helpers";

/** Issue 18 item 1: staff log a request received by phone, letter, e-mail or at the counter. */

/**
 * The working-day index the server counts with: the bundled calendar years its database is seeded with, read as
 * lib/sla/calendar-file.ts reads them (that module's JSON imports do not load in the test runner).
 */
function serverCalendar() {
  const dir = path.join(import.meta.dirname, "..", "lib", "sla", "calendar-data");
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as { year: number; days: { date: string; kind: string }[] });
  return buildWorkingDayIndex({
    days: files.flatMap((f) => f.days.map((d) => ({ date: d.date, isWorkingDay: d.kind === "makeup_workday" }))),
    loadedYears: files.map((f) => f.year),
  });
}

async function english(page: Page) {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL("/", page.url()).href }]);
}

const LOCALES = [
  {
    locale: "zh-CN" as const,
    link: "登记申请",
    submit: "登记申请",
    future: "收到时间不能晚于现在。",
    filesHint: "每个不超过 10 MB",
    channel: (name: string) => `电话，由 ${name} 代为登记`,
    patientList: "/requests",
  },
  {
    locale: "en" as const,
    link: "Log a request",
    submit: "Log the request",
    future: "The time of receipt cannot be later than now.",
    filesHint: "up to 10 MB each",
    channel: (name: string) => `Phone, logged by ${name}`,
    patientList: "/requests",
  },
];

for (const l of LOCALES) {
  test(`${l.locale}: staff log a phone request received yesterday at 17:50, due from yesterday; the patient without an account follows it`, async ({
    browser,
  }) => {
    const { page, who } = await staffMember(browser, "agent");
    await page.goto("/queue");
    if (l.locale === "en") await english(page);
    await page.goto("/queue");
    await page.getByTestId("log-request-link").click();
    await expect(page).toHaveURL(/\/queue\/new$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(l.link);

    // The server's date: the moment the test runs, in Shanghai (the form is filled now, so the two agree).
    const today = shanghaiDateOf(new Date());
    const yesterday = addCalendarDays(today, -1);
    const tomorrow = addCalendarDays(today, 1);
    const phone = uniquePhone();
    const form = page.getByTestId("intake-form");
    // The file picker's texts reach staff pages too (lib/i18n/client-messages.ts), not its message keys.
    await expect(form.locator(".portal-files .hint")).toContainText(l.filesHint);
    await expect(form).not.toContainText("portal.");
    await form.locator("#intake-channel").selectOption("phone");
    await form.locator("#intake-type").selectOption("access");
    await form.locator('input[name="categories"][value="consultations"]').check();
    await form.locator("#intake-name").fill("王小鹿");
    await form.locator("#intake-phone").fill(phone);
    await form.locator("#intake-check").selectOption("security_questions");
    await form.locator("#intake-note").fill("核对了最近一次问诊日期");

    // A receipt in the future is refused on its field, and nothing is filed.
    await form.locator("#intake-date").fill(tomorrow);
    await form.locator("#intake-time").fill("09:00");
    await form.getByRole("button", { name: l.submit }).click();
    await expect(form.locator("#intake-time-error")).toHaveText(l.future);
    await expect(form.locator("#intake-time")).toHaveAttribute("aria-describedby", /intake-time-error/);
    await expect(form.locator("#intake-time")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/queue\/new$/);

    await form.locator("#intake-date").fill(yesterday);
    await form.locator("#intake-time").fill("17:50");
    await form.getByRole("button", { name: l.submit }).click();
    await expect(page).toHaveURL(/\/queue\/DSR-\d{4}-\d{6,}$/);
    const ref = page.url().split("/").pop()!;

    // The due date counts from yesterday 17:50, through the same deadline engine and calendar as the server.
    const expected = computeDeadline(new Date(`${yesterday}T17:50:00+08:00`), DEFAULT_SLA_POLICIES.access, serverCalendar());
    const due = new Intl.DateTimeFormat(l.locale, DATE_FORMATS.date).format(shanghaiDay(expected.dueDate));
    await expect(page.getByTestId("sla-panel")).toContainText(due);
    await expect(page.getByTestId("request-channel")).toContainText(l.channel(who.name));
    await expect(page.getByTestId("request-status")).not.toContainText(/待核验|Awaiting verification/);

    // The patient had no account: signing in with that phone, the request is in their list.
    const patient = await (await browser.newContext({ locale: l.locale })).newPage();
    await signInPatient(patient, phone);
    if (l.locale === "en") await english(patient);
    await patient.goto(l.patientList);
    await expect(patient.locator("main")).toContainText(ref);
    await patient.goto(`/requests/${ref}`);
    await expect(patient.locator("main")).toContainText(due);
    await patient.context().close();
    await page.context().close();
  });
}

test("a patient and an admin cannot reach the intake page or its uploads", async ({ browser }) => {
  const patient = await patientWithRequest(browser, "我想了解我的数据如何被使用。");
  expect((await patient.page.goto("/queue/new"))?.status()).toBe(403);
  await patient.page.context().close();

  const { page: admin } = await staffMember(browser, "admin");
  expect((await admin.goto("/queue/new"))?.status()).toBe(403);
  await admin.goto("/queue");
  await expect(admin.getByTestId("log-request-link")).toHaveCount(0);
  // Staff upload only proof documents for a request they log, and only agents and managers.
  const res = await admin.request.post("/api/uploads?purpose=proof&name=letter.png", {
    data: Buffer.from("x"),
    headers: { "sec-fetch-site": "same-origin" },
  });
  expect(res.status()).toBe(403);
  await admin.context().close();
});
