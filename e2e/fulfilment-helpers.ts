import { randomUUID } from "node:crypto";
import { expect, type Browser, type Page } from "@playwright/test";
import { newPatient, signInPatient, type TestPatient } from "./fixtures";
import { staffPage, statusLine } from "./staff-helpers";

/**
 * Helpers of the fulfilment specs. Fulfilment changes a patient's hospital records for good, so each test makes
 * a patient of its own, with complete records (e2e/fixtures.ts newPatient).
 */

/** A new patient with complete records, signed in in a context of their own. */
export async function patientPage(browser: Browser): Promise<{ page: Page; patient: TestPatient }> {
  const page = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  const patient = await newPatient(page.request);
  await signInPatient(page, patient.phone);
  return { page, patient };
}

/** Files a request as the signed-in patient through POST /api/requests (the forms are portal specs' subject), with the real-name check. */
export async function fileRequest(page: Page, patient: TestPatient, body: Record<string, unknown>): Promise<string> {
  const res = await page.request.post("/api/requests", {
    data: { idempotencyKey: randomUUID(), identityName: patient.name, identityLast4: patient.last4, ...body },
    headers: { "accept-language": "zh-CN" },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { ref: string }).ref;
}

/** A new agent opens the request and claims it, which starts work on it. */
export async function agentWorksOn(browser: Browser, ref: string): Promise<Page> {
  const agent = await staffPage(browser);
  await agent.goto(`/queue/${ref}`);
  await agent.getByTestId("claim-form").getByRole("button", { name: "认领" }).click();
  await expect(statusLine(agent)).toContainText("处理中");
  return agent;
}
