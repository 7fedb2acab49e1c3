import { z } from "zod";

/** One variable per SMS kind: the provider's template code (Alibaba `SMS_…`) or id (Tencent) for it. */
export const SMS_TEMPLATE_VARS = [
  "SMS_TEMPLATE_OTP",
  "SMS_TEMPLATE_REQUEST_RECEIVED",
  "SMS_TEMPLATE_REQUEST_LOGGED",
  "SMS_TEMPLATE_REQUEST_PAUSED",
  "SMS_TEMPLATE_REQUEST_FEE",
  "SMS_TEMPLATE_REQUEST_COMPLETED",
  "SMS_TEMPLATE_REQUEST_REFUSED",
  "SMS_TEMPLATE_REQUEST_REOPENED",
  "SMS_TEMPLATE_ACCOUNT_CANCELLED",
  "SMS_TEMPLATE_REQUEST_MESSAGE",
  "SMS_TEMPLATE_RESULT_READY",
  "SMS_TEMPLATE_REQUEST_WAITING",
] as const;
export type SmsTemplateVar = (typeof SMS_TEMPLATE_VARS)[number];

const emptyAsUnset = (v: unknown) => (v === "" ? undefined : v);

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    /** The tables' owner, for migrations, the seed and the command line; unset: DATABASE_URL (db/app-role.ts). */
    DATABASE_OWNER_URL: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    /** Where staff and manager pages read (a replica); unset: DATABASE_URL, through a pool of its own (db/client.ts getReadDb). */
    DATABASE_READ_URL: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    PGLITE_DIR: z.preprocess(emptyAsUnset, z.string().default(".data/pglite")),
    NEXTAUTH_SECRET: z.preprocess(emptyAsUnset, z.string().min(32, "must be at least 32 characters").optional()),
    NEXTAUTH_URL: z.preprocess(emptyAsUnset, z.url("must be a URL such as http://localhost:3000").optional()),
    PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(65535).default(3000)),
    DEMO_MODE: z.preprocess(emptyAsUnset, z.enum(["0", "1"], "must be 0 or 1").default("0")),
    OTP_PER_IP_PER_HOUR: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1, "must be a whole number ≥ 1").optional()),
    TRUST_PROXY: z.preprocess(emptyAsUnset, z.enum(["0", "1"], "must be 0 or 1").default("0")),
    /** Days a request's proof documents are kept after it closes (DESIGN.md: deleted a set time after closing). */
    PROOF_RETENTION_DAYS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1, "must be a whole number ≥ 1").max(3650).default(30)),
    /** 1: the browser tests' data factories answer at /api/e2e/… (from this machine only). Never in production. */
    E2E_FIXTURES: z.preprocess(emptyAsUnset, z.enum(["0", "1"], "must be 0 or 1").default("0")),
    /** 1: `npm start` runs a job worker in its process (always on the embedded database); 0: `npm run worker` does. */
    JOBS_WORKER: z.preprocess(emptyAsUnset, z.enum(["0", "1"], "must be 0 or 1").default("1")),
    /** How much the JSON logs say: fatal, error, warn, info (default), debug, trace or silent. */
    LOG_LEVEL: z.preprocess(
      emptyAsUnset,
      z
        .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], "must be fatal, error, warn, info, debug, trace or silent")
        .default("info"),
    ),
    /** The bearer token Prometheus scrapes /metrics with; unset: there is no /metrics (404). */
    METRICS_TOKEN: z.preprocess(emptyAsUnset, z.string().min(16, "must be at least 16 characters").optional()),
    /** 0: workers run queued jobs but no schedules (the browser tests, which run each scheduled job themselves). */
    JOBS_SCHEDULES: z.preprocess(emptyAsUnset, z.enum(["0", "1"], "must be 0 or 1").default("1")),
    /** Who delivers SMS: `outbox` (the demo: /dev/outbox), `aliyun` (Alibaba Cloud SMS) or `tencent` (Tencent Cloud SMS). */
    SMS_PROVIDER: z.preprocess(emptyAsUnset, z.enum(["outbox", "aliyun", "tencent"], "must be outbox, aliyun or tencent").default("outbox")),
    /** The provider's AccessKey ID (Alibaba) or SecretId (Tencent), and its secret. */
    SMS_ACCESS_KEY_ID: z.preprocess(emptyAsUnset, z.string().optional()),
    SMS_ACCESS_KEY_SECRET: z.preprocess(emptyAsUnset, z.string().optional()),
    /** The registered signature (签名), e.g. 小鹿中医. */
    SMS_SIGN_NAME: z.preprocess(emptyAsUnset, z.string().optional()),
    /** Tencent: the SMS application's SdkAppId and the API region. */
    SMS_TENCENT_SDK_APP_ID: z.preprocess(emptyAsUnset, z.string().regex(/^\d+$/, "must be the numeric SdkAppId").optional()),
    SMS_TENCENT_REGION: z.preprocess(emptyAsUnset, z.string().default("ap-guangzhou")),
    /** Staff e-mail (reminders, escalations, digests): smtp://user:pass@host:587 or smtps://…; unset: kept in the outbox. */
    SMTP_URL: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .regex(/^smtps?:\/\/\S+$/, "must be an smtp:// or smtps:// URL")
        .optional(),
    ),
    /** The sender of staff e-mail. */
    MAIL_FROM: z.preprocess(emptyAsUnset, z.string().default("小鹿中医个人信息权利中心 <privacy-portal@xiaolu.example>")),
    /** The provider's API host, or an http(s):// URL; unset: the provider's public endpoint. */
    SMS_ENDPOINT: z.preprocess(emptyAsUnset, z.string().optional()),
    ...(Object.fromEntries(SMS_TEMPLATE_VARS.map((name) => [name, z.preprocess(emptyAsUnset, z.string().optional())])) as Record<
      SmsTemplateVar,
      z.ZodPipe<z.ZodTransform<unknown, unknown>, z.ZodOptional<z.ZodString>>
    >),
  })
  .superRefine((e, ctx) => {
    if (e.SMS_PROVIDER === "outbox") return;
    const required = [
      "SMS_ACCESS_KEY_ID",
      "SMS_ACCESS_KEY_SECRET",
      "SMS_SIGN_NAME",
      ...(e.SMS_PROVIDER === "tencent" ? ["SMS_TENCENT_SDK_APP_ID"] : []),
      ...SMS_TEMPLATE_VARS,
    ] as const;
    for (const name of required) {
      if (!e[name as keyof typeof e]) ctx.addIssue({ code: "custom", path: [name], message: `is required when SMS_PROVIDER is ${e.SMS_PROVIDER}` });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

/** Parses the environment; a wrong value becomes one clear line naming the variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? "environment");
  const value = source[name];
  const shown = value === undefined ? "" : /SECRET|KEY|TOKEN/.test(name) ? " (value hidden)" : ` (got "${value}")`;
  throw new EnvError(`Invalid environment: ${name} ${issue.message}${shown}`);
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

export const isDemoMode = () => env().DEMO_MODE === "1";
