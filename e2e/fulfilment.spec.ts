import { expect, test } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { signInPatient, uniquePhone } from "./fixtures";
import { agentWorksOn, fileRequest, patientPage } from "./fulfilment-helpers";
import { expectAccessible } from "./portal-helpers";
import { staffPage, statusLine } from "./staff-helpers";

/**
 * Staff fulfil each request type from the request page, and the patient sees the outcome. Every test makes its
 * own patient with complete hospital records, files its own request and has its own agent (e2e/fulfilment-helpers.ts).
 */

test("access: staff prepare, preview and release the package; only the requester downloads it; altered links are refused", async ({ browser }) => {
  const { page: patient, patient: subject } = await patientPage(browser);
  const ref = await fileRequest(patient, subject, { type: "access", categories: ["account", "orders", "consultations"] });
  const agent = await agentWorksOn(browser, ref);
  const panel = agent.getByTestId("fulfilment");
  await expect(panel).toContainText("执行");

  await panel.getByTestId("prepare-form").getByRole("button", { name: "生成数据副本" }).click();
  await expect(panel.getByTestId("done-access.prepare")).toContainText("已生成副本");
  await expectAccessible(agent, "request page with a prepared package");
  const preview = await agent.request.get((await panel.getByTestId("preview-package").getAttribute("href"))!);
  expect(preview.status()).toBe(200);
  expect((await preview.body()).subarray(0, 2).toString()).toBe("PK");
  // Before release the patient has nothing to download.
  await patient.goto(`/requests/${ref}`);
  await expect(patient.getByTestId("result-files")).toHaveCount(0);

  const release = panel.getByTestId("release-form");
  await release.getByRole("button", { name: "发布给申请人" }).click();
  await expect(release.getByText("请先勾选确认。")).toBeVisible();
  await release.getByLabel("我已预览副本").check();
  await release.getByRole("button", { name: "发布给申请人" }).click();
  await expect(panel.getByTestId("done-access.release")).toContainText("下载链接有效至");
  await expect(panel.getByTestId("fulfilment-complete")).toBeVisible();

  await patient.reload();
  const link = patient.getByTestId("result-files").getByRole("link", { name: `${ref}.zip` });
  await expect(patient.getByTestId("result")).toContainText("仅限您本人登录后使用");
  await expectAccessible(patient, "request page with a released result");
  const [download] = await Promise.all([patient.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(`${ref}.zip`);
  const zip = await patient.request.get((await link.getAttribute("href"))!);
  expect(zip.status()).toBe(200);
  expect((await zip.body()).subarray(0, 2).toString()).toBe("PK");

  const href = (await link.getAttribute("href"))!;
  const tampered = href.replace(/sig=(.)/, (_, c: string) => `sig=${c === "A" ? "B" : "A"}`);
  const refusedTampered = await patient.goto(tampered);
  expect(refusedTampered!.status()).toBe(403);
  await expect(patient.getByTestId("download-refused")).toHaveText("下载链接无效");
  const stretched = href.replace(/expires=(\d+)/, (_, n: string) => `expires=${Number(n) + 86_400}`);
  expect((await patient.goto(stretched))!.status()).toBe(403);

  // Anyone but the requester: another patient, and staff, get the refusal page and no file.
  const other = await (await browser.newContext()).newPage();
  await signInPatient(other, uniquePhone());
  const refusedOther = await other.goto(href);
  expect(refusedOther!.status()).toBe(404);
  await expect(other.getByTestId("download-refused")).toHaveText("无法下载");
  await expectAccessible(other, "download refused page");
  expect((await agent.goto(href))!.status()).toBe(404);
  // Signed out: to the sign-in page, and from there to the patient's requests, where the result is offered.
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(href);
  await expect(anonymous).toHaveURL(/\/signin\?callbackUrl=%2Frequests$/);
});

test("correction: staff decide each change beside the current value; the patient sees what was corrected", async ({ browser }) => {
  const { page: patient } = await patientPage(browser);
  await patient.goto("/requests/new/correction");
  const field = patient.getByLabel("有误的信息");
  const nickname = field.locator("option", { hasText: "昵称：" });
  await field.selectOption({ label: (await nickname.textContent())!.trim() });
  await patient.getByLabel("正确的内容").fill("小鹿同学");
  await patient.getByLabel(/更正的理由/).fill("昵称写错了");
  await patient.getByTestId("review-request").click();
  await patient.getByTestId("submit-request").click();
  await expect(patient).toHaveURL(/\/requests\/DSR-\d{4}-\d{6,}\/submitted$/);
  const ref = (await patient.getByTestId("submitted-ref").textContent())!.trim();

  const agent = await agentWorksOn(browser, ref);
  const form = agent.getByTestId("correction-form");
  await expect(form.getByTestId("change-0")).toContainText("小鹿同学");
  await expectAccessible(agent, "request page with the correction decisions");
  await form.getByRole("button", { name: "提交审核结果" }).click();
  await expect(form.getByText("请为每一项更正选择批准或驳回。").first()).toBeVisible();
  await form.getByTestId("change-0").getByRole("radio", { name: "驳回" }).check();
  await form.getByRole("button", { name: "提交审核结果" }).click();
  await expect(form.getByText("驳回须说明理由。").first()).toBeVisible();
  await form.getByTestId("change-0").getByRole("radio", { name: "批准" }).check();
  await form.getByRole("button", { name: "提交审核结果" }).click();
  await expect(agent.getByTestId("done-correction.apply")).toContainText("→ 小鹿同学");
  await expect(agent.getByTestId("platform-records")).toContainText("小鹿同学");

  await patient.goto(`/requests/${ref}`);
  await expect(patient.getByTestId("outcome-corrections")).toContainText("已更正为 小鹿同学");
  await expect(patient.getByTestId("timeline")).toContainText("更正审核已完成");
});

test("deletion: held categories are restricted, one declined, the rest deleted; recipients tracked; closes as partly fulfilled; the patient sees each item", async ({
  browser,
}) => {
  const { page: patient, patient: subject } = await patientPage(browser);
  const ref = await fileRequest(patient, subject, {
    type: "deletion",
    categories: ["prescriptions", "orders", "addresses"],
    ground: "no_longer_necessary",
  });
  const agent = await agentWorksOn(browser, ref);
  // The ground in staff words, never its key.
  await expect(agent.getByTestId("summary")).toContainText("处理目的已实现、无法实现或不再必要");
  await expect(agent.getByTestId("summary")).not.toContainText("no_longer_necessary");
  const panel = agent.getByTestId("fulfilment");
  const plan = panel.getByTestId("deletion-plan");
  await expect(plan.getByRole("row", { name: /处方/ })).toContainText("法定保存期限内，限制处理");
  // Orders are kept 3 years from the transaction (电子商务法 Art. 31): only those past it are deleted.
  await expect(plan.getByRole("row", { name: /订单/ })).toContainText("已过法定保存期的删除；未满保存期的依法保存");
  await expect(panel).toContainText("将向以下信息接收方发送删除通知");
  await expectAccessible(agent, "request page with the deletion plan");

  const form = panel.getByTestId("deletion-form");
  await form.getByRole("button", { name: "执行删除" }).click();
  await expect(form.getByText("请先勾选确认。")).toBeVisible();
  await expect(form.getByLabel(/我已核对以上变化/)).toBeFocused();
  await form.getByLabel(/我已核对以上变化/).check();
  // Staff decline one category, with the reason the patient is told.
  await form.getByTestId("deletion-form-withhold").getByLabel("收货地址").selectOption("excessive_technical_means");
  await form.getByRole("button", { name: "执行删除" }).click();
  // Requested vs done, in staff words, before the request is closed.
  const outcomes = panel.getByTestId("deletion-outcomes");
  await expect(outcomes.getByRole("row", { name: /处方/ })).toContainText(
    /条依法保存：限制处理至 .*（病历（含处方）：自末次就诊起 15 年；依据：医疗机构管理条例实施细则/,
  );
  await expect(outcomes.getByRole("row", { name: /处方/ })).toContainText("✗ 否");
  // The patient's orders are all from the last two years: every one is held, none deleted.
  await expect(outcomes.getByRole("row", { name: /订单/ })).toContainText(/条依法保存：限制处理至 .*电子商务法 第三十一条/);
  await expect(outcomes.getByRole("row", { name: /订单/ })).not.toContainText("已删除");
  await expect(outcomes.getByRole("row", { name: /收货地址/ })).toContainText("不予办理：需要过多技术手段（政策 8.7）");
  await expect(outcomes).not.toContainText("not_held");
  await expect(panel.getByTestId("not-done-summary")).toContainText("有 3 项申请事项未按申请办理");
  const notices = panel.getByTestId("recipient-notices").locator("li");
  const count = await notices.count();
  expect(count).toBeGreaterThan(0);
  await expect(panel).toContainText(`还有 ${count} 个接收方尚未确认删除。`);
  // The queue keeps such requests findable until every recipient has confirmed.
  await agent.goto("/queue");
  await agent.getByTestId("recipients-awaited").getByRole("link", { name: "查看这些申请" }).click();
  await expect(agent).toHaveURL(/recipients=1/);
  await agent.goto(`/queue?status=all&recipients=1&q=${ref}`);
  await expect(agent.getByRole("link", { name: ref })).toBeVisible();
  await agent.goto(`/queue/${ref}`);

  const first = notices.first();
  await first.getByLabel(/确认说明/).fill("电话确认，联系人王经理");
  await first.getByRole("button", { name: "记录确认" }).click();
  await expect(first.getByTestId("notice-confirmed")).toBeVisible();
  await expect(first).toContainText("电话确认，联系人王经理");

  // What was kept by law or declined is not done: the request closes only as partly fulfilled.
  const complete = agent.getByTestId("complete-form");
  await expect(complete.getByTestId("complete-not-done")).toContainText("本申请只能以“部分办理”办结");
  await expect(complete.getByLabel("办理结果")).toHaveValue("partially_fulfilled");
  await complete.getByLabel("办理结果").selectOption("fulfilled");
  await complete.getByLabel("给申请人的答复").fill("已按申请办理。");
  await complete.getByRole("button", { name: "办结并答复" }).click();
  await expect(complete.locator(".field-error", { hasText: "申请人要求的事项有未完成的" })).toBeVisible();
  await expect(complete.getByLabel("办理结果")).toHaveAttribute("aria-invalid", "true");
  await complete.getByLabel("办理结果").selectOption("partially_fulfilled");
  await complete.getByLabel("给申请人的答复").fill("处方和订单依法保存，收货地址未删除。");
  await complete.getByRole("button", { name: "办结并答复" }).click();
  await expect(statusLine(agent)).toContainText("已完成");

  await patient.goto(`/requests/${ref}`);
  const outcome = patient.getByTestId("outcome-deletion");
  await expect(outcome).toContainText(
    /处方.*依法保存至 \d{4}年\d{1,2}月\d{1,2}日（病历（含处方）：自末次就诊起 15 年；依据：医疗机构管理条例实施细则/,
  );
  await expect(outcome).toContainText(/订单.*依法保存至 \d{4}年\d{1,2}月\d{1,2}日（.*电子商务法 第三十一条/);
  await expect(outcome).toContainText("收货地址: 未办理。理由：需要过多技术手段（政策 8.7）");
  await expect(patient.getByTestId("result")).toContainText("部分办理");
  await expect(patient.getByTestId("outcome-recipients").locator("li").first()).toContainText("确认删除");
  if (count > 1) await expect(patient.getByTestId("outcome-recipients")).toContainText("等待对方确认");
  await expect(patient.getByTestId("outcome")).toContainText("备份中的这些信息将在备份按周期更新时清除");
  await expectAccessible(patient, "request page with a deletion outcome");
  // …and in English: which were deleted, which are kept until when.
  await patient.getByTestId("language-switch").click();
  await expect(outcome).toContainText(/Prescriptions.*kept until [A-Z][a-z]+ \d{1,2}, \d{4}, as the law requires/);
  await expect(outcome).toContainText(/Delivery addresses.*not done\. Reason: Needs excessive technical means/);
  await expect(patient.getByTestId("outcome")).not.toContainText(/not_held|none_held|excessive_technical_means|medical_record/);
});

test("access: the patient's own records a legal retention holds are in their copy, marked with the day they are kept until", async ({ browser }) => {
  const { page: patient, patient: subject } = await patientPage(browser);
  // An earlier deletion restricted their prescriptions (kept by law).
  const deletion = await fileRequest(patient, subject, { type: "deletion", categories: ["prescriptions"], ground: "no_longer_necessary" });
  const agent = await agentWorksOn(browser, deletion);
  const form = agent.getByTestId("deletion-form");
  await form.getByLabel(/我已核对以上变化/).check();
  await form.getByRole("button", { name: "执行删除" }).click();
  await expect(agent.getByTestId("deletion-outcomes")).toContainText("依法保存");

  const ref = await fileRequest(patient, subject, { type: "access", categories: ["account", "prescriptions"] });
  await agent.goto(`/queue/${ref}`);
  await agent.getByTestId("claim-form").getByRole("button", { name: "认领" }).click();
  await expect(statusLine(agent)).toContainText("处理中");
  const panel = agent.getByTestId("fulfilment");
  await expect(panel.getByTestId("prepare-form-withhold").getByLabel("处方")).toHaveValue("");
  await panel.getByTestId("prepare-form").getByRole("button", { name: "生成数据副本" }).click();
  const provided = panel.getByTestId("access-outcomes");
  await expect(provided.getByRole("row", { name: /处方/ })).toContainText(/已提供 (\d+) 条，其中 \1 条依法保存至 .*已在副本中注明/);
  await expect(provided.getByRole("row", { name: /处方/ })).toContainText("副本尚未发布");
  await expect(panel.getByTestId("not-done-summary")).toContainText("副本尚未发布");
  const release = panel.getByTestId("release-form");
  await release.getByLabel("我已预览副本").check();
  await release.getByRole("button", { name: "发布给申请人" }).click();
  await expect(panel.getByTestId("done-access.release")).toBeVisible();
  await expect(panel.getByTestId("not-done-summary")).toContainText("可以按“已全部办理”办结");

  await patient.goto(`/requests/${ref}`);
  await expect(patient.getByTestId("outcome-access")).toContainText(/处方.*副本中有 (\d+) 条记录；其中 \1 条依法须保存至 \d{4}年\d{1,2}月\d{1,2}日/);
  const link = patient.getByTestId("result-files").getByRole("link", { name: `${ref}.zip` });
  const zip = unzipSync(new Uint8Array(await (await patient.request.get((await link.getAttribute("href"))!)).body()));
  const report = strFromU8(zip["report.html"]!);
  expect(report).toContain("依法保存至");
  expect(report).toMatch(/此类中有 \d+ 条记录依法须保存/);
  expect(report).toContain('<tr class="held">');
  const rows = JSON.parse(strFromU8(zip["prescriptions.json"]!)) as { heldUntil: string | null }[];
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.heldUntil ?? ""))).toBe(true);
  await patient.getByTestId("language-switch").click();
  await expect(patient.getByTestId("outcome-access")).toContainText(/Prescriptions.*in your copy; .* we must keep by law until/);
});

