import { expect, test } from "@playwright/test";
import { requestAtRisk, requestAwaitingAnswer, signInNewStaff, signInPatient, signInStaff, waitingReminder } from "./fixtures";
import { expectAccessible } from "./portal-helpers";

test("an agent sees the at-risk reminder of the request they hold, opens it and marks it read; another agent never sees it", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const { ref, staff } = await requestAtRisk(page.request);
  await signInStaff(page, staff);
  await page.goto("/queue");
  const reminders = page.getByTestId("reminders");
  await expect(reminders).toContainText("1 条未读");
  const mine = reminders.getByTestId("reminder").filter({ hasText: ref });
  await expect(mine).toContainText(`【临近期限】申请 ${ref} 还剩 0 个工作日`);
  await expect(mine).toContainText("您负责的申请");
  await expectAccessible(page, "/queue with a reminder");
  await mine.getByRole("link", { name: `打开 ${ref}` }).click();
  await expect(page).toHaveURL(new RegExp(`/queue/${ref}$`));
  await page.goBack();
  await page
    .getByTestId("reminder")
    .filter({ hasText: ref })
    .getByRole("button", { name: /知道了/ })
    .click();
  await expect(page.getByTestId("reminders")).toHaveCount(0);

  const other = await (await browser.newContext()).newPage();
  await signInNewStaff(other, "agent");
  await other.goto("/queue");
  await expect(other.getByRole("heading", { name: "工单队列" })).toBeVisible();
  await expect(other.getByTestId("reminders")).toHaveCount(0);
  await expect(other.getByText(`【临近期限】申请 ${ref}`)).toHaveCount(0);
});

test("a patient whose answer has been awaited 5 working days sees the reminder first on their list, and no one else does", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const made = await requestAwaitingAnswer(page.request, "请告诉我们需要删除哪几张照片。");
  expect((await waitingReminder(page.request, made.ref)).waitingOnPatient).toBe(1);
  await signInPatient(page, made.phone);
  await page.goto("/requests");
  // First on the list, its banner says what is needed and, from the reminder, how long it has waited.
  const first = page.getByTestId("my-requests").getByRole("listitem").first();
  await expect(first).toHaveAttribute("data-ref", made.ref);
  const banner = first.getByTestId("action-banner");
  await expect(banner.getByTestId("waiting-reminder")).toHaveCount(1);
  await expect(banner).toContainText("需要您回复工作人员的问题");
  await expect(banner.getByTestId("waiting-reminder")).toContainText(`就申请 ${made.ref}（删除个人信息）补充信息，已过去 5 个工作日`);
  await expectAccessible(page, "/requests with a reminder");
  await banner.getByRole("link", { name: `去处理 ${made.ref}` }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${made.ref}$`));

  const stranger = await (await browser.newContext()).newPage();
  const other = await requestAwaitingAnswer(stranger.request, "另一位患者的问题。");
  await signInPatient(stranger, other.phone);
  await stranger.goto("/requests");
  await expect(stranger.getByTestId("my-requests")).toBeVisible();
  await expect(stranger.getByTestId("waiting-reminder")).toHaveCount(0);
});
