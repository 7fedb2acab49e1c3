import "server-only";
import * as tencentcloud from "tencentcloud-sdk-nodejs-sms";
import type { SmsTemplate } from "../sender";
import { e164, SmsProviderError, TEMPLATE_PARAMS, withTimeout, type DeliveryReport, type SmsProvider } from "./types";

export type TencentConfig = {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  templates: Record<SmsTemplate, string>;
  region?: string;
  /** Host of the API; `sms.tencentcloudapi.com` unless set. A URL with `http://` speaks plain HTTP. */
  endpoint?: string;
  timeoutMs?: number;
};

type SmsClient = InstanceType<typeof tencentcloud.sms.v20210111.Client>;

function providerError(e: unknown): SmsProviderError {
  if (e instanceof SmsProviderError) return e;
  const err = e as { code?: string; message?: string };
  return new SmsProviderError(err.code || "error", err.message ?? String(e));
}

/** Tencent Cloud SMS (API 2021-01-11): SendSms, and PullSmsSendStatusByPhoneNumber for the delivery report. */
export function tencentProvider(config: TencentConfig): SmsProvider {
  const url = config.endpoint && /^https?:\/\//.test(config.endpoint) ? new URL(config.endpoint) : undefined;
  const timeoutMs = config.timeoutMs ?? 10_000;
  const client: SmsClient = new tencentcloud.sms.v20210111.Client({
    credential: { secretId: config.secretId, secretKey: config.secretKey },
    region: config.region ?? "ap-guangzhou",
    profile: {
      httpProfile: {
        endpoint: url ? url.host : (config.endpoint ?? "sms.tencentcloudapi.com"),
        protocol: url?.protocol === "http:" ? "http://" : "https://",
        reqTimeout: Math.ceil(timeoutMs / 1000),
      },
    },
  });

  return {
    name: "tencent",
    async send(m) {
      try {
        const res = await withTimeout(
          timeoutMs,
          client.SendSms({
            PhoneNumberSet: [e164(m.phone)],
            SmsSdkAppId: config.sdkAppId,
            SignName: config.signName,
            TemplateId: config.templates[m.template],
            TemplateParamSet: TEMPLATE_PARAMS[m.template].map((k) => m.params[k] ?? ""),
          }),
        );
        const status = res.SendStatusSet?.[0];
        if (!status || status.Code !== "Ok" || !status.SerialNo) throw new SmsProviderError(status?.Code ?? "error", status?.Message ?? "no answer");
        return { messageId: status.SerialNo };
      } catch (e) {
        throw providerError(e);
      }
    },
    async report(sent): Promise<DeliveryReport> {
      try {
        const res = await withTimeout(
          timeoutMs,
          client.PullSmsSendStatusByPhoneNumber({
            BeginTime: Math.floor(sent.sentAt.getTime() / 1000) - 60,
            Offset: 0,
            Limit: 100,
            PhoneNumber: e164(sent.phone),
            SmsSdkAppId: config.sdkAppId,
          }),
        );
        const r = res.PullSmsSendStatusSet?.find((s) => s.SerialNo === sent.messageId);
        if (!r) return { state: "pending" };
        const at = r.UserReceiveTime ? new Date(r.UserReceiveTime * 1000) : undefined;
        if (r.ReportStatus === "SUCCESS") return { state: "delivered", at };
        return { state: "undelivered", error: r.Description || r.ReportStatus || "FAIL", at };
      } catch (e) {
        throw providerError(e);
      }
    },
  };
}
