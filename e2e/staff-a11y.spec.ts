import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { patientWithRequest, staffPage } from "./staff-helpers";

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    label,
  ).toEqual([]);
}

test("the queue, a request page and the template editor pass axe (WCAG 2.1 AA) and work from the keyboard", async ({ browser }) => {
  // Three sign-ins and four axe runs: on a loaded 2-core machine (CI runs two workers) this flow alone nears a minute.
  test.slow();
  const patient = await patientWithRequest(browser, "想知道我的数据存放多久。");
  const manager = await staffPage(browser, "manager");
  await manager.goto("/queue");
  await expectNoSeriousViolations(manager, "queue");

  // Keyboard: search from the filter form, submit with Enter, follow the reference with Enter.
  await manager.getByLabel("搜索").focus();
  await manager.keyboard.type(patient.ref);
  await manager.keyboard.press("Enter");
  await expect(manager).toHaveURL(new RegExp(`q=${patient.ref}`));
  await manager.getByRole("link", { name: patient.ref }).focus();
  await manager.keyboard.press("Enter");
  await expect(manager.getByRole("heading", { level: 1 })).toContainText(patient.ref);
  await expectNoSeriousViolations(manager, "request page");

  await manager.goto("/queue/templates?type=complaint");
  await expect(manager.getByTestId("template-completed-zh-CN")).toBeVisible();
  await expectNoSeriousViolations(manager, "templates");
});

test("a manager edits a reply template; an empty body is refused at the field", async ({ browser }) => {
  const manager = await staffPage(browser, "manager");
  await manager.goto("/queue/templates?type=portability");
  const form = manager.getByTestId("template-fee-en");
  await form.getByLabel("正文").fill("");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByText("请填写此项。")).toBeVisible();
  await expect(form.getByLabel("正文")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("正文").fill("A cost fee applies to request {ref} under policy 8.7.");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByRole("status")).toContainText("模板已保存。");
  await manager.reload();
  await expect(manager.getByTestId("template-fee-en").getByLabel("正文")).toHaveValue("A cost fee applies to request {ref} under policy 8.7.");
});
