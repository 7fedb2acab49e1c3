import { expect, test } from "@playwright/test";
import { signInNewStaff, signInPatient, uniquePhone } from "./fixtures";

const PAGES = ["/dashboard", "/dashboard/report?month=2026-11"];

test("agents and patients get 403 from every dashboard page and the CSV", async ({ browser }) => {
  const agent = await browser.newPage();
  await signInNewStaff(agent);
  for (const path of PAGES) expect((await agent.goto(path))?.status(), path).toBe(403);
  const csv = await agent.request.get("/dashboard/export?from=2026-11-01&to=2026-11-30");
  expect(csv.status()).toBe(403);
  expect(await csv.text()).not.toContain("DSR-");
  await agent.goto("/queue");
  await expect(agent.getByRole("navigation").getByRole("link", { name: "管理看板" })).toHaveCount(0);

  const patient = await browser.newPage();
  await signInPatient(patient, uniquePhone());
  for (const path of PAGES) expect((await patient.goto(path))?.status(), path).toBe(403);
  expect((await patient.request.get("/dashboard/export")).status()).toBe(403);
});

test("signed-out visitors are sent to the staff sign-in page", async ({ page }) => {
  await page.goto("/dashboard?from=2026-11-01");
  await expect(page).toHaveURL(/\/staff\/signin\?callbackUrl=%2Fdashboard%3Ffrom%3D2026-11-01/);
  const res = await page.request.get("/dashboard/export", { maxRedirects: 0 });
  expect(res.status()).toBeGreaterThanOrEqual(300);
  expect(res.status()).toBeLessThan(400);
  expect(res.headers()["location"]).toContain("/staff/signin");
});
