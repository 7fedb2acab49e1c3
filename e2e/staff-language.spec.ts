import { expect, test } from "@playwright/test";
import { patientWithRequest, staffPage, statusLine } from "./staff-helpers";

test("the queue and the request page work in English after the header's language switch", async ({ browser }) => {
  const patient = await patientWithRequest(browser, "Please explain how my data is shared.", "en");
  const agent = await staffPage(browser);
  await agent.goto("/queue");
  await expect(agent.getByRole("heading", { level: 1 })).toHaveText("工单队列");
  await agent.getByTestId("language-switch").click();
  await expect(agent.getByRole("heading", { level: 1 })).toHaveText("Queue");
  await agent.getByLabel("Search").fill(patient.ref);
  await agent.getByLabel("SLA", { exact: true }).selectOption("on_track");
  await agent.getByRole("button", { name: "Filter" }).click();
  await expect(agent).toHaveURL(/sla=on_track/);
  await expect(agent.getByTestId("count-on_track")).toContainText("On track: 1");
  await expect(agent.locator(`tr[data-ref="${patient.ref}"]`)).toContainText("working days left");
  await agent.getByRole("link", { name: patient.ref }).click();

  await expect(statusLine(agent)).toContainText("Submitted");
  await agent.getByRole("button", { name: "Claim" }).click();
  await expect(statusLine(agent)).toContainText("In progress");
  const refuse = agent.getByTestId("refuse-form");
  await refuse.getByRole("button", { name: "Refuse and reply" }).click();
  await expect(refuse.getByText("Choose from the list.")).toBeVisible();
  await expect(refuse.getByText("Fill this in.")).toBeVisible();
  const pause = agent.getByTestId("pause-form");
  await pause.getByLabel("Why").selectOption("identity");
  await pause.getByLabel("Template").selectOption({ label: "Proof of identity or authority needed (English)" });
  await pause.getByRole("button", { name: "Insert" }).click();
  await pause.getByRole("button", { name: "Send and pause" }).click();
  await expect(statusLine(agent)).toContainText("Waiting for the requester");
  await expect(agent.getByTestId("thread")).toContainText("To protect your personal information");
  await agent.getByTestId("language-switch").click();
  await expect(statusLine(agent)).toContainText("待申请人回复");
});
