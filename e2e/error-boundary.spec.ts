import { expect, test } from "@playwright/test";

// app/error.tsx reads its sentences from the root layout (components/layout/error-texts.tsx), not next-intl.
test("a page that fails shows the reference in the user's language, never the error itself", async ({ page, context, baseURL }) => {
  await page.goto("/dev/error-boundary");
  const alert = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "出错了" }) });
  await expect(alert).toContainText("如需帮助，请告知客服错误编号");
  await expect(alert.locator("strong")).toHaveText(/^\w+$/);
  await expect(alert.getByRole("button", { name: "重试" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("on purpose");

  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
});
