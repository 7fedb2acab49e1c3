import { z } from "zod";

const emptyAsUnset = (v: unknown) => (v === "" ? undefined : v);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess(
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
  /** 1: the browser tests' data factories answer at /api/e2e/… (from this machine only). Never in production. */
  E2E_FIXTURES: z.preprocess(emptyAsUnset, z.enum(["0", "1"], "must be 0 or 1").default("0")),
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
  const shown = value === undefined ? "" : name.includes("SECRET") ? " (value hidden)" : ` (got "${value}")`;
  throw new EnvError(`Invalid environment: ${name} ${issue.message}${shown}`);
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

export const isDemoMode = () => env().DEMO_MODE === "1";
