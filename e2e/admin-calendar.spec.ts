import { expect, test } from "@playwright/test";
import { signInNewStaff, signInPatient, uniquePhone } from "./fixtures";

const file = (content: unknown) => ({ name: "calendar.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(content)) });

test("an admin views a year, is refused a bad file, then loads next year's notice", async ({ page }) => {
  await signInNewStaff(page, "admin");
  await page.goto("/admin/calendar?year=2026");
  await expect(page.getByTestId("year-heading")).toContainText("2026 · 国务院通知");
  await expect(page.getByTestId("year-summary")).toContainText("工作日共 248 天");
  // 14 February 2026 is a Saturday made a working day (调休上班).
  await expect(page.getByTestId("special-days")).toContainText("2026-02-14");
  await expect(page.locator('td[data-date="2026-02-14"]')).toContainText("班");
  await expect(page.locator('td[data-date="2026-02-16"]')).toContainText("休");

  // From November the banner asks for next year's notice until it is loaded.
  // The server counts dates in Shanghai: so does the test (on 31 December after 16:00 UTC it is already January there).
  const shanghai = new Date(Date.now() + 8 * 3_600_000);
  const nextYear = shanghai.getUTCFullYear() + 1;
  const bannerExpected = shanghai.getUTCMonth() >= 10;
  if (bannerExpected) await expect(page.getByTestId("next-year-banner")).toContainText(String(nextYear));

  const days = [
    { date: `${nextYear}-01-01`, kind: "holiday", name: "元旦" },
    { date: `${nextYear}-01-01`, kind: "holiday", name: "元旦" },
  ];
  await page.getByLabel("JSON 文件").setInputFiles(file({ year: nextYear, notice: "测试通知", days }));
  await page.getByRole("button", { name: "导入" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "文件未导入" })).toContainText("日期重复");

  await page.getByLabel("JSON 文件").setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from("{not json") });
  await page.getByRole("button", { name: "导入" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "文件未导入" })).toContainText("不是有效的 JSON");

  await page.goto(`/admin/calendar?year=${nextYear}`);
  await expect(page.getByTestId("year-heading")).toContainText("法定节假日（暂定）");

  await page.getByLabel("JSON 文件").setInputFiles(file({ year: nextYear, notice: "测试通知", days: days.slice(0, 1) }));
  await page.getByRole("button", { name: "导入" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已导入 ${nextYear} 年` })).toBeVisible();
  await page.goto(`/admin/calendar?year=${nextYear}`);
  await expect(page.getByTestId("year-heading")).toContainText("国务院通知");
  await expect(page.getByTestId("coverage")).toContainText("测试通知");
  await expect(page.getByTestId("next-year-banner")).toHaveCount(0);
});

test("an admin changes a response deadline; a target after the deadline is refused", async ({ page }) => {
  await signInNewStaff(page, "admin");
  await page.goto("/admin/policies");
  const target = page.getByLabel("自动化决策解释 · 目标（工作日）");
  const due = page.getByLabel("自动化决策解释 · 期限（工作日）");
  await target.fill("9");
  await due.fill("8");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("目标不能晚于期限。")).toBeVisible();
  await page.reload();
  await expect(target).toHaveValue("5");
  await target.fill("6");
  await due.fill("7");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "修改了 1 类申请" })).toBeVisible();
  await page.reload();
  await expect(target).toHaveValue("6");
});

test("agents and patients cannot open admin pages: 403", async ({ browser }) => {
  // every admin page checks the role itself, not only the layout
  const agent = await browser.newPage();
  await signInNewStaff(agent);
  expect((await agent.goto("/admin/calendar"))?.status()).toBe(403);
  expect((await agent.goto("/admin/policies"))?.status()).toBe(403);
  expect((await agent.goto("/admin/data-map"))?.status()).toBe(403);
  const patient = await browser.newPage();
  await signInPatient(patient, uniquePhone());
  expect((await patient.goto("/admin/calendar"))?.status()).toBe(403);
});

test("an admin reads the data map: erasure, retention and recipients per category", async ({ page }) => {
  await signInNewStaff(page, "admin");
  await page.goto("/admin/data-map");
  const map = page.getByTestId("data-map");
  const row = (name: string) => map.locator("tr", { has: page.getByRole("rowheader", { name, exact: true }) });
  await expect(row("处方")).toContainText("自末次就诊起 15 年");
  await expect(row("收货地址")).toContainText("物流公司");
  await expect(row("收货地址")).toContainText("删除");
  await page.getByTestId("language-switch").click();
  await expect(row("Prescriptions")).toContainText("15 years from the last visit");
  await page.getByTestId("language-switch").click();
});
