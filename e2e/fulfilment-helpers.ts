import { randomUUID } from "node:crypto";
import { expect, type Browser, type Page } from "@playwright/test";
import { signInPatient } from "./fixtures";
import { demoIdentity, phoneOf } from "./portal-helpers";
import { staffPage, statusLine } from "./staff-helpers";

/**
 * Helpers of the fulfilment specs. Fulfilment changes a patient's platform records for good, so each test has a
 * demo patient (with full records) of its own; the portal and auth specs use 01, 03, 04, 05, 13 and 15:
 *   06 access · 07 correction · 08 deletion · 09 consent · 11 cancellation · 16 the role boundary.
 */
export const FULFILMENT_PATIENTS = { access: 6, correction: 7, deletion: 8, consent: 9, cancellation: 11, boundary: 16 } as const;

/** A demo patient, signed in in a context of their own. */
export async function demoPatientPage(browser: Browser, no: number): Promise<Page> {
  const page = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await signInPatient(page, phoneOf(no));
  return page;
}

/** Files a request as the signed-in demo patient through POST /api/requests (the forms are portal specs' subject), with the real-name check. */
export async function fileRequest(page: Page, no: number, body: Record<string, unknown>): Promise<string> {
  const id = demoIdentity(no);
  const res = await page.request.post("/api/requests", {
    data: { idempotencyKey: randomUUID(), identityName: id.name, identityLast4: id.last4, ...body },
    headers: { "accept-language": "zh-CN" },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { ref: string }).ref;
}

/** The demo agent opens the request and claims it, which starts work on it. */
export async function agentWorksOn(browser: Browser, ref: string): Promise<Page> {
  const agent = await staffPage(browser);
  await agent.goto(`/queue/${ref}`);
  await agent.getByTestId("claim-form").getByRole("button", { name: "认领" }).click();
  await expect(statusLine(agent)).toContainText("处理中");
  return agent;
}
