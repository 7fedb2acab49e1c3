import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { patientWithRequest, staffMember } from "./staff-helpers";

/** The queue for a working day (issue 18 item 2): sorting by column, totals, references on one line, keyboard. */

/** The references of the rows shown, in order, among `mine`. The queue holds other specs' requests too. */
async function order(page: Page, mine: string[]): Promise<string[]> {
  const refs = await page.locator('[data-testid="queue"] tbody tr[data-ref]').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-ref")!));
  return refs.filter((r) => mine.includes(r));
}

test("the queue sorts by any column both ways, counts its requests and pages, and keeps references on one line", async ({ browser }) => {
  // One patient, three requests filed one after another: a, b, c.
  const patient = await patientWithRequest(browser, "工作日队列排序测试：第一件");
  const refs = [patient.ref];
  for (const n of ["第二件", "第三件"]) {
    const res = await patient.page.request.post("/api/requests", {
      data: { type: "complaint", idempotencyKey: randomUUID(), description: `工作日队列排序测试：${n}` },
    });
    expect(res.status(), await res.text()).toBe(201);
    refs.push(((await res.json()) as { ref: string }).ref);
  }
  const [a, b, c] = refs as [string, string, string];
  const { page: agent, who } = await staffMember(browser);

  // b is claimed: in progress and assigned, a and c still submitted and unassigned.
  await agent.goto(`/queue/${b}`);
  await agent.getByTestId("claim-form").getByRole("button", { name: "认领" }).click();
  await expect(agent.getByTestId("request-status")).toContainText(`处理人：${who.name}`);

  await agent.goto(`/queue?q=${patient.phone}`);
  const table = agent.getByTestId("queue");
  // The default: the most urgent deadline first (filed in order, so due in order).
  await expect(table.locator("th[aria-sort]")).toHaveCount(1);
  await expect(table.locator('th[data-sort="due"]')).toHaveAttribute("aria-sort", "ascending");
  expect(await order(agent, refs)).toEqual([a, b, c]);
  // Totals and page count from the counts of the current filters.
  await expect(agent.getByTestId("queue-total")).toHaveText("共 3 件，第 1 / 1 页");

  // Received: newest first, then (a second click) oldest first.
  await table.locator('th[data-sort="received"]').getByRole("link").click();
  await expect(agent).toHaveURL(/sort=received/);
  await expect(table.locator('th[data-sort="received"]')).toHaveAttribute("aria-sort", "descending");
  await expect(table.locator('th[data-sort="due"]')).not.toHaveAttribute("aria-sort", /.*/);
  expect(await order(agent, refs)).toEqual([c, b, a]);
  await table.locator('th[data-sort="received"]').getByRole("link").click();
  await expect(agent).toHaveURL(/dir=asc/);
  await expect(table.locator('th[data-sort="received"]')).toHaveAttribute("aria-sort", "ascending");
  expect(await order(agent, refs)).toEqual([a, b, c]);
  // The search survives sorting.
  expect(new URL(agent.url()).searchParams.get("q")).toBe(patient.phone);

  // Status in workflow order (submitted before in progress), then by deadline.
  await table.locator('th[data-sort="status"]').getByRole("link").click();
  await expect(table.locator('th[data-sort="status"]')).toHaveAttribute("aria-sort", "ascending");
  expect(await order(agent, refs)).toEqual([a, c, b]);
  await table.locator('th[data-sort="status"]').getByRole("link").click();
  await expect(table.locator('th[data-sort="status"]')).toHaveAttribute("aria-sort", "descending");
  expect(await order(agent, refs)).toEqual([b, a, c]);

  // Assignee: names A→Z, the unassigned after them.
  await table.locator('th[data-sort="assignee"]').getByRole("link").click();
  await expect(table.locator('th[data-sort="assignee"]')).toHaveAttribute("aria-sort", "ascending");
  expect(await order(agent, refs)).toEqual([b, a, c]);

  // Type: all three complaints, so by deadline within it.
  await table.locator('th[data-sort="type"]').getByRole("link").click();
  await expect(table.locator('th[data-sort="type"]')).toHaveAttribute("aria-sort", "ascending");
  expect(await order(agent, refs)).toEqual([a, b, c]);

  // A reference is never broken across lines.
  const link = table.getByRole("link", { name: a, exact: true });
  expect(await link.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe("nowrap");
  expect(await link.evaluate((el) => getComputedStyle(el.closest("td")!).whiteSpace)).toBe("nowrap");
  // Narrow the window: still one line (one line's height).
  await agent.setViewportSize({ width: 700, height: 800 });
  const box = await link.boundingBox();
  const lineHeight = await link.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.6);
  expect(box!.height).toBeLessThan(lineHeight * 1.5);
});

