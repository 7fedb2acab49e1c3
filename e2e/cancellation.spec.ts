import { expect, test } from "@playwright/test";
import { agentWorksOn, fileRequest, patientPage } from "./fulfilment-helpers";
import { expectAccessible } from "./portal-helpers";
import { staffPage, statusLine } from "./staff-helpers";

/**
 * Closing an account keeps what the law keeps, linked (issue 14, item 4): the kept records stay findable by staff
 * for a later copy or dispute, and the patient gets the final reply before the account disappears. Our own patient
 * (complete hospital records), request and agent (e2e/fulfilment-helpers.ts).
 */
test("cancellation: kept records stay findable by staff; the patient reads the final reply, then the account ends", async ({ browser }) => {
  const { page: patient, patient: subject } = await patientPage(browser);
  const ref = await fileRequest(patient, subject, { type: "cancellation" });
  const agent = await agentWorksOn(browser, ref);
  const form = agent.getByTestId("cancellation-form");
  await form.getByLabel(/我已核对注销条件/).check();
  await form.getByRole("button", { name: "注销账户" }).click();
  const done = agent.getByTestId("done-cancellation.apply");
  await expect(done).toContainText("账户已匿名化并注销");
  const key = ((await agent.getByTestId("cancellation-key").textContent()) ?? "").match(/CS-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0];
  expect(key).toBeTruthy();
  await expect(done.getByTestId("cancellation-outcomes")).toContainText(/问诊记录.*依法保存/);
  await expect(agent.getByTestId("platform-records")).toContainText("已注销");
  await expect(agent.getByTestId("recipient-notices")).toBeVisible();

  // The patient is still signed in and reads what became of each category.
  await patient.goto(`/requests/${ref}`);
  await expect(patient.getByTestId("request-status")).toContainText("处理中");
  await expect(patient.getByTestId("outcome-cancellation")).toContainText(/问诊记录.*依法保存至 \d{4}年\d{1,2}月\d{1,2}日/);
  await expect(patient.getByTestId("outcome-cancellation")).toContainText(/实名认证信息.*已删除/);

  // Kept by law is not what was asked: the request closes as partly fulfilled, with the final reply.
  await agent.reload();
  const complete = agent.getByTestId("complete-form");
  await expect(complete.getByTestId("complete-not-done")).toBeVisible();
  await expect(complete.getByLabel("办理结果")).toHaveValue("partially_fulfilled");
  const reply = "您的账户已注销；依法须保存的病历和订单保存至期满后删除。";
  await complete.getByLabel("给申请人的答复").fill(reply);
  await complete.getByRole("button", { name: "办结并答复" }).click();
  await expect(statusLine(agent)).toContainText("已完成");

  // Closing ended the portal account and every session…
  await patient.goto("/requests");
  await expect(patient).toHaveURL(/\/signin/);
  // …after the final reply went by SMS with a link that needs no sign-in.
  const outbox = await (await patient.request.get(`/dev/outbox?phone=${subject.phone}`)).text();
  const link = outbox.replaceAll("&amp;", "&").match(/\/replies\/DSR-[0-9-]+\?expires=\d+&sig=[A-Za-z0-9_-]{43}/)?.[0];
  expect(link, "the closing SMS carries the reply link").toBeTruthy();
  const reader = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await reader.goto(link!);
  await expect(reader.getByTestId("final-reply")).toContainText(ref);
  await expect(reader.getByTestId("final-reply-text")).toContainText(reply);
  await expect(reader.getByTestId("outcome-cancellation")).toContainText(/问诊记录.*依法保存至/);
  await expect(reader.getByTestId("complain")).toContainText("400-606-6636");
  await expect(reader.getByTestId("complain")).toContainText("网信部门");
  await expectAccessible(reader, "final reply through its link");
  // One character of the signature changed (to another one: "A" stays "A" otherwise, and the link stays valid).
  await reader.goto(link!.replace(/sig=(.)/, (_, c: string) => `sig=${c === "A" ? "B" : "A"}`));
  await expect(reader.getByTestId("final-reply-refused")).toContainText("链接无效");

  // Later, a colleague finds the kept records by the phone the former patient presents.
  const other = await staffPage(browser);
  await other.goto("/queue");
  await other.getByTestId("kept-link").click();
  await other.getByLabel(/手机号、身份证号/).fill(subject.phone);
  await other.getByRole("button", { name: "查找" }).click();
  const found = other.getByTestId("kept-subject");
  await expect(found).toHaveCount(1);
  await expect(found).toContainText(key!);
  await expect(found).toContainText(ref);
  await expect(found.getByTestId("kept-records")).toContainText("问诊记录");
  await expect(found).not.toContainText(subject.phone);
  await expectAccessible(other, "kept records of a closed account");
  // …or by the subject key on the cancellation's page.
  await agent.getByRole("link", { name: "查看保留的记录" }).click();
  await expect(agent.getByTestId("kept-subject")).toContainText(ref);
});
