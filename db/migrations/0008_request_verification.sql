CREATE TYPE "dsr"."verification_method" AS ENUM('sms_possession', 'real_name_match', 'document_review');--> statement-breakpoint
CREATE TYPE "dsr"."verification_result" AS ENUM('passed', 'more_needed', 'rejected');--> statement-breakpoint
CREATE TYPE "dsr"."verification_status" AS ENUM('pending', 'verified', 'rejected');--> statement-breakpoint
ALTER TYPE "dsr"."event_kind" ADD VALUE 'verification';--> statement-breakpoint
CREATE TABLE "dsr"."request_verifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"method" "dsr"."verification_method" NOT NULL,
	"result" "dsr"."verification_result" NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dsr"."requests" ADD COLUMN "verification_status" "dsr"."verification_status" DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "dsr"."request_verifications" ADD CONSTRAINT "request_verifications_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "dsr"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."request_verifications" ADD CONSTRAINT "request_verifications_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_verifications_request" ON "dsr"."request_verifications" USING btree ("request_id","decided_at");--> statement-breakpoint
CREATE INDEX "requests_open_verification" ON "dsr"."requests" USING btree ("verification_status","due_at") WHERE status in ('submitted','in_progress','awaiting_requester');--> statement-breakpoint
-- Requests filed before the verification stage: a self-request was filed after an SMS sign-in (possession of the
-- account), plus a real-name match where one was recorded; a request for someone else waits for staff as any new one.
UPDATE "dsr"."requests" SET "verification_status" = 'verified' WHERE "relationship" = 'self';--> statement-breakpoint
INSERT INTO "dsr"."request_verifications" ("request_id", "method", "result", "decided_at")
  SELECT "id", 'sms_possession', 'passed', "received_at" FROM "dsr"."requests" WHERE "relationship" = 'self';--> statement-breakpoint
INSERT INTO "dsr"."request_verifications" ("request_id", "method", "result", "evidence", "decided_at")
  SELECT "id", 'real_name_match', 'passed', '{"checked":["name","id_last4"]}'::jsonb, "identity_verified_at" FROM "dsr"."requests"
  WHERE "identity_verified_at" IS NOT NULL;--> statement-breakpoint
CREATE TRIGGER "request_verifications_append_only" BEFORE UPDATE OR DELETE ON "dsr"."request_verifications"
  FOR EACH ROW EXECUTE FUNCTION "dsr"."refuse_change"();--> statement-breakpoint
CREATE TRIGGER "request_verifications_no_truncate" BEFORE TRUNCATE ON "dsr"."request_verifications"
  FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."refuse_change"();
