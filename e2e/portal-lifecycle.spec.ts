import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { fileActingFor, requestAwaitingAnswer, signInNewStaff, signInPatient, uniquePhone } from "./fixtures";
import { EXE, expectAccessible, fileFromReview, pageWith, PDF, signedInState } from "./portal-helpers";

/** After filing: withdrawing, answering staff, a quoted fee, and what another patient cannot see. */

async function fileGeneralComplaint(page: Page, text: string): Promise<string> {
  await page.goto("/requests/new/complaint");
  await page.getByLabel(/您的问题或投诉/).fill(text);
  await page.getByTestId("review-request").click();
  return fileFromReview(page);
}

let filer: Awaited<ReturnType<typeof signedInState>>;
let prober: Awaited<ReturnType<typeof signedInState>>;
let page: Page;

test.describe("new accounts: one files and follows up, another probes what is not theirs", () => {
  test.describe.configure({ mode: "serial" });
  test.beforeAll(async ({ browser }) => {
    filer = await signedInState(browser, uniquePhone());
    prober = await signedInState(browser, uniquePhone());
  });
  test.afterEach(async () => {
    await page?.context().close();
  });

  test("withdrawing an open request asks first, then closes it and offers a new request, not a complaint", async ({ browser }) => {
    page = await pageWith(browser, filer);
    const ref = await fileGeneralComplaint(page, "想咨询一下你们把我的处方信息共享给了哪些药房。");
    await page.goto(`/requests/${ref}`);
    const withdraw = page.getByTestId("withdraw");
    await withdraw.getByRole("button", { name: "撤回申请" }).click();
    await expect(withdraw.getByRole("alertdialog")).toContainText(`确定要撤回申请 ${ref} 吗？`);
    await expectAccessible(page, "withdraw confirmation");
    await withdraw.getByRole("button", { name: "取消" }).click();
    await expect(page.getByTestId("request-status")).toHaveText("已提交");
    await withdraw.getByRole("button", { name: "撤回申请" }).click();
    await withdraw.getByRole("button", { name: "确定撤回" }).click();
    await expect(page.getByTestId("request-status")).toHaveText("已撤回");
    await expect(page.getByTestId("withdraw")).toHaveCount(0);
    await expect(page.getByTestId("timeline")).toContainText("状态：已提交 → 已撤回");
    await expect(page.getByTestId("file-new")).toBeVisible();
    await expect(page.getByTestId("complain-link")).toHaveCount(0);
  });

  test("the upload route checks size, type from the bytes, purpose, sign-in and origin", async ({ browser, playwright, baseURL }) => {
    page = await pageWith(browser, filer);
    const post = (name: string, body: Buffer, purpose = "proof", headers: Record<string, string> = {}) =>
      page.request.post(`/api/uploads?purpose=${purpose}&name=${encodeURIComponent(name)}`, {
        data: body,
        headers: { "content-type": "application/octet-stream", ...headers },
      });
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    PDF.copy(big);
    const tooBig = await post("big.pdf", big);
    expect(tooBig.status()).toBe(413);
    expect(await tooBig.json()).toEqual({ error: "upload_too_large" });
    const exe = await post("invoice.pdf", EXE);
    expect(exe.status()).toBe(415);
    expect(await exe.json()).toEqual({ error: "upload_type" });
    expect((await post("a.pdf", PDF, "result")).status()).toBe(400);
    expect((await post("a.pdf", PDF, "proof", { "sec-fetch-site": "cross-site" })).status()).toBe(403);
    const ok = await post("委托书.pdf", PDF);
    expect(ok.status()).toBe(201);
    expect(await ok.json()).toMatchObject({ filename: "委托书.pdf", contentType: "application/pdf", sizeBytes: PDF.length });
    const anonymous = await playwright.request.newContext({ baseURL });
    expect((await anonymous.post("/api/uploads?purpose=proof&name=a.pdf", { data: PDF })).status()).toBe(401);
    await anonymous.dispose();
  });

  test("a proof document uploaded by a new account: readable by the uploader and by staff, never by another patient", async ({ browser }) => {
    page = await pageWith(browser, filer);
    await page.goto("/requests/new/complaint");
    await page.getByRole("radio", { name: /受托代理人/ }).check();
    await page.getByLabel(/信息主体的姓名/).fill("郑淑芬");
    const subjectPhone = uniquePhone();
    await page.getByLabel(/信息主体在小鹿中医使用的手机号/).fill(subjectPhone);
    await page.getByLabel(/证明材料/).setInputFiles([
      { name: "授权委托书.pdf", mimeType: "application/pdf", buffer: PDF },
      { name: "身份证.pdf", mimeType: "application/pdf", buffer: PDF },
    ]);
    await expect(page.getByTestId("f-proofAttachmentIds-list")).toContainText("授权委托书.pdf");
    await page.getByLabel("“授权委托书.pdf”是：").selectOption({ label: "授权委托书" });
    await page.getByLabel("“身份证.pdf”是：").selectOption({ label: "身份证件" });
    await page.getByLabel(/您的问题或投诉/).fill("受母亲委托咨询个人信息的处理情况。");
    // A new account has no real-name record to compare: it is not asked for one (staff review the proofs instead).
    await expect(page.getByTestId("identity")).toHaveCount(0);
    await page.getByTestId("review-request").click();
    await expect(page.getByTestId("review-summary")).toContainText(`受托代理人：郑淑芬（${subjectPhone.slice(0, 3)}****${subjectPhone.slice(7)}）`);
    const ref = await fileFromReview(page);
    await page.goto(`/requests/${ref}`);
    const href = (await page
      .getByTestId("my-files")
      .getByRole("link", { name: /授权委托书\.pdf/ })
      .getAttribute("href"))!;
    expect((await page.request.get(href)).status()).toBe(200);

    const staff = await browser.newContext();
    const s = await staff.newPage();
    await signInNewStaff(s);
    const res = await s.request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-disposition"]).toContain("attachment");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    await staff.close();

    const b = await pageWith(browser, prober);
    expect((await b.request.get(href)).status()).toBe(404);
    expect((await b.goto(`/requests/${ref}`))!.status()).toBe(404);
    await b.context().close();
  });

  test("a question asked on the staff request page reaches the patient; the answer resumes the clock; internal notes never show", async ({
    browser,
  }) => {
    page = await pageWith(browser, filer);
    const ref = await fileGeneralComplaint(page, "我没有同意却收到了营销短信，请核查。");

    const staff = await browser.newContext();
    const s = await staff.newPage();
    await signInNewStaff(s);
    await s.goto(`/queue/${ref}`);
    await s.getByTestId("claim-form").getByRole("button").click();
    const pause = s.getByTestId("pause-form");
    await expect(pause).toBeVisible();
    await pause.getByLabel("暂停原因").selectOption("clarification");
    await pause.getByLabel("发给申请人的问题").fill("请告诉我们收到营销短信的日期和发送号码。");
    await pause.getByRole("button", { name: "发送问题并暂停" }).click();
    await expect(s.getByTestId("pause-form")).toHaveCount(0);
    const note = s.getByTestId("note-form");
    await note.getByLabel("备注").fill("内部备注：疑似运营商群发，先查短信平台日志");
    await note.getByRole("button", { name: "添加备注" }).click();
    await expect(s.getByText("内部备注：疑似运营商群发，先查短信平台日志")).toBeVisible();

    await page.goto(`/requests/${ref}`);
    await expect(page.getByTestId("request-status")).toHaveText("等待您的回复");
    await expect(page.getByTestId("staff-question")).toHaveText("请告诉我们收到营销短信的日期和发送号码。");
    await expect(page.locator("body")).not.toContainText("疑似运营商群发");
    await expect(page.getByTestId("timeline")).toContainText("计时暂停：需要补充说明");
    const answer = page.getByTestId("reply-answer");
    await answer.getByLabel("您的回复").fill("10 月 8 日上午，号码 1069xxxx。");
    await answer.getByRole("button", { name: "发送回复" }).click();
    await expect(page.getByTestId("request-status")).toHaveText("处理中");
    await expect(page.getByTestId("timeline")).toContainText("计时恢复");
    await expect(page.locator("body")).not.toContainText("疑似运营商群发");

    await s.reload();
    await expect(s.locator("body")).toContainText("10 月 8 日上午，号码 1069xxxx。");
    await staff.close();
  });

  test("another patient gets 404 for a request, its confirmation, its files and downloads, by reference or id", async ({ browser }) => {
    // Patient A (the filer) acts for someone, so the request carries a proof document.
    page = await pageWith(browser, filer);
    const ref = await fileActingFor(page, { name: "授权委托书.pdf", body: PDF });
    await page.goto(`/requests/${ref}`);
    const fileHref = await page.getByTestId("my-files").getByRole("link").first().getAttribute("href");
    expect(fileHref).toBeTruthy();
    expect((await page.request.get(fileHref!)).status()).toBe(200);
    const fileId = fileHref!.split("/").pop()!;

    // Patient B, in another browser context.
    const b = await pageWith(browser, prober);
    for (const path of [`/requests/${ref}`, `/requests/${ref}/submitted`, `/requests/${ref.replace(/\d$/, (d) => String((Number(d) + 1) % 10))}`]) {
      const res = await b.goto(path);
      expect(res!.status(), path).toBe(404);
      await expect(b.getByRole("heading", { name: "页面不存在" })).toBeVisible();
    }
    await expectAccessible(b, "404 page");
    expect((await b.request.get(fileHref!)).status()).toBe(404);
    expect((await b.request.get(`/api/attachments/${fileId}?exp=9999999999&sig=${"A".repeat(43)}`)).status()).toBe(404);
    expect((await b.request.get(`/api/attachments/${crypto.randomUUID()}`)).status()).toBe(404);
    expect((await b.request.get("/api/attachments/..%2F..%2Fetc%2Fpasswd")).status()).toBe(404);
    expect((await b.request.delete(`/api/uploads/${fileId}`)).status()).toBe(404);
    // Acting on A's request: not found, nothing changes.
    const complaint = await b.request.post("/api/requests", {
      data: { type: "complaint", idempotencyKey: crypto.randomUUID(), relatedRequestRef: ref, description: "不是我的申请" },
    });
    expect(complaint.status()).toBe(422);
    expect((await complaint.json()).error).toBe("not_yours");
    // A complaint form prefilled with A's reference ignores it.
    await b.goto(`/requests/new/complaint?about=${ref}`);
    await expect(b.getByRole("radio", { name: "一般的个人信息保护问题或投诉" })).toBeChecked();
    await b.context().close();

    // A still sees it all.
    expect((await page.request.get(fileHref!)).status()).toBe(200);
  });
});

