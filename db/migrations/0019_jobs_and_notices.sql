CREATE TYPE "dsr"."job_run_outcome" AS ENUM('running', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "dsr"."job_run_trigger" AS ENUM('schedule', 'manual');--> statement-breakpoint
CREATE TYPE "dsr"."notice_kind" AS ENUM('at_risk', 'overdue', 'digest', 'waiting_on_patient');--> statement-breakpoint
ALTER TYPE "dsr"."outbox_channel" ADD VALUE 'email';--> statement-breakpoint
CREATE TABLE "dsr"."job_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"trigger" "dsr"."job_run_trigger" NOT NULL,
	"actor_id" uuid,
	"dry_run" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" "dsr"."job_run_outcome" DEFAULT 'running' NOT NULL,
	"report" jsonb,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "dsr"."notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"request_id" uuid,
	"kind" "dsr"."notice_kind" NOT NULL,
	"once_key" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "dsr"."job_runs" ADD CONSTRAINT "job_runs_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."notices" ADD CONSTRAINT "notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."notices" ADD CONSTRAINT "notices_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "dsr"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_runs_job_started" ON "dsr"."job_runs" USING btree ("job","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notices_once" ON "dsr"."notices" USING btree ("user_id","kind","once_key");--> statement-breakpoint
CREATE INDEX "notices_user_unread" ON "dsr"."notices" USING btree ("user_id","created_at") WHERE read_at is null;--> statement-breakpoint
CREATE INDEX "notices_request" ON "dsr"."notices" USING btree ("request_id");