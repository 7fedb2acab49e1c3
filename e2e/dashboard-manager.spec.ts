import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInNewStaff } from "./fixtures";
import { patientWithRequest } from "./staff-helpers";

function shanghaiDate(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    label,
  ).toEqual([]);
}

async function figure(page: Page, name: string) {
  return (await page.locator(`[data-figure="${name}"]`).first().innerText()).trim();
}

test("a manager sees today's risk and the period's performance, in Chinese then in English", async ({ page, browser }) => {
  // A request received today, so the period has one whatever else the database holds.
  await patientWithRequest(browser, "请问我的处方会保存多久？");
  await signInNewStaff(page, "manager");
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "管理看板" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("管理看板");
  await expect(page.getByTestId("dash-scope")).toContainText(`${shanghaiDate(-29)} 至 ${shanghaiDate()}`);
  await expect(page.getByRole("heading", { name: "当前未结请求" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "期间表现" })).toBeVisible();

  // Open now adds up: on track + at risk + overdue = open.
  const open = Number(await figure(page, "open.open"));
  const parts = await Promise.all(["open.on_track", "open.at_risk", "open.overdue"].map((f) => figure(page, f)));
  expect(parts.map(Number).reduce((a, b) => a + b, 0)).toBe(open);
  expect(Number(await figure(page, "period.received"))).toBeGreaterThan(0);
  await expect(page.locator('[data-figure="period.onTimeRate"]')).toHaveText(/^\d+\.\d%$|^—$/);

  // Charts are drawn, and their numbers are there as tables for screen readers (one row per week).
  await expect(page.locator(".dash-chart .recharts-wrapper")).toHaveCount(2);
  await expect(page.locator(".dash-chart .recharts-bar-rectangle").first()).toBeVisible();
  const weeks = page.getByTestId("chart-table-volume").locator("tbody tr");
  expect(await weeks.count()).toBeGreaterThanOrEqual(5);
  await expect(page.getByRole("table", { name: "每周收到与结案" })).toBeAttached();
  await expectNoSeriousViolations(page, "dashboard");

  // Overdue and at-risk requests link to their page in the queue.
  const riskLinks = page.locator('[data-testid^="risk-"] a[href^="/queue/DSR-"]');
  if ((await riskLinks.count()) > 0) {
    const href = await riskLinks.first().getAttribute("href");
    expect(href).toMatch(/^\/queue\/DSR-\d{4}-\d+$/);
  }

  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
  await expect(page.getByRole("heading", { name: "Open now" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Performance in the period" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Workload per assignee" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Received and closed per week" })).toBeAttached();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Dashboard" })).toBeVisible();

  // One type.
  await page.getByLabel("Request type", { exact: true }).selectOption("deletion");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/type=deletion/);
  await expect(page.getByTestId("dash-scope")).toContainText("Delete my data");
  await expect(page.locator("table.dash-numbers").first().locator("tbody tr")).toHaveCount(1);
});

test("bad periods and forged types get a clear message; a year-long period is answered", async ({ page }) => {
  await signInNewStaff(page, "manager");
  await page.goto("/dashboard");
  await page.getByLabel("开始日期").fill("2026-11-30");
  await page.getByLabel("结束日期（含）").fill("2026-11-01");
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page.getByTestId("period-errors")).toHaveText("结束日期早于开始日期，请选择不早于开始日期的结束日期。");
  await expect(page.getByLabel("结束日期（含）")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("[data-figure]")).toHaveCount(0);

  const forged = await page.goto("/dashboard?type=%27%3Bdrop%20table%20dsr.requests");
  expect(forged?.status()).toBe(200);
  await expect(page.getByTestId("period-errors")).toHaveText("没有这种请求类型，请从列表中选择，或选择全部类型。");

  await page.goto("/dashboard?from=2020-01-01&to=2026-11-01");
  await expect(page.getByTestId("period-errors")).toContainText("期间过长");

  // (How fast a year is answered at a million requests is measured by `npm run bench:dashboard`, not here.)
  await page.goto(`/dashboard?from=${shanghaiDate(-364)}&to=${shanghaiDate()}`);
  await expect(page.getByRole("heading", { name: "期间表现" })).toBeVisible();
  expect(await page.getByTestId("chart-table-volume").locator("tbody tr").count()).toBeGreaterThanOrEqual(52);

  const csv = await page.request.get("/dashboard/export?from=2026-11-30&to=2026-11-01");
  expect(csv.status()).toBe(400);
  expect(await csv.text()).toContain("结束日期早于开始日期");
});

test("the CSV of the period downloads, UTF-8 with a byte-order mark; the monthly report prints", async ({ page, browser }) => {
  const { ref } = await patientWithRequest(browser, "请问我的浏览记录保存多久？");
  await signInNewStaff(page, "manager");
  await page.goto("/dashboard");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^dsr-requests_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
  const file = fs.readFileSync((await download.path())!);
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = file.toString("utf8").slice(1).split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("编号,类型,状态,收到时间（北京时间）,答复期限,结案时间（北京时间）,按期,处理结果,拒绝原因,用时（工作日）");
  expect(lines.length).toBeGreaterThan(1);
  expect(lines[1]).toMatch(/^DSR-\d{4}-\d+,/);
  expect(lines.some((l) => l.startsWith(`${ref},`))).toBe(true);

  await page.getByRole("link", { name: "月度合规报告" }).click();
  await expect(page).toHaveURL(/\/dashboard\/report\?month=\d{4}-\d{2}/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("个人信息权利请求合规报告");
  await expect(page.getByRole("button", { name: "打印或存为 PDF" })).toBeVisible();
  await expect(page.locator('[data-figure="report.received"]')).toHaveText(/^\d+$/);
  await expectNoSeriousViolations(page, "report");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("button", { name: "打印或存为 PDF" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.subarray(0, 4).toString()).toBe("%PDF");

  await page.emulateMedia({ media: "screen" });
  await page.goto("/dashboard/report?month=2026-13");
  await expect(page.getByTestId("period-errors")).toContainText("月份格式不正确");
});