test("answering a question from staff resumes the paused clock (the request waits on the patient)", async ({ page }) => {
  const { phone, ref } = await requestAwaitingAnswer(page.request, "请说明要删除哪一次问诊的照片。");
  await signInPatient(page, phone);
  await page.goto("/requests");
  const waiting = page.getByTestId("my-requests").locator(`li[data-ref="${ref}"]`);
  await expect(waiting.getByTestId("action-needed-badge")).toBeVisible();
  await page.goto(`/requests/${ref}`);
  const action = page.getByTestId("action-needed");
  await expect(action).toContainText("在您回复之前，答复期限暂停计算");
  await expect(page.getByTestId("staff-question")).not.toBeEmpty();
  await expect(page.getByTestId("request-due")).toContainText("计时已暂停");
  await expectAccessible(page, "request awaiting the patient");
  const form = page.getByTestId("reply-answer");
  await form.getByRole("button", { name: "发送回复" }).click();
  await expect(form.getByText("请填写此项。")).toBeVisible();
  await expect(form.getByLabel("您的回复")).toBeFocused();
  await form.getByLabel("您的回复").fill("要删除的是 9 月那次问诊的舌照，清单见附件。");
  await form.getByLabel(/附件/).setInputFiles({ name: "清单.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(form.getByTestId("reply-answer-files-list")).toContainText("清单.pdf");
  await form.getByRole("button", { name: "发送回复" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("处理中");
  await expect(page.getByTestId("action-needed")).toHaveCount(0);
  await expect(page.getByTestId("timeline")).toContainText("计时恢复");
  const mine = page.getByTestId("thread").getByTestId("message").last();
  await expect(mine).toContainText("要删除的是 9 月那次问诊的舌照");
  await expect(mine).toContainText("清单.pdf");
  await expect(page.getByTestId("request-due")).not.toContainText("计时已暂停");
});

/**
 * A patient's second access request within 12 months (flagged as a repeat, §8.7) and an agent who claimed it and
 * quoted a cost fee with how to pay. The first request, not a repeat, offers staff no fee at all.
 */
async function quotedRepeat(page: Page, browser: Browser): Promise<string> {
  await signInPatient(page, uniquePhone());
  const file = async (categories: string[]) => {
    const filed = await page.request.post("/api/requests", {
      data: { type: "access", categories, idempotencyKey: randomUUID() },
      headers: { "accept-language": "zh-CN" },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    return ((await filed.json()) as { ref: string }).ref;
  };
  const first = await file(["account"]);
  const ref = await file(["orders"]);
  // Staff quote the fee (their form is staff specs' subject); the patient's answer is this test's.
  const agent = await (await browser.newContext()).newPage();
  await signInNewStaff(agent);
  await agent.goto(`/queue/${first}`);
  await agent.getByTestId("claim-form").getByRole("button", { name: "认领" }).click();
  await expect(agent.getByTestId("request-status")).toContainText("处理中");
  await expect(agent.getByTestId("fee-form")).toHaveCount(0);
  await agent.goto(`/queue/${ref}`);
  await agent.getByTestId("claim-form").getByRole("button", { name: "认领" }).click();
  const fee = agent.getByTestId("fee-form");
  await fee.getByLabel("金额（元）").fill("30");
  await fee.getByLabel("收费理由").fill("12 个月内第二次申请同类信息");
  await fee.getByLabel(/付款方式/).fill("请在小鹿中医 App“我的 › 订单”中支付");
  await fee.getByRole("button", { name: "发送报价" }).click();
  await expect(agent.getByTestId("request-status")).toContainText("待申请人回复");
  await agent.context().close();
  return ref;
}

test("a quoted fee: the patient sees how to pay, accepts, and the request goes on", async ({ page, browser }) => {
  const ref = await quotedRepeat(page, browser);
  await page.goto(`/requests/${ref}`);
  await expect(page.getByTestId("fee")).toContainText("成本费用 ¥30");
  await expect(page.getByTestId("fee-payment")).toContainText("“我的 › 订单”中支付");
  await expectAccessible(page, "fee decision");
  await page.getByRole("button", { name: "接受费用，继续办理" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("处理中");
  await expect(page.getByTestId("timeline")).toContainText("您接受了费用");
  await expect(page.getByTestId("payment")).toContainText("“我的 › 订单”中支付");
});

test("a declined fee ends the request as refused, with the reasons and how to complain", async ({ page, browser }) => {
  const ref = await quotedRepeat(page, browser);
  await page.goto(`/requests/${ref}`);
  await page.getByTestId("fee-answer").getByRole("button", { name: "不接受费用" }).click();
  const confirm = page.getByTestId("fee-answer").getByRole("alertdialog");
  await expect(confirm).toContainText("按“拒绝”结束");
  await confirm.getByRole("button", { name: "不接受费用" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("已拒绝");
  const refused = page.getByTestId("refused");
  await expect(refused).toContainText("重复请求的成本费用未被接受");
  await expect(refused).toContainText("《个人信息保护法》第五十条");
  const letter = page.getByTestId("thread").getByTestId("message").last();
  await expect(letter).toContainText("400-606-6636");
  await expect(page.getByTestId("complain-link")).toBeVisible();
  await expectAccessible(page, "fee declined");
});
