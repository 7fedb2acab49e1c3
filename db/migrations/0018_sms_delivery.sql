ALTER TABLE "dsr"."outbox" ADD COLUMN "provider" text;--> statement-breakpoint
ALTER TABLE "dsr"."outbox" ADD COLUMN "provider_message_id" text;--> statement-breakpoint
ALTER TABLE "dsr"."outbox" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "dsr"."outbox" ADD COLUMN "delivery" text;--> statement-breakpoint
ALTER TABLE "dsr"."outbox" ADD COLUMN "delivered_at" timestamp with time zone;