ALTER TABLE "dsr"."users" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "dsr"."users" DROP COLUMN "locked_until";