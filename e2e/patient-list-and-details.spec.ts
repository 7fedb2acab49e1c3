import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { answeredQuestion, requestAwaitingAnswer, signInNewStaff, signInPatient } from "./fixtures";

/** Issue 18, items 3 and 4: the patient's list (what waits on them first; withdrawn says so) and the small details. */

async function fileQuestion(page: Page, description: string): Promise<string> {
  const res = await page.request.post("/api/requests", { data: { type: "complaint", idempotencyKey: randomUUID(), description } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { ref: string }).ref;
}

function shanghaiMonth(offsetMonths = 0): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offsetMonths, 1));
  return m.toISOString().slice(0, 7);
}

test("the request waiting on the patient comes first with a banner; a withdrawn one says so and offers nothing that does not apply", async ({
  page,
}) => {
  // Oldest: a request an agent paused with a question. Then a closed one, then an open one (newest).
  const waiting = await requestAwaitingAnswer(page.request, "请补充说明您要删除哪一次问诊的照片。");
  const closed = await answeredQuestion(page.request, waiting.phone, "想了解我的问诊记录保存多久。", "问诊记录保存 15 年。");
  await signInPatient(page, waiting.phone);
  const open = await fileQuestion(page, "想咨询处方信息共享给了哪些药房。");
  const toWithdraw = await fileQuestion(page, "这件申请我会撤回。");

  await page.goto("/requests");
  const items = page.getByTestId("my-requests").locator(":scope > li");
  await expect(items).toHaveCount(4);
  await expect(items.first()).toHaveAttribute("data-ref", waiting.ref);
  const banner = items.first().getByTestId("action-banner");
  await expect(banner).toContainText("需要您回复工作人员的问题");
  await expect(banner.getByRole("link", { name: `去处理 ${waiting.ref}` })).toHaveAttribute("href", `/requests/${waiting.ref}`);
  await expect(page.getByTestId("action-banner")).toHaveCount(1);
  // Then the open ones (newest first), then the closed one.
  expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-ref")))).toEqual([waiting.ref, toWithdraw, open, closed]);

  // Withdraw one: its page says "已撤回" plainly, with no deadline wording and no invitation to complain.
  await page.goto(`/requests/${toWithdraw}`);
  const withdraw = page.getByTestId("withdraw");
  await withdraw.getByRole("button", { name: "撤回申请" }).click();
  await withdraw.getByRole("button", { name: "确定撤回" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("已撤回");
  await page.reload();
  const article = page.locator("article.portal-request");
  await expect(page.getByTestId("withdrawn")).toContainText("已撤回");
  await expect(page.getByTestId("file-new")).toHaveAttribute("href", "/requests/new");
  await expect(page.getByTestId("request-due")).toHaveCount(0);
  await expect(page.getByTestId("complain")).toHaveCount(0);
  await expect(page.getByTestId("complain-link")).toHaveCount(0);
  await expect(article).not.toContainText("按期完成");
  await expect(article).not.toContainText("对处理结果不满意");

  // In the list it is closed now, says "已撤回" and shows no met/missed deadline; the waiting request stays first.
  await page.goto("/requests");
  await expect(items.first()).toHaveAttribute("data-ref", waiting.ref);
  const row = page.locator(`[data-ref="${toWithdraw}"]`);
  await expect(row.getByTestId("withdrawn-note")).toContainText("已撤回");
  await expect(row).not.toContainText("按期完成");
  await expect(row).not.toContainText("逾期");
  expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-ref")))).toEqual([waiting.ref, open, toWithdraw, closed]);

  // The closed (answered) request still offers a complaint.
  await page.goto(`/requests/${closed}`);
  await expect(page.getByTestId("complain-link")).toBeVisible();

  // In English too.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL("/", page.url()).href }]);
  await page.goto("/requests");
  await expect(items.first().getByTestId("action-banner")).toContainText("We need your answer to a question");
  await page.goto(`/requests/${toWithdraw}`);
  await expect(page.getByTestId("withdrawn")).toContainText("Withdrawn");
  await expect(page.locator("article.portal-request")).not.toContainText(/\bMet\b|Not satisfied|Complain about this request/);
});

test("the sign-in hint links to the demo outbox inside the sentence, in both languages", async ({ page }) => {
  await page.goto("/signin");
  const hint = page.locator("p", { hasText: "演示环境不发送真实短信" });
  await expect(hint).toHaveText("演示环境不发送真实短信：请在短信发件箱查看验证码。");
  await expect(hint.getByRole("link", { name: "短信发件箱" })).toHaveAttribute("href", "/dev/outbox");
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL("/", page.url()).href }]);
  await page.reload();
  const en = page.locator("p", { hasText: "The demo sends no real SMS" });
  await expect(en).toHaveText("The demo sends no real SMS: read your code in the SMS outbox.");
  await expect(en.getByRole("link", { name: "SMS outbox" })).toHaveAttribute("href", "/dev/outbox");
});

test("every page has a favicon and app icons that the CSP allows", async ({ page }) => {
  const blocked: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|favicon|icon/i.test(m.text())) blocked.push(m.text());
  });
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto("/signin");
  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const iconHref = await page.locator('head link[rel="icon"][type="image/svg+xml"]').getAttribute("href");
  expect(iconHref).toMatch(/^\/icon\.svg/);
  const svg = await page.request.get(iconHref!);
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  expect(await svg.text()).toContain("#2f6b4f");
  const apple = await page.locator('head link[rel="apple-touch-icon"]').getAttribute("href");
  expect((await page.request.get(apple!)).status()).toBe(200);
  // The browser loads them under the page's CSP without a complaint.
  await page.goto("/favicon.ico");
  await page.goto("/signin");
  expect(blocked).toEqual([]);
  expect(failed.filter((f) => /favicon|icon/.test(f))).toEqual([]);
});

test("the demo outbox shows each SMS once", async ({ page }) => {
  const waiting = await requestAwaitingAnswer(page.request, "请上传身份证明材料。");
  // The pause wrote an SMS and its in-portal copy with the same text; the page lists the SMS alone.
  await page.goto("/dev/outbox");
  const bodies = await page
    .getByTestId("outbox")
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.lastElementChild?.textContent ?? ""));
  const about = bodies.filter((b) => b.includes(waiting.ref));
  expect(about.length).toBeGreaterThan(0);
  expect(new Set(about).size).toBe(about.length);
  await page.goto(`/dev/outbox?phone=${waiting.phone}`);
  const mine = await page
    .getByTestId("outbox")
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.lastElementChild?.textContent ?? ""));
  expect(new Set(mine).size).toBe(mine.length);
});

test("the monthly report says when its month has not ended or not begun", async ({ page }) => {
  await signInNewStaff(page, "manager");
  await page.goto(`/dashboard/report?month=${shanghaiMonth()}`);
  await expect(page.getByTestId("report-progress")).toContainText("本月尚未结束");
  await page.goto(`/dashboard/report?month=${shanghaiMonth(2)}`);
  await expect(page.getByTestId("report-progress")).toContainText("本月尚未开始");
  await page.goto(`/dashboard/report?month=${shanghaiMonth(-1)}`);
  await expect(page.locator("article.dash-report")).toBeVisible();
  await expect(page.getByTestId("report-progress")).toHaveCount(0);
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL("/", page.url()).href }]);
  await page.goto(`/dashboard/report?month=${shanghaiMonth(2)}`);
  await expect(page.getByTestId("report-progress")).toContainText("This month has not begun");
});
