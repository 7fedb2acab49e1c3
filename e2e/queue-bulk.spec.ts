import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { newStaff } from "./fixtures";
import { patientWithRequest, staffMember, statusLine } from "./staff-helpers";

/** Bulk claim and bulk assign in the queue (issue 18 item 2): one owner per request, the rest reported by name. */

test("a manager bulk-assigns their selection; a request an agent claimed first is reported by name; agents see no assign control", async ({
  browser,
}) => {
  const patient = await patientWithRequest(browser, "批量分配测试：第一件");
  const refs = [patient.ref];
  for (const n of ["第二件", "第三件"]) {
    const res = await patient.page.request.post("/api/requests", {
      data: { type: "complaint", idempotencyKey: randomUUID(), description: `批量分配测试：${n}` },
    });
    expect(res.status(), await res.text()).toBe(201);
    refs.push(((await res.json()) as { ref: string }).ref);
  }
  const [a, b, c] = refs as [string, string, string];
  const { page: agent, who: agentWho } = await staffMember(browser);
  const newcomer = await newStaff(agent.request);

  // The agent claims b from the queue; they are offered no assign control.
  await agent.goto(`/queue?q=${patient.phone}`);
  await expect(agent.getByTestId("bulk-claim")).toBeVisible();
  await expect(agent.getByTestId("bulk-assign")).toHaveCount(0);
  await expect(agent.getByTestId("bulk-assignee")).toHaveCount(0);
  await agent.getByRole("checkbox", { name: `选择 ${b}` }).check();
  await agent.getByRole("button", { name: "认领所选" }).click();
  await expect(agent.getByTestId("bulk-summary")).toHaveText("已认领 1 件");
  await expect(agent.locator(`tr[data-ref="${b}"]`)).toContainText(agentWho.name);

  // The manager selects the patient's three requests (select-all on a page filtered to them) and assigns them.
  const { page: manager } = await staffMember(browser, "manager");
  await manager.goto(`/queue?q=${patient.phone}`);
  await expect(manager.locator('[data-testid="queue"] tbody tr[data-ref]')).toHaveCount(3);
  await manager.getByRole("checkbox", { name: "选择本页全部申请" }).check();
  for (const ref of refs) await expect(manager.getByRole("checkbox", { name: `选择 ${ref}` })).toBeChecked();
  await manager.getByTestId("bulk-toolbar").getByLabel("分配给").selectOption({ label: newcomer.name });
  await manager.getByRole("button", { name: "分配所选" }).click();
  await expect(manager.getByTestId("bulk-summary")).toHaveText(`已分配 2 件；1 件未分配：${b}（已由 ${agentWho.name} 认领）`);
  // The page refreshed: each request has one owner, the claimed one still the agent's.
  for (const ref of [a, c]) await expect(manager.locator(`tr[data-ref="${ref}"]`)).toContainText(newcomer.name);
  await expect(manager.locator(`tr[data-ref="${b}"]`)).toContainText(agentWho.name);
  await expect(manager.getByRole("checkbox", { name: `选择 ${a}` })).not.toBeChecked();

  // Nothing selected: the toolbar says so and writes nothing.
  await manager.getByRole("button", { name: "认领所选" }).click();
  await expect(manager.getByTestId("bulk-summary")).toHaveText("请先选择至少一件申请。");
});

test("en: a manager bulk-assigns twenty requests while an agent claims one of them; each ends with one owner", async ({ browser }) => {
  const patient = await patientWithRequest(browser, "Bulk of twenty: 1", "en");
  const refs = [patient.ref];
  for (let n = 2; n <= 20; n++) {
    const res = await patient.page.request.post("/api/requests", {
      data: { type: "complaint", idempotencyKey: randomUUID(), description: `Bulk of twenty: ${n}` },
    });
    expect(res.status(), await res.text()).toBe(201);
    refs.push(((await res.json()) as { ref: string }).ref);
  }
  const contested = refs[7]!;
  const { page: agent, who: agentWho } = await staffMember(browser);
  const { page: manager } = await staffMember(browser, "manager");
  const newcomer = await newStaff(manager.request);
  for (const page of [agent, manager]) {
    await page.goto("/queue");
    await page.getByTestId("language-switch").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Queue");
  }

  await agent.goto(`/queue/${contested}`);
  await manager.goto(`/queue?q=${patient.phone}`);
  await expect(manager.locator('[data-testid="queue"] tbody tr[data-ref]')).toHaveCount(20);
  await manager.getByRole("checkbox", { name: "Select all requests on this page" }).check();
  await manager.getByTestId("bulk-toolbar").getByLabel("Assign to").selectOption({ label: newcomer.name });
  // Both at once: the manager's assignment of the twenty and the agent's claim of one of them.
  await Promise.all([
    manager.getByRole("button", { name: "Assign selected" }).click(),
    agent.getByTestId("claim-form").getByRole("button", { name: "Claim" }).click(),
  ]);
  const summary = manager.getByTestId("bulk-summary");
  await expect(summary).toHaveText(/requests assigned/);
  // Whichever came first owns the contested request; the other is told who does.
  const agentWon = ((await summary.textContent()) ?? "").includes(`${contested} (claimed by ${agentWho.name})`);
  await expect(summary).toHaveText(
    agentWon ? `19 requests assigned; 1 not assigned: ${contested} (claimed by ${agentWho.name})` : "20 requests assigned",
  );
  const owner = (ref: string) => (ref === contested && agentWon ? agentWho.name : newcomer.name);
  await expect(statusLine(agent)).toContainText(`Assigned to ${owner(contested)}`);

  await manager.goto(`/queue?q=${patient.phone}`);
  for (const ref of refs) {
    const row = manager.locator(`tr[data-ref="${ref}"]`);
    await expect(row).toContainText(owner(ref));
    await expect(row).not.toContainText(owner(ref) === newcomer.name ? agentWho.name : newcomer.name);
  }
});
