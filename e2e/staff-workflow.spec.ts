import { expect, test } from "@playwright/test";
import { masked, patientWithRequest, staffMember, staffPage, statusLine } from "./staff-helpers";

test("an agent filters the queue, claims, asks a question, sees the patient's answer resume the clock, and completes", async ({ browser }) => {
  const description = "我的问诊记录被泄露了吗？<b>这不是 HTML</b>";
  const patient = await patientWithRequest(browser, description);
  const agent = await staffPage(browser);

  // The queue, filtered by the patient's phone and the type: the filters go in the URL.
  await agent.goto("/queue");
  await expect(agent.getByTestId("sla-counts")).toBeVisible();
  await agent.getByLabel("搜索").fill(patient.phone);
  await agent.getByLabel("类型").selectOption("complaint");
  await agent.getByRole("button", { name: "筛选" }).click();
  await expect(agent).toHaveURL(/type=complaint/);
  expect(new URL(agent.url()).searchParams.get("q")).toBe(patient.phone);
  const row = agent.locator(`tr[data-ref="${patient.ref}"]`);
  await expect(row).toContainText(masked(patient.phone));
  await expect(row).not.toContainText(patient.phone);
  await expect(row).toContainText("未分配");
  await expect(row.locator("[data-sla]")).toHaveText(/正常|临近期限|已逾期/);
  await row.getByRole("link", { name: patient.ref }).click();

  // The request page: the patient's words as text, never as markup.
  await expect(agent.getByRole("heading", { level: 1 })).toContainText(patient.ref);
  await expect(agent.getByTestId("description")).toHaveText(description);
  await expect(statusLine(agent)).toContainText("待受理");

  await agent.getByTestId("claim-form").getByRole("button", { name: "认领" }).click();
  await expect(statusLine(agent)).toContainText("处理中");

  // Ask a question: the clock pauses.
  const pause = agent.getByTestId("pause-form");
  await pause.getByLabel("暂停原因").selectOption("clarification");
  await pause.getByLabel("答复模板").selectOption({ label: "请补充说明（中文）" });
  await pause.getByRole("button", { name: "填入模板" }).click();
  await expect(pause.getByLabel("发给申请人的问题")).toHaveValue(new RegExp(patient.ref));
  await pause.getByLabel("发给申请人的问题").fill("请问您是在哪一天发现信息被泄露的？");
  await pause.getByRole("button", { name: "发送问题并暂停" }).click();
  await expect(statusLine(agent)).toContainText("待申请人回复");
  await expect(agent.getByTestId("sla-panel")).toContainText("当前暂停");

  // An internal note, for staff only.
  const note = "内部备注：申请人此前来电两次，语气急切";
  await agent.getByTestId("note-form").getByLabel("备注").fill(note);
  await agent.getByTestId("note-form").getByRole("button", { name: "添加备注" }).click();
  await expect(agent.getByTestId("notes")).toContainText(note);

  // The patient answers in the portal; the clock resumes.
  await patient.page.goto(`/requests/${patient.ref}`);
  await expect(patient.page.getByTestId("staff-question")).toHaveText("请问您是在哪一天发现信息被泄露的？");
  await patient.page.getByLabel("您的回复").fill("上周三，接到了陌生推销电话。");
  await patient.page.getByRole("button", { name: "发送回复" }).click();
  // Once answered, the portal no longer asks for an answer.
  await expect(patient.page.getByTestId("reply-answer")).toHaveCount(0);
  await expect(patient.page.locator("body")).not.toContainText(note);

  await expect(async () => {
    await agent.reload();
    await expect(agent.getByTestId("thread")).toContainText("上周三，接到了陌生推销电话。", { timeout: 1000 });
  }).toPass();
  await expect(statusLine(agent)).toContainText("处理中");
  await expect(agent.getByTestId("timeline")).toContainText("计时恢复");
  await expect(agent.getByTestId("sla-panel")).not.toContainText("当前暂停");
  await expect(agent.getByTestId("pauses")).toContainText("至");

  // Reply from the template and complete.
  const complete = agent.getByTestId("complete-form");
  await complete.getByLabel("办理结果").selectOption("fulfilled");
  await complete.getByLabel("答复模板").selectOption({ label: "办结答复（中文）" });
  await complete.getByRole("button", { name: "填入模板" }).click();
  // The template's blank left as it is: not sent, said at the reply.
  await complete.getByRole("button", { name: "办结并答复" }).click();
  await expect(complete.locator("#complete-reply-error")).toContainText("答复中还有模板的待填写处");
  await expect(statusLine(agent)).toContainText("处理中");
  const reply = complete.getByLabel("给申请人的答复");
  await reply.fill((await reply.inputValue()).replace("【请填写：答复内容】", "经核查，未发现泄露。"));
  await complete.getByRole("button", { name: "办结并答复" }).click();
  await expect(statusLine(agent)).toContainText("已完成");
  await expect(agent.getByTestId("actions")).not.toContainText("办结并答复");

  // The patient sees the public reply, never the internal note.
  await patient.page.reload();
  await expect(patient.page.locator("body")).toContainText("经核查，未发现泄露。");
  await expect(patient.page.locator("body")).not.toContainText(note);
});

