import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { newPatient, newStaff, readCodeFromOutbox, signInNewStaff, signInPatient, uniquePhone } from "./fixtures";
import { patientWithRequest } from "./staff-helpers";

test("a new patient signs in with the code from the outbox and sees an empty request list", async ({ page }) => {
  const phone = uniquePhone();
  await page.goto("/");
  await page.getByRole("link", { name: "手机号登录" }).click();
  await page.getByLabel("手机号").fill(phone);
  await page.getByRole("button", { name: "获取验证码" }).click();
  await expect(page.getByRole("status")).toContainText("验证码已发送");
  const code = await readCodeFromOutbox(page.request, phone);
  await page.getByLabel("短信验证码").fill(code);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/requests$/);
  await expect(page.getByRole("heading", { name: "我的申请" })).toBeVisible();
  await expect(page.getByTestId("no-requests")).toBeVisible();
});

test("a patient with hospital records sees the request they filed, with its due date", async ({ page }) => {
  const patient = await newPatient(page.request);
  await signInPatient(page, patient.phone);
  const filed = await page.request.post("/api/requests", {
    data: { type: "complaint", idempotencyKey: randomUUID(), description: "想了解我的问诊记录保存多久。" },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  const { ref } = (await filed.json()) as { ref: string };
  await page.goto("/requests");
  const list = page.getByTestId("my-requests");
  await expect(list.locator("li")).toHaveCount(1);
  await expect(list.locator("li").first()).toContainText(ref);
  await expect(list.locator("li").first()).toContainText(/星期/);
});

test("bad phone numbers and codes are refused at the field, in the user's language", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("手机号").fill("12345");
  await page.getByRole("button", { name: "获取验证码" }).click();
  await expect(page.getByText("请输入 11 位中国大陆手机号")).toBeVisible();
  await expect(page.getByLabel("手机号")).toHaveAttribute("aria-invalid", "true");
});

test("five wrong codes kill the code, and the right code no longer works", async ({ page }) => {
  const phone = uniquePhone();
  await page.goto("/signin");
  await page.getByLabel("手机号").fill(phone);
  await page.getByRole("button", { name: "获取验证码" }).click();
  await expect(page.getByRole("status")).toContainText("验证码已发送");
  const code = await readCodeFromOutbox(page.request, phone);
  const wrong = code === "000000" ? "111111" : "000000";
  const codeField = page.getByLabel("短信验证码");
  const submit = page.getByRole("button", { name: "登录", exact: true });
  for (let left = 4; left >= 1; left--) {
    await codeField.fill(wrong);
    await submit.click();
    await expect(page.getByRole("alert").filter({ hasText: `还可以再试 ${left} 次` })).toBeVisible();
  }
  await codeField.fill(wrong);
  await submit.click();
  await expect(page.getByRole("alert").filter({ hasText: "错误次数过多已失效" })).toBeVisible();
  await codeField.fill(code);
  await submit.click();
  await expect(page.getByRole("alert").filter({ hasText: "错误次数过多已失效" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("a staff member signs in with email and password and sees the queue", async ({ page, browser }) => {
  const { ref } = await patientWithRequest(browser, "请说明我的数据共享给了哪些合作方。");
  const agent = await newStaff(page.request);
  await page.goto("/staff/signin");
  await page.getByLabel("工作邮箱").fill(agent.email);
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "邮箱或密码不正确" })).toBeVisible();
  await page.getByLabel("密码").fill(agent.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/queue$/);
  await expect(page.getByRole("heading", { name: "工单队列" })).toBeVisible();
  await expect(page.getByTestId("queue").locator("tbody tr").first()).toContainText(/DSR-/);
  await page.getByLabel("搜索").fill(ref);
  await page.getByLabel("搜索").press("Enter");
  await expect(page.getByTestId("queue").getByRole("link", { name: ref })).toBeVisible();
});

test("a signed-out visitor is sent to the right sign-in page", async ({ page }) => {
  await page.goto("/queue");
  await expect(page).toHaveURL(/\/staff\/signin\?callbackUrl=%2Fqueue/);
  await page.goto("/requests");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Frequests/);
});

test("a patient cannot open a staff page: 403", async ({ page }) => {
  await signInPatient(page, uniquePhone());
  const response = await page.goto("/queue");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await expect(page.getByTestId("queue")).toHaveCount(0);
});

test("staff cannot open the patient pages: 403", async ({ page }) => {
  await signInNewStaff(page);
  const response = await page.goto("/requests");
  expect(response?.status()).toBe(403);
});

test("the language switch changes the page and is remembered", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("管理您的个人信息");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Manage your personal information");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Manage your personal information");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("管理您的个人信息");
});
