CREATE TABLE "dsr"."identity_checks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"matched" boolean NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dsr"."reply_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" "dsr"."request_type" NOT NULL,
	"locale" text NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "dsr"."requests" ADD COLUMN "refusal_explanation" text;--> statement-breakpoint
ALTER TABLE "dsr"."requests" ADD COLUMN "resume_status" "dsr"."request_status";--> statement-breakpoint
ALTER TABLE "dsr"."identity_checks" ADD CONSTRAINT "identity_checks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."reply_templates" ADD CONSTRAINT "reply_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "identity_checks_user_time" ON "dsr"."identity_checks" USING btree ("user_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reply_templates_type_locale_key" ON "dsr"."reply_templates" USING btree ("type","locale","key");