test("consent: staff switch the withdrawn consent off; the patient sees the new state", async ({ browser }) => {
  const { page: patient, patient: subject } = await patientPage(browser);
  const ref = await fileRequest(patient, subject, { type: "consent", consents: ["marketing", "personalised_recommendations"] });
  const agent = await agentWorksOn(browser, ref);
  const panel = agent.getByTestId("fulfilment");
  await expect(panel.getByTestId("consents-to-withdraw")).toContainText("营销");
  await panel.getByTestId("consent-form").getByRole("button", { name: "在平台上关闭这些同意" }).click();
  await expect(panel.getByTestId("done-consent.apply")).toContainText("已关闭");

  await patient.goto(`/requests/${ref}`);
  const consents = patient.getByTestId("outcome-consents");
  await expect(consents.locator("li")).toHaveCount(2);
  for (const li of await consents.locator("li").all()) await expect(li).toContainText(/已于 .* 关闭/);
  // …and in English.
  await patient.getByTestId("language-switch").click();
  await expect(patient.getByTestId("outcome")).toContainText("What we did with your information");
  await expect(consents).toContainText(/Marketing.*: switched off on/);
});

// Cancellation: e2e/cancellation.spec.ts.

test("role boundary: an agent the request is not assigned to sees the steps but cannot run them", async ({ browser }) => {
  const { page: patient, patient: subject } = await patientPage(browser);
  const ref = await fileRequest(patient, subject, { type: "consent", consents: ["marketing"] });
  await agentWorksOn(browser, ref);
  const other = await staffPage(browser);
  await other.goto(`/queue/${ref}`);
  await expect(other.getByTestId("fulfilment-not-now")).toBeVisible();
  await expect(other.getByTestId("consent-form")).toHaveCount(0);
  await other.getByTestId("language-switch").click();
  await expect(other.getByTestId("fulfilment")).toContainText("Fulfilment");
  await expect(other.getByTestId("fulfilment-not-now")).toHaveText(
    "Steps run only while the request is in progress and assigned to you (or by a manager).",
  );
  // The patient has no fulfilment panel, and staff pages stay closed to them.
  await patient.goto(`/requests/${ref}`);
  await expect(patient.getByTestId("fulfilment")).toHaveCount(0);
  expect((await patient.goto(`/queue/${ref}`))!.status()).toBe(403);
});
