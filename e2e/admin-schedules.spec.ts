import { expect, test } from "@playwright/test";
import { answeredQuestion, newPatient, signInNewStaff } from "./fixtures";

test("an admin sees every schedule and dry-runs the unsubmitted files purge", async ({ page }) => {
  const admin = await signInNewStaff(page, "admin");
  await page.goto("/admin/calendar");
  await page.getByRole("link", { name: "定时任务" }).click();
  await expect(page).toHaveURL(/\/admin\/schedules$/);
  await expect(page.getByRole("heading", { level: 1, name: "定时任务" })).toBeVisible();

  const purge = page.getByTestId("schedule-retention-purge");
  await expect(purge.getByRole("heading", { name: "到期记录清理" })).toBeVisible();
  await expect(purge).toContainText("每天 03:00（北京时间）");

  const uploads = page.getByTestId("schedule-abandoned-uploads-purge");
  await expect(uploads.getByRole("heading", { name: "未提交文件清理" })).toBeVisible();
  await expect(uploads).toContainText("每小时第 15 分钟（北京时间）");
  // Its next run is the next :15 in Shanghai: the <time> element carries the instant.
  const next = new Date((await uploads.getByTestId("next-run").locator("time").getAttribute("datetime"))!);
  expect(next.getUTCMinutes()).toBe(15);
  expect(next.getTime()).toBeGreaterThan(Date.now() - 60_000);
  expect(next.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);

  await uploads.getByRole("button", { name: "试运行（不删除任何内容） · 未提交文件清理" }).click();
  const result = uploads.getByTestId("run-result-abandoned-uploads-purge");
  await expect(result.getByRole("status")).toContainText("“未提交文件清理”试运行完成，未删除任何内容。");
  await expect(result).toContainText("仅统计，未删除任何内容");
  await expect(result).toContainText("文件");

  // The last run, after the page renders again: the admin's dry run, succeeded, with its counts.
  const last = uploads.getByTestId("last-run");
  await expect(last).toContainText("成功");
  await expect(last).toContainText("试运行");
  await expect(last).toContainText(`由 ${admin.name} 手动运行`);
  await page.reload();
  await expect(last).toContainText(`由 ${admin.name} 手动运行`);
  await expect(last).toContainText("仅统计，未删除任何内容");
  // No internal names on the screen.
  await expect(page.locator("main")).not.toContainText("abandoned-uploads-purge");
});

test("agents and managers cannot open the schedules page: 403", async ({ browser }) => {
  for (const role of ["agent", "manager"] as const) {
    const page = await browser.newPage();
    await signInNewStaff(page, role);
    expect((await page.goto("/admin/schedules"))?.status(), role).toBe(403);
    await expect(page.getByRole("button", { name: /立即运行/ })).toHaveCount(0);
    await page.close();
  }
});

test("an admin dry-runs the audit checkpoint: the log's size and its newest row are shown", async ({ page, browser }) => {
  // A patient's question answered by staff: rows in the audit log, whatever ran before.
  const patientContext = await browser.newContext();
  const patient = await newPatient(patientContext.request);
  await answeredQuestion(patientContext.request, patient.phone, "审计日志检查点测试", "已答复。");
  await patientContext.close();

  await signInNewStaff(page, "admin");
  await page.goto("/admin/schedules");
  const checkpoint = page.getByTestId("schedule-audit-checkpoint");
  await expect(checkpoint.getByRole("heading", { name: "审计日志检查点" })).toBeVisible();
  await expect(checkpoint).toContainText("每条链");
  await checkpoint.getByRole("button", { name: "试运行（不删除任何内容） · 审计日志检查点" }).click();
  const result = checkpoint.getByTestId("run-result-audit-checkpoint");
  await expect(result.getByRole("status")).toContainText("“审计日志检查点”试运行完成");
  const figure = async (label: string) =>
    Number(await result.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]").textContent());
  const count = await figure("审计日志行数");
  const head = await figure("审计日志最新行号");
  // The answered question wrote at least its filing's and its answer's rows; the newest row's number is at least the count.
  expect(count).toBeGreaterThanOrEqual(2);
  expect(head).toBeGreaterThanOrEqual(count);
  await expect(page.locator("main")).not.toContainText("audit-checkpoint");
});