test("a refusal is impossible without a coded reason and a written explanation; the reply says how to complain", async ({ browser }) => {
  const patient = await patientWithRequest(browser, "请删除我所有的记录，包括处方。");
  const agent = await staffPage(browser);
  await agent.goto(`/queue/${patient.ref}`);
  await agent.getByTestId("claim-form").getByRole("button", { name: "认领" }).click();
  await expect(statusLine(agent)).toContainText("处理中");

  const refuse = agent.getByTestId("refuse-form");
  await expect(refuse).toContainText("400-606-6636");
  await refuse.getByRole("button", { name: "拒绝并答复" }).click();
  await expect(refuse.getByLabel("拒绝理由")).toHaveAttribute("aria-invalid", "true");
  await expect(refuse.getByLabel("拒绝理由")).toBeFocused();
  await expect(refuse.getByText("请从列表中选择。")).toBeVisible();
  await expect(refuse.getByLabel("给申请人的书面说明")).toHaveAttribute("aria-invalid", "true");
  await expect(refuse.getByText("请填写此项。")).toBeVisible();
  await refuse.getByLabel("拒绝理由").selectOption("legal_retention");
  await refuse.getByRole("button", { name: "拒绝并答复" }).click();
  await expect(refuse.getByText("请填写此项。")).toBeVisible();
  await agent.reload();
  await expect(statusLine(agent)).toContainText("处理中");
  await expect(agent.getByTestId("timeline")).not.toContainText("已拒绝");

  await refuse.getByLabel("拒绝理由").selectOption("legal_retention");
  await refuse.getByLabel("给申请人的书面说明").fill("处方属于病历资料，依法需保存 15 年，期满后删除。");
  await refuse.getByRole("button", { name: "拒绝并答复" }).click();
  await expect(statusLine(agent)).toContainText("已拒绝");

  await patient.page.goto(`/requests/${patient.ref}`);
  await expect(patient.page.locator("body")).toContainText("处方属于病历资料，依法需保存 15 年，期满后删除。");
  await expect(patient.page.locator("body")).toContainText("如您不满意，还可以通过客服中心发起投诉");
  await expect(patient.page.locator("body")).toContainText("400-606-6636");
  // The hospital's own route first, then the regulators (PIPL Art. 50, policy §12); the personal-information contact under the reply.
  const reply = patient.page.getByTestId("message").filter({ hasText: "处方属于病历资料" });
  await expect(reply).toContainText("网信部门或卫生健康主管部门");
  await expect(reply.getByTestId("reply-contact")).toContainText("个人信息保护专职部门");
  await patient.page.goto("/requests");
  await expect(patient.page.getByTestId("policy-contact")).toContainText("400-606-6636");
});

test("a claim based on an old version of the page names who holds the request and refreshes the page", async ({ browser }) => {
  const patient = await patientWithRequest(browser, "咨询：你们会把我的信息给药房吗？");
  const { page: first, who } = await staffMember(browser);
  const second = await staffPage(browser);
  await first.goto(`/queue/${patient.ref}`);
  await second.goto(`/queue/${patient.ref}`);
  await first.getByTestId("claim-form").getByRole("button", { name: "认领" }).click();
  await expect(statusLine(first)).toContainText("处理中");
  await second.getByTestId("claim-form").getByRole("button", { name: "认领" }).click();
  await expect(second.getByTestId("claim-form").getByRole("alert")).toContainText(`已由 ${who.name} 认领`);
  // The page was rendered again: the header names the holder, and there is nothing left to claim.
  await expect(statusLine(second)).toContainText(`处理人：${who.name}`);
  await expect(second.getByRole("button", { name: "认领" })).toHaveCount(0);
});

test("a manager assigns a request; the agent sees it under 'assigned to me'; agents cannot read the audit trail", async ({ browser }) => {
  const patient = await patientWithRequest(browser, "想了解自动化推荐是怎么用我的数据的。");
  const manager = await staffPage(browser, "manager");
  const { page: agent2, who: assignee } = await staffMember(browser, "agent");
  await manager.goto(`/queue/${patient.ref}`);
  const assign = manager.getByTestId("assign-form");
  await assign.getByLabel("处理人").selectOption({ label: assignee.name });
  await assign.getByRole("button", { name: "分配" }).click();
  await expect(statusLine(manager)).toContainText(`处理人：${assignee.name}`);
  await expect(manager.getByTestId("audit-trail")).toContainText("分配");
  await expect(manager.getByTestId("audit-trail")).toContainText("查看申请");

  await agent2.goto("/queue");
  const notices = agent2.getByTestId("assigned-notices");
  await expect(notices).toContainText(patient.ref);
  await notices.getByRole("link", { name: /我手上的未结申请/ }).click();
  await expect(agent2).toHaveURL(/assignee=mine/);
  await agent2.getByLabel("搜索").fill(patient.ref);
  await agent2.getByRole("button", { name: "筛选" }).click();
  await expect(agent2.locator(`tr[data-ref="${patient.ref}"]`)).toContainText(assignee.name);
  await agent2.goto(`/queue/${patient.ref}`);
  await expect(agent2.getByTestId("audit-trail")).toHaveCount(0);
  await expect(agent2.getByTestId("pause-form")).toBeVisible();
});
