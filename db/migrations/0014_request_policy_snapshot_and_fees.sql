ALTER TYPE "dsr"."refusal_reason" ADD VALUE 'repeat_fee_declined';--> statement-breakpoint
ALTER TABLE "dsr"."requests" ADD COLUMN "policy_target_working_days" integer;--> statement-breakpoint
ALTER TABLE "dsr"."requests" ADD COLUMN "policy_due_working_days" integer;--> statement-breakpoint
ALTER TABLE "dsr"."requests" ADD COLUMN "fee_payment" text;--> statement-breakpoint
-- Requests filed before each kept its policy: the policy in force now (the admin's row, else the default of
-- lib/sla/policies.ts), which is the one their dates were last computed with.
UPDATE "dsr"."requests" AS r SET
  "policy_target_working_days" = coalesce(p."target_working_days", CASE WHEN r."type" IN ('access', 'portability', 'complaint') THEN 10 ELSE 5 END),
  "policy_due_working_days" = coalesce(p."due_working_days", CASE WHEN r."type" IN ('access', 'portability', 'complaint') THEN 15 ELSE 7 END)
FROM (SELECT t::"dsr"."request_type" AS "type" FROM unnest(enum_range(NULL::"dsr"."request_type")) AS t) AS k
LEFT JOIN "dsr"."sla_policies" AS p ON p."type" = k."type"
WHERE r."type" = k."type" AND r."policy_due_working_days" IS NULL;
