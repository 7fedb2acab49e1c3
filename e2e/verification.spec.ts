import { expect, test } from "@playwright/test";
import { fileActingFor, PNG, signInPatient, uniquePhone } from "./fixtures";
import { staffPage, statusLine } from "./staff-helpers";

/**
 * A request for someone else waits for staff to accept the proofs: until then it cannot be closed as done; the
 * decision, with what it rests on, is on the record; a stranger's proofs are refused and nothing is released.
 */

test("proofs accepted with a note: then, and only then, the request can be completed", async ({ browser }) => {
  const patient = await (await browser.newContext()).newPage();
  await signInPatient(patient, uniquePhone());
  const ref = await fileActingFor(patient, { name: "授权委托书.png", body: PNG });

  const agent = await staffPage(browser, "agent");
  // The queue finds it under 待核验, marked so in its row.
  await agent.goto(`/queue?unverified=1&q=${ref}`);
  const row = agent.getByTestId("queue").locator(`tr[data-ref="${ref}"]`);
  await expect(row).toContainText("待核验");
  await row.getByRole("link", { name: ref }).click();

  await expect(agent.getByTestId("verification-status")).toContainText("待核验");
  await agent.getByTestId("claim-form").getByRole("button", { name: "认领" }).click();
  await expect(statusLine(agent)).toContainText("处理中");
  // Not verified: no way to close it as done is offered.
  await expect(agent.getByTestId("complete-form")).toHaveCount(0);

  const verify = agent.getByTestId("verify-form");
  await verify.getByRole("button", { name: "接受证明材料" }).click();
  // Nothing written without what the decision rests on.
  await expect(verify.getByLabel("核验依据（查看了哪些材料、核对了什么）")).toHaveAttribute("aria-invalid", "true");
  await expect(agent.getByTestId("verification-status")).toContainText("待核验");
  await verify.getByLabel("核验依据（查看了哪些材料、核对了什么）").fill("授权委托书载明委托事项与被委托人，签名与身份证一致。");
  await verify.getByRole("button", { name: "接受证明材料" }).click();

  await expect(agent.getByTestId("verification-status")).toContainText("已核验");
  await expect(agent.getByTestId("verification")).toContainText("工作人员审核证明材料");
  await expect(agent.getByTestId("verification")).toContainText("授权委托书载明委托事项");
  await expect(agent.getByTestId("verify-form")).toHaveCount(0);
  await expect(agent.getByTestId("complete-form")).toBeVisible();
  await agent.goto(`/queue?unverified=1&q=${ref}`);
  await expect(agent.getByTestId("queue").locator(`tr[data-ref="${ref}"]`)).toHaveCount(0);
});

test("a stranger's proofs refused as identity not verified: recorded, closed, nothing offered to release", async ({ browser }) => {
  const patient = await (await browser.newContext()).newPage();
  await signInPatient(patient, uniquePhone());
  const ref = await fileActingFor(patient, { name: "户口簿.png", body: PNG });

  const agent = await staffPage(browser, "agent");
  await agent.goto(`/queue/${ref}`);
  await agent.getByTestId("claim-form").getByRole("button", { name: "认领" }).click();
  await expect(statusLine(agent)).toContainText("处理中");
  const refuse = agent.getByTestId("refuse-form");
  await refuse.getByLabel("拒绝理由").selectOption("identity_not_verified");
  await refuse.getByLabel("给申请人的书面说明").fill("户口簿上的户主与申请人不符，无法证明代理关系。");
  await refuse.getByRole("button", { name: "拒绝并答复" }).click();
  await expect(statusLine(agent)).toContainText("已拒绝");
  await expect(agent.getByTestId("verification-status")).toContainText("核验未通过");
  await expect(agent.getByTestId("verification")).toContainText("未通过");
});
