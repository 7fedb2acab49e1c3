import "server-only";
import { SMS_TEMPLATE_VARS, type Env } from "@/lib/env";
import type { SmsTemplate } from "../sender";
import { aliyunProvider } from "./aliyun";
import { tencentProvider } from "./tencent";
import type { SmsProvider } from "./types";

/** The template code of each SMS kind, from SMS_TEMPLATE_<KIND> (lib/env validated that each is set). */
function templates(env: Env): Record<SmsTemplate, string> {
  return Object.fromEntries(SMS_TEMPLATE_VARS.map((name) => [name.slice("SMS_TEMPLATE_".length).toLowerCase(), env[name] ?? ""])) as Record<
    SmsTemplate,
    string
  >;
}

/** The provider SMS_PROVIDER names, configured from the environment; null for the demo outbox. */
export function smsProviderFromEnv(env: Env): SmsProvider | null {
  if (env.SMS_PROVIDER === "aliyun") {
    return aliyunProvider({
      accessKeyId: env.SMS_ACCESS_KEY_ID!,
      accessKeySecret: env.SMS_ACCESS_KEY_SECRET!,
      signName: env.SMS_SIGN_NAME!,
      templates: templates(env),
      endpoint: env.SMS_ENDPOINT,
    });
  }
  if (env.SMS_PROVIDER === "tencent") {
    return tencentProvider({
      secretId: env.SMS_ACCESS_KEY_ID!,
      secretKey: env.SMS_ACCESS_KEY_SECRET!,
      sdkAppId: env.SMS_TENCENT_SDK_APP_ID!,
      signName: env.SMS_SIGN_NAME!,
      templates: templates(env),
      region: env.SMS_TENCENT_REGION,
      endpoint: env.SMS_ENDPOINT,
    });
  }
  return null;
}
