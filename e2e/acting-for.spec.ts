import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { newPatient, PNG, signInPatient, uniquePhone } from "./fixtures";
import { agentWorksOn } from "./fulfilment-helpers";
import { expectAccessible, fileFromReview, fillIdentity } from "./portal-helpers";
import { statusLine } from "./staff-helpers";

/**
 * Acting for someone by law (lib/identity/authority.ts): a guardian files for a 就诊人 child of their own account,
 * staff decide, and the copy holds the child's records only; a close relative's request is verified only once
 * staff confirm the deceased left no other arrangement. Each test makes its own patient and agent.
 */

test("a guardian files for their 就诊人 child without documents; staff accept; the copy is the child's alone", async ({ browser }) => {
  const page = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  const parent = await newPatient(page.request, { familyMembers: [{ relationship: "child", age: 8 }] });
  const child = parent.familyMembers[0]!;
  await signInPatient(page, parent.phone);

  await page.goto("/requests/new/access");
  await page.getByRole("radio", { name: /监护人（未成年人）/ }).check();
  await page.getByRole("radio", { name: new RegExp(child.name) }).check();
  // A 就诊人 is known to the hospital: no name or phone asked, proofs optional, only their own kinds of record.
  await expect(page.getByLabel(/信息主体的姓名/)).toHaveCount(0);
  await expect(page.getByText("这位就诊人已在您的账户里")).toBeVisible();
  await expect(page.locator('[data-field="f-categories"] input[type="checkbox"]')).toHaveCount(3);
  await page.getByRole("checkbox", { name: /问诊记录/ }).check();
  await fillIdentity(page, { name: parent.name, last4: parent.last4 });
  await expectAccessible(page, "guardian form for a 就诊人");
  await page.getByTestId("review-request").click();
  await expect(page.getByTestId("review-summary")).toContainText(`监护人（未成年人）：${child.name}（本账户的就诊人 · 子女）`);
  const ref = await fileFromReview(page);

  const agent = await agentWorksOn(browser, ref);
  const authority = agent.getByTestId("authority");
  await expect(authority).toContainText("本账户的就诊人");
  await expect(agent.getByTestId("authority-missing")).toHaveCount(0);
  const verify = agent.getByTestId("verify-form");
  await verify.getByLabel(/核验依据/).fill("就诊人为账户本人的子女，出生日期与病历一致，未满 18 周岁。");
  await verify.getByRole("button", { name: "接受证明材料" }).click();
  await expect(agent.getByTestId("verification-status")).toContainText("已核验");

  const panel = agent.getByTestId("fulfilment");
  await panel.getByTestId("prepare-form").getByRole("button", { name: "生成数据副本" }).click();
  await expect(panel.getByTestId("done-access.prepare")).toContainText("已生成副本");
  const release = panel.getByTestId("release-form");
  await release.getByLabel("我已预览副本").check();
  await release.getByRole("button", { name: "发布给申请人" }).click();
  await expect(panel.getByTestId("done-access.release")).toContainText("下载链接有效至");

  // The guardian downloads it: the child's records, nobody else's.
  await page.goto(`/requests/${ref}`);
  const link = page.getByTestId("result-files").getByRole("link", { name: `${ref}.zip` });
  const zip = await page.request.get((await link.getAttribute("href"))!);
  expect(zip.status()).toBe(200);
  const files = unzipSync(new Uint8Array(await zip.body()));
  const report = strFromU8(files[Object.keys(files).find((f) => f.endsWith(".html"))!]!);
  expect(report).toContain(`信息主体：${child.name}`);
  expect(report).not.toContain(parent.name);
  expect(JSON.parse(strFromU8(files["consultations.json"]!)).length).toBeGreaterThan(0);
});

test("in English: the form offers the account's 就诊人 and asks no proof of a guardian for them", async ({ browser }) => {
  const page = await (await browser.newContext({ locale: "en" })).newPage();
  const parent = await newPatient(page.request, { familyMembers: [{ relationship: "child", age: 15 }], locale: "en" });
  await signInPatient(page, parent.phone);
  await page.goto("/requests/new/deletion");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Delete my data");
  await page.getByRole("radio", { name: /Guardian of a minor/ }).check();
  await page.getByRole("radio", { name: new RegExp(parent.familyMembers[0]!.name) }).check();
  await expect(page.getByText("Patient of your account · Child · 15 years")).toBeVisible();
  await expect(page.getByText("This patient is already on your account")).toBeVisible();
  await expect(page.locator('[data-field="f-categories"] input[type="checkbox"]')).toHaveCount(3);
  await expectAccessible(page, "guardian deletion form in English");
});

test("a guardian cannot name a 就诊人 that is not on their account; nothing is filed", async ({ page }) => {
  await signInPatient(page, uniquePhone());
  const res = await page.request.post("/api/requests", {
    data: { type: "access", idempotencyKey: randomUUID(), relationship: "guardian", subjectPatientId: randomUUID(), categories: ["photos"] },
    headers: { "accept-language": "zh-CN" },
  });
  expect(res.status()).toBe(422);
  expect(await res.json()).toMatchObject({ error: "not_yours", fieldErrors: { subjectPatientId: "not_yours" } });
  await page.goto("/requests");
  await expect(page.getByTestId("my-requests").locator("li")).toHaveCount(0);
});

test("a close relative's request: the deceased's own arrangements are confirmed before the proofs are accepted", async ({ browser }) => {
  const page = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await signInPatient(page, uniquePhone());
  const upload = async (name: string) => {
    const res = await page.request.post(`/api/uploads?purpose=proof&name=${encodeURIComponent(name)}`, {
      data: PNG,
      headers: { "content-type": "application/octet-stream" },
    });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const death = await upload("死亡证明.png");
  const household = await upload("户口簿.png");
  const filed = await page.request.post("/api/requests", {
    data: {
      type: "access",
      idempotencyKey: randomUUID(),
      relationship: "close_relative",
      subjectName: "郑国华",
      subjectPhone: uniquePhone(),
      categories: ["consultations"],
      relativeInterest: "办理父亲的保险理赔，需要他的问诊记录。",
      proofAttachmentIds: [death, household],
      proofKinds: { [death]: "death_certificate", [household]: "household_register" },
      identityName: "郑小华",
      identityLast4: "123X",
    },
    headers: { "accept-language": "zh-CN" },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  const { ref } = (await filed.json()) as { ref: string };

  const agent = await agentWorksOn(browser, ref);
  await expect(agent.getByTestId("authority")).toContainText("办理父亲的保险理赔");
  await expect(agent.getByTestId("authority-proofs")).toHaveText("死亡证明、户口簿");
  const verify = agent.getByTestId("verify-form");
  await verify.getByLabel(/核验依据/).fill("死亡医学证明书与户口簿一致，申请人为其子。");
  await verify.getByRole("button", { name: "接受证明材料" }).click();
  await expect(verify.locator("#verify-form-checked-error")).toContainText("已确认死者生前没有另作安排");
  await expect(agent.getByTestId("verification-status")).toContainText("待核验");
  await verify.getByLabel(/已确认死者生前没有另作安排/).check();
  await verify.getByRole("button", { name: "接受证明材料" }).click();
  await expect(agent.getByTestId("verification-status")).toContainText("已核验");
  await expect(agent.getByTestId("verification")).toContainText("已确认死者生前没有另作安排");
  await expect(statusLine(agent)).toContainText("处理中");
});
