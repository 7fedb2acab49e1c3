import { expect, test } from "@playwright/test";
import { fileActingFor, PNG, signInPatient, uniquePhone } from "./fixtures";
import { patientWithRequest, staffPage } from "./staff-helpers";

test("a patient cannot reach any staff page or file; signed-out visitors are sent to sign in", async ({ browser }) => {
  const patient = await patientWithRequest(browser, "想确认一下我的授权记录。");
  const staff = await staffPage(browser);
  await staff.goto(`/queue/${patient.ref}`);
  await expect(staff.getByRole("heading", { level: 1 })).toContainText(patient.ref);

  for (const path of ["/queue", "/queue?assignee=mine", `/queue/${patient.ref}`, "/queue/templates"]) {
    const res = await patient.page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(patient.page.locator("main")).not.toContainText(patient.ref);
  }
  // The file route answers 403 too (a bare status: it is a route handler, not a page).
  expect((await patient.page.request.get(`/queue/${patient.ref}/attachments/00000000-0000-4000-8000-000000000000`)).status()).toBe(403);
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(`/queue/${patient.ref}`);
  await expect(anonymous).toHaveURL(/\/staff\/signin/);
});

test("guessing a reference or a file gives 404; a traversal in the file id too; agents cannot open the template editor", async ({ browser }) => {
  const { ref } = await patientWithRequest(browser, "想确认我的问诊照片是否已删除。");
  const agent = await staffPage(browser);
  expect((await agent.goto("/queue/DSR-2026-999999"))?.status()).toBe(404);
  expect((await agent.goto("/queue/not-a-ref"))?.status()).toBe(404);
  expect((await agent.goto(`/queue/${ref}/attachments/00000000-0000-4000-8000-000000000000`))?.status()).toBe(404);
  expect((await agent.goto(`/queue/${ref}/attachments/not-a-uuid`))?.status()).toBe(404);
  // A browser resolves "../" before sending; the request API sends the encoded traversal as it is, and the
  // route receives "../../…" as the file id.
  for (const traversal of ["%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%5c%2e%2e%5cwindows"]) {
    const res = await agent.request.get(`/queue/${ref}/attachments/${traversal}`);
    expect(res.url(), "sent without normalising").toContain(traversal);
    expect(res.status(), traversal).toBe(404);
  }
  expect((await agent.goto("/queue/templates"))?.status()).toBe(403);
});

test("bad filter values in the URL are named and ignored, never a crash", async ({ browser }) => {
  const agent = await staffPage(browser);
  const res = await agent.goto("/queue?status=hacked&page=-1&from=2026-02-30&sla=green&sort=%3Cscript%3E");
  expect(res?.status()).toBe(200);
  await expect(agent.getByTestId("ignored-filters")).toContainText("状态");
  await expect(agent.getByTestId("ignored-filters")).toContainText("页码");
  await expect(agent.getByTestId("queue")).toBeVisible();
});

test("a proof document is shown to staff through the audited route only", async ({ browser }) => {
  // A request for someone else carries a proof document.
  const patient = await (await browser.newContext()).newPage();
  await signInPatient(patient, uniquePhone());
  const ref = await fileActingFor(patient, { name: "户口簿.png", body: PNG });
  const manager = await staffPage(browser, "manager");
  // The queue's filter finds requests made for someone else.
  await manager.goto(`/queue?acting=1&status=all&q=${ref}`);
  await manager.getByTestId("queue").getByRole("link", { name: ref }).click();
  await expect(manager.getByRole("heading", { level: 1 })).toContainText(ref);
  const view = manager.getByTestId("attachments").getByRole("link", { name: /^查看/ }).first();
  const href = (await view.getAttribute("href"))!;
  expect(href).toMatch(new RegExp(`^/queue/${ref}/attachments/[0-9a-f-]{36}$`));
  const file = await manager.request.get(href);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("image/png");
  expect(file.headers()["cache-control"]).toContain("no-store");
  const download = await manager.request.get(`${href}?download=1`);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);
  await manager.reload();
  await expect(manager.getByTestId("audit-trail")).toContainText("查看附件");
  await expect(manager.getByTestId("audit-trail")).toContainText("下载附件");
  // Signed out: no file, only the way to sign in.
  const anonymous = await (await browser.newContext()).newPage();
  const res = await anonymous.request.get(href, { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect(res.headers()["location"]).toContain("/staff/signin");
});
