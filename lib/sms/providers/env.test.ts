import { describe, expect, it } from "vitest";
import { parseEnv, SMS_TEMPLATE_VARS } from "@/lib/env";
import { smsProviderFromEnv } from "./index";

const templates = Object.fromEntries(SMS_TEMPLATE_VARS.map((name, i) => [name, `SMS_${100 + i}`]));
const aliyun = { SMS_PROVIDER: "aliyun", SMS_ACCESS_KEY_ID: "LTAI", SMS_ACCESS_KEY_SECRET: "s3cret", SMS_SIGN_NAME: "小鹿中医", ...templates };

function message(source: Record<string, string>) {
  try {
    parseEnv(source);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

describe("SMS provider settings", () => {
  it("default to the demo outbox, which needs nothing", () => {
    expect(parseEnv({}).SMS_PROVIDER).toBe("outbox");
    expect(smsProviderFromEnv(parseEnv({}))).toBeNull();
  });

  it("configure Alibaba Cloud or Tencent Cloud when complete", () => {
    expect(smsProviderFromEnv(parseEnv(aliyun))?.name).toBe("aliyun");
    expect(smsProviderFromEnv(parseEnv({ ...aliyun, SMS_PROVIDER: "tencent", SMS_TENCENT_SDK_APP_ID: "1400000001" }))?.name).toBe("tencent");
  });

  it("stop the start with one line naming the variable that is wrong or missing, never showing a key", () => {
    expect(message({ SMS_PROVIDER: "twilio" })).toBe('Invalid environment: SMS_PROVIDER must be outbox, aliyun or tencent (got "twilio")');
    expect(message({ ...aliyun, SMS_SIGN_NAME: "" })).toMatch(/^Invalid environment: SMS_SIGN_NAME is required when SMS_PROVIDER is aliyun/);
    const withoutOne: Record<string, string> = { ...aliyun };
    delete withoutOne.SMS_TEMPLATE_RESULT_READY;
    expect(message(withoutOne)).toBe("Invalid environment: SMS_TEMPLATE_RESULT_READY is required when SMS_PROVIDER is aliyun");
    expect(message({ ...aliyun, SMS_PROVIDER: "tencent" })).toBe(
      "Invalid environment: SMS_TENCENT_SDK_APP_ID is required when SMS_PROVIDER is tencent",
    );
    expect(message({ ...aliyun, SMS_PROVIDER: "tencent", SMS_TENCENT_SDK_APP_ID: "app-1" })).toMatch(
      /^Invalid environment: SMS_TENCENT_SDK_APP_ID must be the numeric SdkAppId/,
    );
  });
});