test("unknown sort values are named and ignored; the keyboard moves between rows and opens one", async ({ browser }) => {
  const patient = await patientWithRequest(browser, "工作日队列键盘测试：第一件");
  const res = await patient.page.request.post("/api/requests", {
    data: { type: "complaint", idempotencyKey: randomUUID(), description: "工作日队列键盘测试：第二件" },
  });
  expect(res.status()).toBe(201);
  const second = ((await res.json()) as { ref: string }).ref;
  const { page: agent } = await staffMember(browser);

  const bad = await agent.goto(`/queue?q=${patient.phone}&sort=name&dir=sideways`);
  expect(bad?.status()).toBe(200);
  await expect(agent.getByTestId("ignored-filters")).toContainText("排序");
  await expect(agent.getByTestId("ignored-filters")).toContainText("排序方向");
  await expect(agent.getByTestId("queue").locator('th[data-sort="due"]')).toHaveAttribute("aria-sort", "ascending");
  expect(await order(agent, [patient.ref, second])).toEqual([patient.ref, second]);

  // Typing j and k in the search field types them; it does not move.
  const search = agent.getByLabel("搜索");
  await search.fill("");
  await search.press("j");
  await search.press("k");
  await expect(search).toHaveValue("jk");
  await expect(search).toBeFocused();
  await search.fill(patient.phone);

  // Outside a field: j to the first row, j to the next, k back, Enter opens it.
  await agent.locator("h1").click();
  await agent.keyboard.press("j");
  await expect(agent.getByRole("link", { name: patient.ref, exact: true })).toBeFocused();
  await agent.keyboard.press("j");
  await expect(agent.getByRole("link", { name: second, exact: true })).toBeFocused();
  await agent.keyboard.press("j");
  await expect(agent.getByRole("link", { name: second, exact: true })).toBeFocused();
  await agent.keyboard.press("k");
  await expect(agent.getByRole("link", { name: patient.ref, exact: true })).toBeFocused();
  await agent.keyboard.press("Enter");
  await expect(agent).toHaveURL(new RegExp(`/queue/${patient.ref}$`));
  await expect(agent.getByRole("heading", { level: 1 })).toContainText(patient.ref);
});

test("in English: totals and a lost claim that names the holder", async ({ browser }) => {
  const patient = await patientWithRequest(browser, "Working-day queue, English", "en");
  const { page: first, who } = await staffMember(browser);
  const { page: second } = await staffMember(browser);
  for (const p of [first, second]) {
    await p.goto("/queue");
    await p.getByTestId("language-switch").click();
    await expect(p.getByRole("heading", { level: 1 })).toHaveText("Queue");
  }
  await second.goto(`/queue?q=${patient.phone}`);
  await expect(second.getByTestId("queue-total")).toHaveText("1 request, page 1 of 1");
  await first.goto(`/queue/${patient.ref}`);
  await second.goto(`/queue/${patient.ref}`);
  await first.getByTestId("claim-form").getByRole("button", { name: "Claim" }).click();
  await expect(first.getByTestId("request-status")).toContainText(who.name);
  await second.getByTestId("claim-form").getByRole("button", { name: "Claim" }).click();
  await expect(second.getByTestId("claim-form").getByRole("alert")).toContainText(`Already claimed by ${who.name}`);
  await expect(second.getByTestId("request-status")).toContainText(who.name);
  await expect(second.getByRole("button", { name: "Claim" })).toHaveCount(0);
});
