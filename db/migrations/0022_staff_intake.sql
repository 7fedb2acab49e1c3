CREATE TYPE "dsr"."request_channel" AS ENUM('portal', 'phone', 'letter', 'email', 'counter');--> statement-breakpoint
ALTER TYPE "dsr"."verification_method" ADD VALUE 'staff_check';--> statement-breakpoint
ALTER TABLE "dsr"."requests" ADD COLUMN "channel" "dsr"."request_channel" DEFAULT 'portal' NOT NULL;--> statement-breakpoint
ALTER TABLE "dsr"."requests" ADD COLUMN "logged_by_id" uuid;--> statement-breakpoint
ALTER TABLE "dsr"."requests" ADD CONSTRAINT "requests_logged_by_id_users_id_fk" FOREIGN KEY ("logged_by_id") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;