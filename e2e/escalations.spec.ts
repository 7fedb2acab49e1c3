import { expect, test } from "@playwright/test";
import { dailyDigest, requestOverdue, signInStaff } from "./fixtures";
import { expectAccessible } from "./portal-helpers";

/**
 * What managers hear (lib/reminders): a request past its due date, and the morning digest — on the queue and by
 * e-mail (the demo's outbox is the delivery). The agent holding the overdue request is not escalated to.
 */
test("an overdue request is escalated to the manager on the queue and by e-mail; the agent who holds it is not told", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const { ref, agent, manager } = await requestOverdue(page.request);
  await signInStaff(page, manager);
  await page.goto("/queue");
  const card = page.getByTestId("reminder").filter({ hasText: ref });
  await expect(card).toContainText(`【已逾期】申请 ${ref} 已过答复期限`);
  await expect(card).toContainText(`处理人：${agent.name}`);
  await expectAccessible(page, "/queue with an escalation");

  await page.goto(`/dev/outbox?phone=${encodeURIComponent(manager.email)}`);
  const mail = page.getByTestId("outbox").locator(`tr[data-recipient="${manager.email}"]`);
  await expect(mail).toHaveCount(1);
  await expect(mail).toContainText(`申请 ${ref}`);
  await expect(mail).toContainText(agent.name);

  const holder = await (await browser.newContext()).newPage();
  await signInStaff(holder, agent);
  await holder.goto("/queue");
  await expect(holder.getByRole("heading", { name: "工单队列" })).toBeVisible();
  await expect(holder.getByText(`【已逾期】申请 ${ref}`)).toHaveCount(0);
});

test("a manager finds the morning digest on the queue and in their mailbox", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const { sent, manager } = await dailyDigest(page.request);
  expect(sent).toBe(1);
  await signInStaff(page, manager);
  await page.goto("/queue");
  const digest = page.getByTestId("reminder").filter({ hasText: "每日汇总" });
  await expect(digest).toHaveCount(1);
  await expect(digest).toContainText(/已逾期 \d+ 件，临近期限 \d+ 件/);
  await page.goto(`/dev/outbox?phone=${encodeURIComponent(manager.email)}`);
  await expect(page.getByTestId("outbox").locator(`tr[data-recipient="${manager.email}"]`)).toContainText(/未结申请共 \d+ 件/);
});
