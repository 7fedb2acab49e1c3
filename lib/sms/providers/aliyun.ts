import "server-only";
import Dysmsapi, { QuerySendDetailsRequest, SendSmsRequest } from "@alicloud/dysmsapi20170525";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";
import type { SmsTemplate } from "../sender";
import { SmsProviderError, TEMPLATE_PARAMS, withTimeout, type DeliveryReport, type SmsProvider } from "./types";

export type AliyunConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templates: Record<SmsTemplate, string>;
  /** Host (and port) of the API; `dysmsapi.aliyuncs.com` unless set. A URL with `http://` speaks plain HTTP. */
  endpoint?: string;
  timeoutMs?: number;
};

// The SDK is CommonJS: its class is the module's `default`, once or twice wrapped depending on the loader.
const ClientClass = ((Dysmsapi as unknown as { default?: typeof Dysmsapi }).default ?? Dysmsapi) as typeof Dysmsapi;

function providerError(e: unknown): SmsProviderError {
  if (e instanceof SmsProviderError) return e;
  const err = e as { code?: string; data?: { Code?: string }; message?: string };
  return new SmsProviderError(err.data?.Code ?? err.code ?? "error", err.message ?? String(e));
}

/** The Shanghai date of `d` as the API wants it: yyyyMMdd. */
const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll("-", "");

/** Alibaba Cloud SMS (短信服务, API 2017-05-25): SendSms, and QuerySendDetails for the delivery report. */
export function aliyunProvider(config: AliyunConfig): SmsProvider {
  const url = config.endpoint && /^https?:\/\//.test(config.endpoint) ? new URL(config.endpoint) : undefined;
  const client = new ClientClass(
    new $OpenApiUtil.Config({
      accessKeyId: config.accessKeyId,
      accessKeySecret: config.accessKeySecret,
      endpoint: url ? url.host : (config.endpoint ?? "dysmsapi.aliyuncs.com"),
      protocol: url?.protocol === "http:" ? "HTTP" : "HTTPS",
    }),
  );
  const timeoutMs = config.timeoutMs ?? 10_000;
  const runtime = () => new $dara.RuntimeOptions({ connectTimeout: timeoutMs, readTimeout: timeoutMs, autoretry: false });

  return {
    name: "aliyun",
    async send(m) {
      const params = Object.fromEntries(TEMPLATE_PARAMS[m.template].map((k) => [k, m.params[k] ?? ""]));
      try {
        const res = await withTimeout(
          timeoutMs,
          client.sendSmsWithOptions(
            new SendSmsRequest({
              phoneNumbers: m.phone,
              signName: config.signName,
              templateCode: config.templates[m.template],
              templateParam: JSON.stringify(params),
            }),
            runtime(),
          ),
        );
        const body = res.body;
        if (body?.code !== "OK" || !body.bizId) throw new SmsProviderError(body?.code ?? "error", body?.message ?? "no answer");
        return { messageId: body.bizId };
      } catch (e) {
        throw providerError(e);
      }
    },
    async report(sent): Promise<DeliveryReport> {
      try {
        const res = await withTimeout(
          timeoutMs,
          client.querySendDetailsWithOptions(
            new QuerySendDetailsRequest({
              phoneNumber: sent.phone,
              bizId: sent.messageId,
              sendDate: shanghaiDay(sent.sentAt),
              pageSize: 10,
              currentPage: 1,
            }),
            runtime(),
          ),
        );
        if (res.body?.code !== "OK") throw new SmsProviderError(res.body?.code ?? "error", res.body?.message ?? "no answer");
        const detail = res.body.smsSendDetailDTOs?.smsSendDetailDTO?.[0];
        const at = detail?.receiveDate ? new Date(`${detail.receiveDate.replace(" ", "T")}+08:00`) : undefined;
        // sendStatus: 1 waiting for the carrier's receipt, 2 failed, 3 delivered.
        if (detail?.sendStatus === 3) return { state: "delivered", at };
        if (detail?.sendStatus === 2) return { state: "undelivered", error: detail.errCode ?? "failed", at };
        return { state: "pending" };
      } catch (e) {
        throw providerError(e);
      }
    },
  };
}
