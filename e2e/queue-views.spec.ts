import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { dailyDigest, signInStaff } from "./fixtures";
import { patientWithRequest, staffMember } from "./staff-helpers";

/**
 * The queue for a working day (issue 18 item 2), continued: saved views per agent, the live count of new
 * requests, fifteen rows on a 1366×768 screen, and the sort dropdown that follows a column header.
 */

async function file(patient: Page, description: string, type = "complaint"): Promise<string> {
  const res = await patient.request.post("/api/requests", { data: { type, idempotencyKey: randomUUID(), description } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { ref: string }).ref;
}

test("an agent saves the current view, finds it as a link, deletes it; colleagues never see it; built-in views for everyone", async ({ browser }) => {
  const patient = await patientWithRequest(browser, "保存视图测试：投诉");
  const { page: agent } = await staffMember(browser);
  const { page: colleague } = await staffMember(browser);

  await agent.goto(`/queue?q=${patient.phone}&status=all&sort=received`);
  const views = agent.getByTestId("queue-views");
  // The built-in views, for everyone.
  await expect(views.getByRole("link", { name: "我的临期" })).toHaveAttribute("href", "/queue?sla=attention&assignee=mine");
  await expect(views.getByRole("link", { name: "未分配的删除申请" })).toHaveAttribute("href", "/queue?type=deletion&assignee=unassigned");

  // Save the current filters and sort under a name: the form names what is wrong, then saves.
  await views.getByTestId("save-view-toggle").click();
  await views.getByRole("button", { name: "保存", exact: true }).click();
  await expect(views.getByText("请填写此项。")).toBeVisible();
  await views.getByLabel("视图名称").fill("这位患者的全部申请");
  await views.getByRole("button", { name: "保存", exact: true }).click();
  await expect(views.getByRole("status")).toHaveText("视图已保存。");
  const mine = views.getByRole("link", { name: "这位患者的全部申请" });
  await expect(mine).toHaveAttribute("href", `/queue?status=all&q=${patient.phone}&sort=received`);
  // It is the view shown now.
  await expect(mine).toHaveAttribute("aria-current", "page");

  // A second view of the same name is refused and nothing is added.
  await views.getByTestId("save-view-toggle").click();
  await views.getByLabel("视图名称").fill("这位患者的全部申请");
  await views.getByRole("button", { name: "保存", exact: true }).click();
  await expect(views.getByText("您已有同名的视图，请换一个名称。")).toBeVisible();
  await expect(views.getByTestId("own-view")).toHaveCount(1);

  // One click from the plain queue brings the view back.
  await agent.goto("/queue");
  await expect(agent.getByTestId("queue-views").getByRole("link", { name: "这位患者的全部申请" })).not.toHaveAttribute("aria-current", /.*/);
  await agent.getByTestId("queue-views").getByRole("link", { name: "这位患者的全部申请" }).click();
  await expect(agent).toHaveURL(new RegExp(`/queue\\?status=all&q=${patient.phone}&sort=received$`));
  await expect(agent.locator(`tr[data-ref="${patient.ref}"]`)).toBeVisible();

  // A built-in view: the SLA filter shows "at risk or overdue" for the agent's own requests.
  await agent.getByTestId("queue-views").getByRole("link", { name: "我的临期" }).click();
  await expect(agent).toHaveURL(/\/queue\?sla=attention&assignee=mine$/);
  await expect(agent.getByLabel("时效", { exact: true })).toHaveValue("attention");
  await expect(agent.getByLabel("处理人", { exact: true })).toHaveValue("mine");
  await expect(agent.getByTestId("queue-views").getByRole("link", { name: "我的临期" })).toHaveAttribute("aria-current", "page");

  // A colleague sees the built-in views, not the agent's own.
  await colleague.goto("/queue");
  await expect(colleague.getByTestId("queue-views").getByRole("link", { name: "我的临期" })).toBeVisible();
  await expect(colleague.getByText("这位患者的全部申请")).toHaveCount(0);
  await expect(colleague.getByTestId("own-view")).toHaveCount(0);

  // The agent deletes their view.
  await agent.getByRole("button", { name: "删除视图“这位患者的全部申请”" }).click();
  await expect(agent.getByTestId("own-view")).toHaveCount(0);
  await agent.reload();
  await expect(agent.getByText("这位患者的全部申请")).toHaveCount(0);

  // In English, the same views in English words.
  await agent.getByTestId("language-switch").click();
  await expect(agent.getByRole("heading", { level: 1 })).toHaveText("Queue");
  await expect(agent.getByTestId("queue-views").getByRole("link", { name: "My at-risk" })).toBeVisible();
  await expect(agent.getByTestId("queue-views").getByRole("link", { name: "Unassigned deletions" })).toBeVisible();
  await agent.getByTestId("save-view-toggle").click();
  await agent.getByLabel("View name").fill("Everything at risk");
  await agent.getByRole("button", { name: "Save", exact: true }).click();
  await expect(agent.getByTestId("queue-views").getByRole("status")).toHaveText("View saved.");
  await expect(agent.getByTestId("queue-views").getByRole("link", { name: "Everything at risk" })).toBeVisible();
  await agent.getByRole("button", { name: "Delete view “Everything at risk”" }).click();
  await expect(agent.getByTestId("own-view")).toHaveCount(0);
});

test("the queue counts new requests since it loaded, for its filters, and refreshes on a click; patients get no count", async ({ browser }) => {
  const patient = await patientWithRequest(browser, "新申请计数测试：第一件");
  const stranger = await patientWithRequest(browser, "新申请计数测试：另一位患者");
  const { page: agent } = await staffMember(browser);
  // The page's clock, so that the 30-second poll comes at once.
  await agent.clock.install();
  await agent.goto(`/queue?q=${patient.phone}`);
  const rows = agent.locator('[data-testid="queue"] tbody tr[data-ref]');
  await expect(rows).toHaveCount(1);
  const live = agent.getByTestId("new-count");
  await expect(live).toHaveAttribute("aria-live", "polite");
  await agent.clock.runFor(31_000);
  await expect(live).toHaveText("");

  // Two new requests of this patient, one of someone else (not under the search): two counted.
  const before = new Date().toISOString();
  await file(patient.page, "新申请计数测试：第二件");
  await file(patient.page, "新申请计数测试：第三件");
  await file(stranger.page, "新申请计数测试：另一位患者的第二件");
  await agent.clock.runFor(31_000);
  await expect(live).toHaveText("自载入以来有 2 件新申请 · 刷新");
  await live.getByRole("button", { name: "刷新" }).click();
  await expect(rows).toHaveCount(3);
  await expect(live).toHaveText("");
  await agent.clock.runFor(31_000);
  await expect(live).toHaveText("");

  // The route is for staff: a patient is refused, a visitor signed out too, a malformed moment is a 400.
  const since = encodeURIComponent(before);
  expect((await patient.page.request.get(`/api/queue/new-count?since=${since}`)).status()).toBe(403);
  const anonymous = await (await browser.newContext()).newPage();
  expect((await anonymous.request.get(`/api/queue/new-count?since=${since}`)).status()).toBe(401);
  expect((await agent.request.get("/api/queue/new-count?since=yesterday")).status()).toBe(400);
  const ok = await agent.request.get(`/api/queue/new-count?since=${since}&q=${patient.phone}`);
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ count: 2, capped: false });
});

