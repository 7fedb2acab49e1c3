import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testNow } from "@/test/clock";
import { fakeAliyun, fakeTencent, type FakeProvider } from "../testing/fake-providers";
import type { SmsTemplate } from "../sender";
import { aliyunProvider } from "./aliyun";
import { tencentProvider } from "./tencent";
import { SmsProviderError, TEMPLATE_PARAMS } from "./types";

const templates = Object.fromEntries(Object.keys(TEMPLATE_PARAMS).map((k, i) => [k, `SMS_${1000 + i}`])) as Record<SmsTemplate, string>;
const T0 = testNow();
const phone = "19930000001";

let ali: FakeProvider;
let tc: FakeProvider;
beforeAll(async () => {
  ali = await fakeAliyun();
  tc = await fakeTencent();
});
afterAll(async () => {
  await ali.close();
  await tc.close();
});

describe("Alibaba Cloud SMS adapter (against a local server speaking its API)", () => {
  const provider = () =>
    aliyunProvider({ accessKeyId: "LTAI-test", accessKeySecret: "secret", signName: "小鹿中医", templates, endpoint: ali.url, timeoutMs: 300 });

  it("sends the kind's template with the sign name and named parameters, and answers the BizId", async () => {
    const { messageId } = await provider().send({
      phone,
      template: "request_received",
      params: { ref: "DSR-2026-000001", due: "2026年12月11日", extra: "x" },
    });
    const call = ali.calls.at(-1)!;
    expect(call.action).toBe("SendSms");
    expect(call.params).toMatchObject({ PhoneNumbers: phone, SignName: "小鹿中医", TemplateCode: templates.request_received });
    expect(JSON.parse(String(call.params.TemplateParam))).toEqual({ ref: "DSR-2026-000001", due: "2026年12月11日" });
    expect(messageId).toMatch(/\^0$/);
  });

  it("fails with the provider's code when it refuses, answers an error status or does not answer", async () => {
    ali.queue("SendSms", { body: { Code: "isv.BUSINESS_LIMIT_CONTROL", Message: "触发分钟级流控Permits:1", RequestId: "r" } });
    await expect(provider().send({ phone, template: "otp", params: { code: "123456", minutes: "5" } })).rejects.toMatchObject({
      code: "isv.BUSINESS_LIMIT_CONTROL",
    });
    ali.queue("SendSms", {
      status: 400,
      body: { Code: "InvalidAccessKeyId.NotFound", Message: "Specified access key is not found.", RequestId: "r" },
    });
    await expect(provider().send({ phone, template: "otp", params: {} })).rejects.toMatchObject({ code: "InvalidAccessKeyId.NotFound" });
    ali.queue("SendSms", "hang");
    const e = await provider()
      .send({ phone, template: "otp", params: {} })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SmsProviderError);
    expect((e as SmsProviderError).code).toBe("timeout");
  });

  it("reads the delivery report of the day it was sent (Shanghai), delivered, failed or still waiting", async () => {
    const sentAt = new Date("2026-11-19T16:30:00Z"); // 00:30 on 20 November in Shanghai
    expect(await provider().report({ phone, messageId: "900001^0", sentAt })).toEqual({
      state: "delivered",
      at: new Date("2026-11-20T10:00:05+08:00"),
    });
    expect(ali.calls.at(-1)).toMatchObject({ action: "QuerySendDetails", params: { PhoneNumber: phone, BizId: "900001^0", SendDate: "20261120" } });
    const dto = (SendStatus: number, ErrCode: string) => ({
      body: { Code: "OK", Message: "OK", SmsSendDetailDTOs: { SmsSendDetailDTO: [{ SendStatus, ErrCode }] } },
    });
    ali.queue("QuerySendDetails", dto(2, "MK:0001"), dto(1, ""));
    expect(await provider().report({ phone, messageId: "b", sentAt: T0 })).toMatchObject({ state: "undelivered", error: "MK:0001" });
    expect(await provider().report({ phone, messageId: "b", sentAt: T0 })).toEqual({ state: "pending" });
  });
});

describe("Tencent Cloud SMS adapter (against a local server speaking its API)", () => {
  const provider = () =>
    tencentProvider({
      secretId: "AKID-test",
      secretKey: "secret",
      sdkAppId: "1400000001",
      signName: "小鹿中医",
      templates,
      endpoint: tc.url,
      timeoutMs: 300,
    });

  it("sends the kind's template with the sign name, the app id and positional parameters, and answers the SerialNo", async () => {
    const { messageId } = await provider().send({
      phone,
      template: "account_cancelled",
      params: { days: "7", ref: "DSR-2026-000002", link: "https://x/r/abc" },
    });
    const call = tc.calls.at(-1)!;
    expect(call.action).toBe("SendSms");
    expect(call.params).toMatchObject({
      PhoneNumberSet: ["+86" + phone],
      SmsSdkAppId: "1400000001",
      SignName: "小鹿中医",
      TemplateId: templates.account_cancelled,
      TemplateParamSet: ["DSR-2026-000002", "https://x/r/abc", "7"],
    });
    expect(messageId).toMatch(/^serial-/);
  });

  it("fails with the provider's code for an API error, a refused number or no answer", async () => {
    tc.queue("SendSms", {
      body: { Response: { Error: { Code: "FailedOperation.InsufficientBalanceInSmsPackage", Message: "套餐包余量不足" }, RequestId: "r" } },
    });
    await expect(provider().send({ phone, template: "otp", params: {} })).rejects.toMatchObject({
      code: "FailedOperation.InsufficientBalanceInSmsPackage",
    });
    tc.queue("SendSms", {
      body: {
        Response: {
          SendStatusSet: [{ SerialNo: "", Code: "LimitExceeded.PhoneNumberDailyLimit", Message: "单个手机号日下发条数超过上限" }],
          RequestId: "r",
        },
      },
    });
    await expect(provider().send({ phone, template: "otp", params: {} })).rejects.toMatchObject({ code: "LimitExceeded.PhoneNumberDailyLimit" });
    tc.queue("SendSms", "hang");
    await expect(provider().send({ phone, template: "otp", params: {} })).rejects.toMatchObject({ code: "timeout" });
  });

  it("finds the message's report among the number's pulled reports", async () => {
    const sentAt = T0;
    const pull = (set: unknown[]) => ({ body: { Response: { PullSmsSendStatusSet: set, RequestId: "p" } } });
    tc.queue(
      "PullSmsSendStatusByPhoneNumber",
      pull([{ SerialNo: "s-1", ReportStatus: "SUCCESS", Description: "DELIVRD", UserReceiveTime: Math.floor(T0.getTime() / 1000) + 5 }]),
      pull([{ SerialNo: "s-2", ReportStatus: "FAIL", Description: "UNDELIV" }]),
      pull([{ SerialNo: "other", ReportStatus: "SUCCESS" }]),
    );
    expect(await provider().report({ phone, messageId: "s-1", sentAt })).toEqual({
      state: "delivered",
      at: new Date(Math.floor(T0.getTime() / 1000) * 1000 + 5000),
    });
    expect(tc.calls.at(-1)).toMatchObject({
      action: "PullSmsSendStatusByPhoneNumber",
      params: { PhoneNumber: "+86" + phone, SmsSdkAppId: "1400000001" },
    });
    expect(await provider().report({ phone, messageId: "s-2", sentAt })).toMatchObject({ state: "undelivered", error: "UNDELIV" });
    expect(await provider().report({ phone, messageId: "s-3", sentAt })).toEqual({ state: "pending" });
  });
});
