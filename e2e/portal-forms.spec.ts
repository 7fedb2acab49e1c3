import { expect, test, type Page } from "@playwright/test";
import { answeredQuestion, newPatient, signInNewStaff, signInPatient, uniquePhone, type TestPatient } from "./fixtures";
import { EXE, expectAccessible, expectNoHorizontalScroll, fileFromReview, fillIdentity, pageWith, PDF, signedInState } from "./portal-helpers";

/**
 * One request of every type, filed through the browser as a patient would: a patient of this spec's own, with
 * complete hospital records, signed in once (see portal-helpers.ts), files them one after another; a new account
 * files one too.
 */

let state: Awaited<ReturnType<typeof signedInState>>;
let page: Page;
let patient: TestPatient;
let phone: string;
const id = () => ({ name: patient.name, last4: patient.last4 });

test.describe("a patient with hospital records files every type of request", () => {
  test.describe.configure({ mode: "serial" });
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    patient = await newPatient(context.request);
    await context.close();
    phone = patient.phone;
    state = await signedInState(browser, phone);
  });
  test.afterEach(async () => {
    await page?.context().close();
  });

  test("access: choose categories, confirm identity (a wrong one first), review, file; SMS and request page", async ({ browser }) => {
    page = await pageWith(browser, state);
    await page.goto("/requests");
    await page.getByTestId("new-request").click();
    await expect(page).toHaveURL(/\/requests\/new$/);
    await expect(page.getByTestId("request-types").locator("li")).toHaveCount(8);
    await expectAccessible(page, "/requests/new");
    await page.getByTestId("start-access").click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("查阅、复制个人信息");
    await expect(page.getByTestId("clause-access")).toContainText("我们将在15个工作日内回复您的访问请求");
    await expect(page.getByTestId("expected-due")).toContainText(/星期[一二三四五六日]/);
    await expectAccessible(page, "/requests/new/access");

    // Nothing chosen: the error is tied to the field and focus moves to it.
    await page.getByTestId("review-request").click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expect(page.getByRole("checkbox", { name: /账户信息/ })).toBeFocused();
    await expect(page.locator("#f-categories-error")).toHaveText("请至少选择一项。");

    await page.getByRole("checkbox", { name: /账户信息/ }).check();
    // Changed, the field loses its error (the review checks again).
    await expect(page.locator("#f-categories-error")).toHaveText("");
    await expect(page.getByTestId("error-summary")).toHaveCount(0);
    await page.getByRole("checkbox", { name: /处方/ }).check();
    // Health records need the real-name check.
    await expect(page.getByTestId("identity")).toBeVisible();
    await page.getByTestId("review-request").click();
    await expect(page.getByLabel("您的真实姓名")).toBeFocused();
    await expect(page.locator("#f-identityName-error")).toHaveText("请填写此项。");
    await expectAccessible(page, "access form with errors");

    await fillIdentity(page, { name: id().name, last4: id().last4 === "0000" ? "1111" : "0000" });
    await page.getByTestId("review-request").click();
    await expect(page.getByTestId("review-summary")).toContainText("处方");
    await expect(page.getByTestId("review-summary")).not.toContainText(id().last4);
    await expect(page.getByTestId("review-due")).toContainText(/星期/);
    await expectAccessible(page, "access review");
    await page.getByTestId("submit-request").click();
    // A wrong ID number: back to the form, the error at the field, focus on it.
    await expect(page.locator("#f-identityLast4-error")).toContainText("不一致");
    await expect(page.getByLabel("身份证件号码后四位")).toBeFocused();

    await fillIdentity(page, id());
    await page.getByTestId("review-request").click();
    const ref = await fileFromReview(page);
    await expect(page.getByTestId("submitted-due")).toContainText(/星期/);
    await expectAccessible(page, "submitted page");

    // The SMS went through the outbox.
    const outbox = await (await page.request.get(`/dev/outbox?phone=${phone}`)).text();
    expect(outbox).toContain(ref);

    await page.getByRole("link", { name: "查看这件申请" }).click();
    await expect(page).toHaveURL(new RegExp(`/requests/${ref}$`));
    await expect(page.getByTestId("request-status")).toHaveText("已提交");
    await expect(page.getByTestId("request-due")).toContainText(/星期/);
    await expect(page.getByTestId("request-due")).toContainText(/剩余 \d+ 个工作日/);
    await expect(page.getByTestId("timeline")).toContainText("申请已提交");
    await expect(page.getByTestId("scope")).toContainText("处方");
    await expectAccessible(page, "/requests/[ref]");

    await page.goto("/requests");
    await expect(page.locator(`li[data-ref="${ref}"]`)).toContainText(/星期/);
    await expectAccessible(page, "/requests");
  });

  test("correction: a field of the patient's own records, a checked value, evidence (a disguised file refused)", async ({ browser }) => {
    page = await pageWith(browser, state);
    await page.goto("/requests/new/correction");
    await expect(page.getByTestId("clause-correction")).toContainText("您有权要求我们做出更正或补充");
    const field = page.getByLabel("有误的信息");
    await expect(field.locator("option", { hasText: `邮箱：${patient.email}` })).toHaveCount(1);
    await expectAccessible(page, "/requests/new/correction");
    await field.selectOption({ label: `邮箱：${patient.email}` });
    await expect(page.getByTestId("correction-0")).toContainText(`现在记录的是：${patient.email}`);
    await page.getByLabel("正确的内容").fill("not-an-email");
    await page.getByLabel(/更正的理由/).fill("邮箱换了");
    await page.getByTestId("review-request").click();
    await expect(page.getByText("请输入有效的邮箱地址。")).toBeVisible();
    await expect(page.getByLabel("正确的内容")).toBeFocused();
    await page.getByLabel("正确的内容").fill("zhangwei.new@example.com");

    const evidence = page.getByLabel(/证明材料/);
    await evidence.setInputFiles({ name: "身份证.pdf", mimeType: "application/pdf", buffer: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) });
    await expect(page.locator("#f-evidenceAttachmentIds-error")).toContainText("只能上传 PDF、JPG 或 PNG 文件");
    await evidence.setInputFiles({ name: "身份证.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    await expect(page.getByTestId("f-evidenceAttachmentIds-list")).toContainText("身份证.pdf");

    await page.getByTestId("review-request").click();
    await expect(page.getByTestId("review-summary")).toContainText(`“${patient.email}” 改为 “zhangwei.new@example.com”`);
    await fileFromReview(page);
    await page.getByRole("link", { name: "查看这件申请" }).click();
    await expect(page.getByTestId("scope")).toContainText("zhangwei.new@example.com");
    await expect(page.getByTestId("my-files")).toContainText("身份证.pdf");
  });

  test("deletion on a 375 px phone: a category and single items, a ground, what the law keeps; nothing wider than the screen", async ({
    browser,
  }) => {
    page = await pageWith(browser, state, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    for (const path of ["/requests", "/requests/new"]) {
      await page.goto(path);
      await expectNoHorizontalScroll(page);
    }
    await page.goto("/requests/new/deletion");
    await expectNoHorizontalScroll(page);
    const notice = page.getByTestId("deletion-notice");
    await expect(notice).toContainText("15 年");
    await expect(notice).toContainText("合作药房、物流公司、支付机构");
    await expect(notice).toContainText("备份");
    await expect(page.getByTestId("clause-deletion")).toContainText("在备份更新时删除这些信息");
    await page.getByRole("checkbox", { name: /浏览记录/ }).check();
    const photos = page.getByTestId("items-photos");
    await photos.locator("summary").click();
    await photos.getByRole("checkbox").first().check();
    await page.getByTestId("review-request").click();
    await expect(page.locator("#f-ground-error")).toHaveText("请选择删除的理由。");
    await expect(page.locator('input[value="unlawful_processing"]')).toBeFocused();
    await page.getByRole("radio", { name: /处理目的已实现/ }).check();
    await fillIdentity(page, id());
    await expectAccessible(page, "/requests/new/deletion (375 px)");
    await page.getByTestId("review-request").click();
    await expect(page.getByTestId("review-summary")).toContainText("浏览记录");
    await expect(page.getByTestId("review-summary")).toContainText("舌照、面照：1 条");
    await expectNoHorizontalScroll(page);
    await fileFromReview(page);
    await expectNoHorizontalScroll(page);
    await page.getByRole("link", { name: "查看这件申请" }).click();
    await expect(page.getByTestId("scope")).toContainText("处理目的已实现");
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, "/requests/[ref] (375 px)");
  });

  test("consent: the current consents with their state; withdrawal does not undo past processing", async ({ browser }) => {
    page = await pageWith(browser, state);
    await page.goto("/requests/new/consent");
    await expect(page.getByTestId("clause-consent")).toContainText("不会影响此前基于您的授权而开展的个人信息处理");
    await expect(page.getByTestId("consent-note")).toContainText("不影响此前基于您的授权已经进行的处理");
    const boxes = page.locator('#main input[type="checkbox"]');
    await expect(boxes).toHaveCount(9);
    await expectAccessible(page, "/requests/new/consent");
    // By keyboard only: Space ticks a consent, Enter sends the form and files it.
    const granted = page.locator('#main input[type="checkbox"]:not([disabled])');
    const first = granted.first();
    const label = (await first.locator("xpath=..").locator("strong").textContent())!;
    await first.focus();
    await page.keyboard.press("Space");
    await expect(first).toBeChecked();
    await page.getByTestId("review-request").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "核对您的申请" })).toBeFocused();
    await expect(page.getByTestId("review-summary")).toContainText(label);
    await page.getByTestId("submit-request").focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/submitted$/);
  });

  test("cancellation: preconditions checked, what is deleted and what the law keeps; filed with the identity check", async ({ browser }) => {
    page = await pageWith(browser, state);
    await page.goto("/requests/new/cancellation");
    await expect(page.getByTestId("cancellation-ok")).toBeVisible();
    await expect(page.getByTestId("cancellation-effects")).toContainText("15 年");
    await expect(page.getByTestId("cancellation-effects")).toContainText("3 年");
    await expect(page.getByTestId("clause-cancellation")).toContainText("删除或匿名化处理");
    await expectAccessible(page, "/requests/new/cancellation");
    await fillIdentity(page, id());
    await page.getByTestId("review-request").click();
    await fileFromReview(page);
  });

  test("automated decision: one of the patient's decisions and what they dispute", async ({ browser }) => {
    page = await pageWith(browser, state);
    await page.goto("/requests/new/automated_decision");
    await expect(page.getByTestId("clause-automated_decision")).toContainText("您有权要求我们做出解释");
    await expectAccessible(page, "/requests/new/automated_decision");
    await page.getByTestId("review-request").click();
    await expect(page.locator("#f-decision-error")).toHaveText("请至少选择一项。");
    await page.locator('input[name="decisionId"]').first().check();
    await page.getByLabel(/您希望我们解释什么/).fill("为什么给我推荐这位医生？我要求人工复核。");
    await page.getByTestId("review-request").click();
    await expect(page.getByTestId("review-summary")).toContainText("我要求人工复核");
    await fileFromReview(page);
    await page.getByRole("link", { name: "查看这件申请" }).click();
    await expect(page.getByTestId("scope-description")).toContainText("我要求人工复核");
  });

  test("complaint in English about a closed request: prefilled; bad text refused; markup, emoji and RTL shown as text", async ({ browser }) => {
    page = await pageWith(browser, state);
    page.on("dialog", (d) => {
      throw new Error(`a script ran: ${d.message()}`);
    });
    // A question of this patient's that staff answered: the request to complain about.
    const closedRef = await answeredQuestion(page.request, phone, "我的处方信息会共享给哪些药房？", "只共享给为您配药的合作药房。");
    await page.goto("/requests");
    await page.getByTestId("language-switch").click();
    await expect(page.getByRole("heading", { name: "My requests" })).toBeVisible();
    const closed = page.getByTestId("my-requests").locator(`li[data-ref="${closedRef}"]`);
    await expect(closed).toContainText("Completed");
    await closed.getByRole("link", { name: /View details/ }).click();
    await page.getByTestId("complain-link").click();
    await expect(page).toHaveURL(new RegExp(`/requests/new/complaint\\?about=${closedRef}$`));
    await expect(page.getByLabel("Which request?")).toHaveValue(closedRef);
    await expect(page.getByTestId("clause-complaint")).toContainText("competent court");
    await expectAccessible(page, "/requests/new/complaint (en)");

    const text = page.getByLabel(/Your question or complaint/);
    await text.fill("长".repeat(100_000));
    await page.getByTestId("review-request").click();
    await expect(page.getByText("This is too long. Please shorten it.")).toBeVisible();
    await expect(text).toBeFocused();
    await text.fill("pay \u202Eyllaer");
    await page.getByTestId("review-request").click();
    await expect(page.getByText(/control characters that cannot be stored/)).toBeVisible();

    const hostile = "<script>alert('x')</script><b>bold</b> 😀👍🏽 مرحبا بالعالم";
    await text.fill(hostile);
    await page.getByTestId("review-request").click();
    await expect(page.getByTestId("review-description")).toHaveText(hostile);
    await expect(page.getByTestId("review-summary")).toContainText(`About request ${closedRef}`);
    await fileFromReview(page);
    await page.getByRole("link", { name: "View this request" }).click();
    await expect(page.getByTestId("scope-description")).toHaveText(hostile);
    await expect(page.locator("#main b")).toHaveCount(0);
    await expect(page.getByTestId("scope")).toContainText(closedRef);
  });

  test("acting for someone: relationship, their name and phone, proof uploaded (a disguised one refused)", async ({ browser }) => {
    page = await pageWith(browser, state);
    await page.goto("/requests/new/access");
    await page.getByRole("radio", { name: /近亲属（已故患者）/ }).check();
    await expect(page.getByTestId("clause-close_relative")).toContainText("第四十九条");
    await page.getByRole("radio", { name: /受托代理人/ }).check();
    await expect(page.getByTestId("clause-authorised_agent")).toBeVisible();
    await page.getByRole("checkbox", { name: /问诊记录/ }).check();
    await page.getByTestId("review-request").click();
    await expect(page.getByLabel(/信息主体的姓名/)).toBeFocused();
    await expect(page.locator("#f-proofAttachmentIds-error")).toHaveText("代他人申请需要上传证明材料。");
    await page.getByLabel(/信息主体的姓名/).fill("郑淑芬");
    await page.getByLabel(/信息主体在小鹿中医使用的手机号/).fill("199000001");
    const proof = page.getByLabel(/证明材料/);
    await proof.setInputFiles({ name: "授权委托书.pdf", mimeType: "application/pdf", buffer: EXE });
    await expect(page.locator("#f-proofAttachmentIds-error")).toContainText("只能上传 PDF、JPG 或 PNG 文件");
    await proof.setInputFiles([
      { name: "授权委托书.pdf", mimeType: "application/pdf", buffer: PDF },
      { name: "身份证.pdf", mimeType: "application/pdf", buffer: PDF },
    ]);
    await expect(page.getByTestId("f-proofAttachmentIds-list").locator("li")).toHaveCount(2);
    await page.getByTestId("f-proofAttachmentIds-list").getByRole("button", { name: "移除 身份证.pdf" }).click();
    await expect(page.getByTestId("f-proofAttachmentIds-list").locator("li")).toHaveCount(1);
    await fillIdentity(page, id());
    await page.getByTestId("review-request").click();
    await expect(page.getByText("请输入 11 位中国大陆手机号")).toBeVisible();
    // Each document says what it is; an agent brings the authorisation and their own ID.
    await expect(page.locator("#f-proofAttachmentIds-error")).toContainText("请说明这份材料是什么");
    await page.getByLabel("“授权委托书.pdf”是：").selectOption({ label: "授权委托书" });
    await page.getByTestId("review-request").click();
    await expect(page.locator("#f-proofAttachmentIds-error")).toHaveText("缺少受托人的身份证件，请上传您本人的身份证。");
    await proof.setInputFiles({ name: "身份证.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByLabel("“身份证.pdf”是：").selectOption({ label: "身份证件" });
    const subjectPhone = uniquePhone();
    await page.getByLabel(/信息主体在小鹿中医使用的手机号/).fill(subjectPhone);
    await expectAccessible(page, "acting-for form");
    await page.getByTestId("review-request").click();
    await expect(page.getByTestId("review-summary")).toContainText(`受托代理人：郑淑芬（${subjectPhone.slice(0, 3)}****${subjectPhone.slice(7)}）`);
    await expect(page.getByTestId("review-proofs")).toHaveText("已上传 2 个证明材料 · 授权委托书、身份证件");
    await fileFromReview(page);
    await page.getByRole("link", { name: "查看这件申请" }).click();
    await expect(page.locator(".portal-facts")).toContainText("郑淑芬");
    const link = page.getByTestId("my-files").getByRole("link", { name: /授权委托书\.pdf/ });
    const res = await page.request.get((await link.getAttribute("href"))!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    expect(
      Buffer.from(await res.body())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });
});

test("portability in English, from a new account: a double-click files once, a second identical request points to the first", async ({ page }) => {
  await signInPatient(page, uniquePhone());
  await page.goto("/requests/new/portability");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Transfer my data");
  await expect(page.getByTestId("clause-portability")).toContainText("PIPL Art. 45");
  await expect(page.getByTestId("expected-due")).toContainText(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)/);
  await expectAccessible(page, "/requests/new/portability (en)");
  await page.getByRole("checkbox", { name: /Account information/ }).check();
  await page.getByTestId("review-request").click();
  await expect(page.getByRole("heading", { name: "Check your request" })).toBeFocused();
  await expectAccessible(page, "portability review (en)");
  await page.getByTestId("submit-request").dblclick();
  await expect(page).toHaveURL(/\/submitted$/);
  const ref = (await page.getByTestId("submitted-ref").textContent())!.trim();
  await expect(page.getByTestId("submitted")).toContainText("We will answer by");
  await page.goto("/requests");
  await expect(page.getByTestId("my-requests").locator("li")).toHaveCount(1);

  await page.goto("/requests/new/portability");
  await page.getByRole("checkbox", { name: /Account information/ }).check();
  await page.getByTestId("review-request").click();
  await page.getByTestId("submit-request").click();
  const problem = page.getByTestId("form-problem");
  await expect(problem).toContainText(`You already have an open request with the same content: ${ref}`);
  await problem.getByRole("link", { name: `View request ${ref}` }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${ref}$`));
  await page.goto("/requests");
  await expect(page.getByTestId("my-requests").locator("li")).toHaveCount(1);
});

test("cancellation blocked: an unfinished consultation is named, with what to do, and nothing can be filed", async ({ page }) => {
  const patient = await newPatient(page.request, { blocker: "unfinished_consultation" });
  await signInPatient(page, patient.phone);
  await page.goto("/requests/new/cancellation");
  const blocked = page.getByTestId("cancellation-blocked");
  await expect(blocked).toContainText("您有尚未结束的问诊。");
  await expect(blocked).toContainText("请在小鹿中医 App 中结束问诊");
  await expect(page.getByTestId("review-request")).toBeDisabled();
  await expectAccessible(page, "/requests/new/cancellation (blocked)");
});

test("an account that never did real-name verification closes itself: no real-name fields, filed and verified by the SMS sign-in", async ({
  page,
  browser,
}) => {
  const patient = await newPatient(page.request, { realName: false });
  await signInPatient(page, patient.phone);
  await page.goto("/requests/new/cancellation");
  await expect(page.getByTestId("cancellation-ok")).toBeVisible();
  await expect(page.getByTestId("identity")).toHaveCount(0);
  await page.getByTestId("review-request").click();
  const ref = await fileFromReview(page);
  // Staff see it verified (by the SMS code), so it can be worked like any other.
  const agent = await (await browser.newContext()).newPage();
  await signInNewStaff(agent, "agent");
  await agent.goto(`/queue/${ref}`);
  await expect(agent.getByTestId("verification-status")).toContainText("已核验");
  await expect(agent.getByTestId("verification")).toContainText("短信验证码");
});