for (const locale of ["zh-CN", "en"] as const) {
  test(`fifteen rows show on a 1366×768 screen, filters on one line; the sort dropdown follows a header click (${locale})`, async ({ browser }) => {
    const patient = await patientWithRequest(browser, "一屏十五行测试：第 1 件");
    const refs = [patient.ref];
    for (let i = 2; i <= 20; i++) refs.push(await file(patient.page, `一屏十五行测试：第 ${i} 件`));
    const { page: agent } = await staffMember(browser);
    await agent.setViewportSize({ width: 1366, height: 768 });
    if (locale === "en") {
      await agent.goto("/queue");
      await agent.getByTestId("language-switch").click();
      await expect(agent.getByRole("heading", { level: 1 })).toHaveText("Queue");
    }
    const words =
      locale === "en"
        ? { more: "More filters", sort: "Sort by", dir: "Order", received: "Received", from: "Received from" }
        : { more: "更多筛选", sort: "排序", dir: "排序方向", received: "提交时间", from: "提交日期从" };

    await agent.goto(`/queue?q=${patient.phone}`);
    const rows = agent.locator('[data-testid="queue"] tbody tr[data-ref]');
    await expect(rows).toHaveCount(20);
    // The fifteenth row lies wholly inside the window, without scrolling.
    expect(await agent.evaluate(() => window.scrollY)).toBe(0);
    const box = await rows.nth(14).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThan(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    // The more filters are folded away while none of them is set.
    const more = agent.getByTestId("more-filters");
    await expect(more).not.toHaveAttribute("open", /.*/);
    await expect(agent.getByLabel(words.from)).toBeHidden();

    // A header click reverses the order: the dropdowns behind "more filters" say so.
    const received = agent.getByTestId("queue").locator('th[data-sort="received"]');
    await received.getByRole("link").click();
    await expect(received).toHaveAttribute("aria-sort", "descending");
    await more.locator("summary").click();
    await expect(agent.getByLabel(words.sort, { exact: true })).toHaveValue("received");
    await expect(agent.getByLabel(words.dir, { exact: true })).toHaveValue("desc");
    await received.getByRole("link").click();
    await expect(received).toHaveAttribute("aria-sort", "ascending");
    await expect(agent).toHaveURL(/dir=asc/);
    await more.locator("summary").click();
    await expect(agent.getByLabel(words.sort, { exact: true })).toHaveValue("received");
    await expect(agent.getByLabel(words.dir, { exact: true })).toHaveValue("asc");
    await expect(agent.getByLabel(words.sort, { exact: true }).locator("option:checked")).toHaveText(words.received);
    // Applying the filters keeps that order.
    await agent.getByRole("button", { name: locale === "en" ? "Filter" : "筛选", exact: true }).click();
    await expect(received).toHaveAttribute("aria-sort", "ascending");
    expect((await rows.first().getAttribute("data-ref")) === refs[0]).toBe(true);

    // A filter behind "more filters" that is set opens it by itself.
    await agent.goto(`/queue?q=${patient.phone}&repeat=1`);
    await expect(agent.getByTestId("more-filters")).toHaveAttribute("open", "");
  });
}

test("the daily digest's reminder wears a neutral badge, not the on-track colour", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const { manager } = await dailyDigest(page.request);
  await signInStaff(page, manager);
  await page.goto("/queue");
  const kind = page.getByTestId("reminder").filter({ hasText: "每日汇总" }).getByTestId("reminder-kind");
  await expect(kind).toHaveText("每日汇总");
  await expect(kind).toHaveClass("badge neutral");
  const onTrack = page.getByTestId("count-on_track");
  const colour = (el: Element) => getComputedStyle(el).backgroundColor;
  expect(await kind.evaluate(colour)).not.toBe(await onTrack.evaluate(colour));
});
