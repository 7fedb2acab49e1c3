CREATE SCHEMA "dsr";
--> statement-breakpoint
CREATE SCHEMA "platform";
--> statement-breakpoint
CREATE TYPE "dsr"."attachment_purpose" AS ENUM('proof', 'evidence', 'message', 'result');--> statement-breakpoint
CREATE TYPE "dsr"."calendar_day_kind" AS ENUM('holiday', 'makeup_workday');--> statement-breakpoint
CREATE TYPE "dsr"."event_kind" AS ENUM('submitted', 'status_changed', 'assigned', 'paused', 'resumed', 'message', 'note', 'fee_quoted', 'fee_answered', 'deadline_recomputed', 'reopened', 'fulfilment_step');--> statement-breakpoint
CREATE TYPE "dsr"."outbox_channel" AS ENUM('sms', 'portal', 'recipient_notice');--> statement-breakpoint
CREATE TYPE "dsr"."outbox_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "dsr"."pause_reason" AS ENUM('identity', 'clarification', 'fee');--> statement-breakpoint
CREATE TYPE "dsr"."refusal_reason" AS ENUM('unreasonably_repeated', 'excessive_technical_means', 'risks_others_rights', 'impractical', 'national_security', 'public_safety_health', 'criminal_investigation', 'malice_or_abuse', 'serious_harm', 'trade_secret', 'identity_not_verified', 'legal_retention');--> statement-breakpoint
CREATE TYPE "dsr"."relationship" AS ENUM('self', 'guardian', 'close_relative', 'authorised_agent');--> statement-breakpoint
CREATE TYPE "dsr"."request_outcome" AS ENUM('fulfilled', 'partially_fulfilled');--> statement-breakpoint
CREATE TYPE "dsr"."request_status" AS ENUM('submitted', 'in_progress', 'awaiting_requester', 'completed', 'refused', 'withdrawn');--> statement-breakpoint
CREATE TYPE "dsr"."request_type" AS ENUM('access', 'portability', 'correction', 'deletion', 'consent', 'cancellation', 'automated_decision', 'complaint');--> statement-breakpoint
CREATE TYPE "dsr"."role" AS ENUM('patient', 'agent', 'manager', 'admin');--> statement-breakpoint
CREATE TYPE "platform"."account_status" AS ENUM('active', 'cancelled');--> statement-breakpoint
CREATE TABLE "dsr"."otp_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"code_hash" text NOT NULL,
	"ip" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dsr"."sign_in_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ip" text NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dsr"."users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"role" "dsr"."role" NOT NULL,
	"phone" text,
	"email" text,
	"display_name" text DEFAULT '' NOT NULL,
	"password_hash" text,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"session_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dsr"."attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid,
	"message_id" uuid,
	"uploader_id" uuid NOT NULL,
	"purpose" "dsr"."attachment_purpose" NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dsr"."messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"internal" boolean DEFAULT false NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dsr"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" "dsr"."outbox_channel" NOT NULL,
	"recipient" text NOT NULL,
	"template" text NOT NULL,
	"body" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"request_id" uuid,
	"status" "dsr"."outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dsr"."request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" "dsr"."event_kind" NOT NULL,
	"from_status" "dsr"."request_status",
	"to_status" "dsr"."request_status",
	"actor_id" uuid,
	"reason" text,
	"public" boolean DEFAULT true NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dsr"."requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"type" "dsr"."request_type" NOT NULL,
	"status" "dsr"."request_status" DEFAULT 'submitted' NOT NULL,
	"outcome" "dsr"."request_outcome",
	"requester_id" uuid NOT NULL,
	"relationship" "dsr"."relationship" DEFAULT 'self' NOT NULL,
	"subject_name" text DEFAULT '' NOT NULL,
	"subject_phone" text NOT NULL,
	"subject_account_id" uuid,
	"scope" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"target_date" date NOT NULL,
	"due_date" date NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"paused_at" timestamp with time zone,
	"pause_reason" "dsr"."pause_reason",
	"paused_working_days" integer DEFAULT 0 NOT NULL,
	"assignee_id" uuid,
	"is_repeat" boolean DEFAULT false NOT NULL,
	"identity_verified_at" timestamp with time zone,
	"fee_amount" numeric(10, 2),
	"fee_reason" text,
	"fee_status" text,
	"refusal_reason" "dsr"."refusal_reason",
	"closed_at" timestamp with time zone,
	"idempotency_key" text,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "requests_ref_unique" UNIQUE("ref")
);
--> statement-breakpoint
CREATE TABLE "dsr"."audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"request_id" uuid,
	"entity" text NOT NULL,
	"entity_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dsr"."calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"is_working_day" boolean NOT NULL,
	"kind" "dsr"."calendar_day_kind" NOT NULL,
	"name" text NOT NULL,
	"notice" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dsr"."calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"notice" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" uuid
);
--> statement-breakpoint
CREATE TABLE "dsr"."sla_policies" (
	"type" "dsr"."request_type" PRIMARY KEY NOT NULL,
	"target_working_days" integer NOT NULL,
	"due_working_days" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "platform"."accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phone" text,
	"nickname" text NOT NULL,
	"gender" text,
	"birth_date" date,
	"email" text,
	"balance_cents" integer DEFAULT 0 NOT NULL,
	"status" "platform"."account_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "platform"."addresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"recipient_name" text NOT NULL,
	"phone" text NOT NULL,
	"province" text NOT NULL,
	"city" text NOT NULL,
	"district" text NOT NULL,
	"detail" text NOT NULL,
	"postal_code" text,
	"is_default" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform"."appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid,
	"doctor_name" text NOT NULL,
	"department" text NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"restricted_at" timestamp with time zone,
	"deletable_after" date
);
--> statement-breakpoint
CREATE TABLE "platform"."automated_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"outcome" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform"."bank_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"bank_name" text NOT NULL,
	"card_type" text NOT NULL,
	"masked_number" text NOT NULL,
	"bound_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform"."browsing_logs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid,
	"page" text NOT NULL,
	"ip" text NOT NULL,
	"user_agent" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform"."consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"key" text NOT NULL,
	"granted" boolean NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform"."consultation_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"restricted_at" timestamp with time zone,
	"deletable_after" date
);
--> statement-breakpoint
CREATE TABLE "platform"."consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid,
	"doctor_name" text NOT NULL,
	"department" text NOT NULL,
	"status" text NOT NULL,
	"chief_complaint" text NOT NULL,
	"diagnosis" text,
	"transcript" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"restricted_at" timestamp with time zone,
	"deletable_after" date
);
--> statement-breakpoint
CREATE TABLE "platform"."orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid,
	"prescription_id" uuid,
	"address_id" uuid,
	"status" text NOT NULL,
	"total_cents" integer NOT NULL,
	"pharmacy" text NOT NULL,
	"logistics_company" text,
	"payment_provider" text,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"restricted_at" timestamp with time zone,
	"deletable_after" date
);
--> statement-breakpoint
CREATE TABLE "platform"."prescriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid,
	"consultation_id" uuid,
	"doctor_name" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"herbs" jsonb NOT NULL,
	"doses" integer NOT NULL,
	"instructions" text NOT NULL,
	"restricted_at" timestamp with time zone,
	"deletable_after" date
);
--> statement-breakpoint
CREATE TABLE "platform"."real_name_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"real_name" text NOT NULL,
	"id_type" text DEFAULT 'resident_id' NOT NULL,
	"id_number" text NOT NULL,
	"verified_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dsr"."attachments" ADD CONSTRAINT "attachments_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "dsr"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."attachments" ADD CONSTRAINT "attachments_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "dsr"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."attachments" ADD CONSTRAINT "attachments_uploader_id_users_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."messages" ADD CONSTRAINT "messages_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "dsr"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."messages" ADD CONSTRAINT "messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."outbox" ADD CONSTRAINT "outbox_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "dsr"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."request_events" ADD CONSTRAINT "request_events_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "dsr"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."request_events" ADD CONSTRAINT "request_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."requests" ADD CONSTRAINT "requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."requests" ADD CONSTRAINT "requests_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."calendar_years" ADD CONSTRAINT "calendar_years_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."sla_policies" ADD CONSTRAINT "sla_policies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."addresses" ADD CONSTRAINT "addresses_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "platform"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."appointments" ADD CONSTRAINT "appointments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "platform"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."automated_decisions" ADD CONSTRAINT "automated_decisions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "platform"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."bank_cards" ADD CONSTRAINT "bank_cards_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "platform"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."browsing_logs" ADD CONSTRAINT "browsing_logs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "platform"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."consents" ADD CONSTRAINT "consents_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "platform"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."consultation_photos" ADD CONSTRAINT "consultation_photos_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "platform"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."consultations" ADD CONSTRAINT "consultations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "platform"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."orders" ADD CONSTRAINT "orders_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "platform"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."orders" ADD CONSTRAINT "orders_prescription_id_prescriptions_id_fk" FOREIGN KEY ("prescription_id") REFERENCES "platform"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."orders" ADD CONSTRAINT "orders_address_id_addresses_id_fk" FOREIGN KEY ("address_id") REFERENCES "platform"."addresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."prescriptions" ADD CONSTRAINT "prescriptions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "platform"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."prescriptions" ADD CONSTRAINT "prescriptions_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "platform"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."real_name_verifications" ADD CONSTRAINT "real_name_verifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "platform"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "otp_codes_phone_created" ON "dsr"."otp_codes" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "otp_codes_ip_created" ON "dsr"."otp_codes" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_ip_time" ON "dsr"."sign_in_failures" USING btree ("ip","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_unique" ON "dsr"."users" USING btree ("phone") WHERE "dsr"."users"."phone" is not null and "dsr"."users"."disabled_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "dsr"."users" USING btree ("email") WHERE "dsr"."users"."email" is not null;--> statement-breakpoint
CREATE INDEX "users_role" ON "dsr"."users" USING btree ("role");--> statement-breakpoint
CREATE INDEX "attachments_request" ON "dsr"."attachments" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "attachments_uploader" ON "dsr"."attachments" USING btree ("uploader_id");--> statement-breakpoint
CREATE INDEX "messages_request_time" ON "dsr"."messages" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_pending" ON "dsr"."outbox" USING btree ("created_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_created" ON "dsr"."outbox" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "outbox_recipient" ON "dsr"."outbox" USING btree ("recipient","created_at");--> statement-breakpoint
CREATE INDEX "request_events_request_time" ON "dsr"."request_events" USING btree ("request_id","occurred_at");--> statement-breakpoint
CREATE INDEX "requests_open_due" ON "dsr"."requests" USING btree ("due_at") WHERE status in ('submitted','in_progress','awaiting_requester');--> statement-breakpoint
CREATE INDEX "requests_open_assignee_due" ON "dsr"."requests" USING btree ("assignee_id","due_at") WHERE status in ('submitted','in_progress','awaiting_requester');--> statement-breakpoint
CREATE INDEX "requests_type_status_due" ON "dsr"."requests" USING btree ("type","status","due_at");--> statement-breakpoint
CREATE INDEX "requests_status_due" ON "dsr"."requests" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "requests_received" ON "dsr"."requests" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "requests_closed" ON "dsr"."requests" USING btree ("closed_at");--> statement-breakpoint
CREATE INDEX "requests_updated" ON "dsr"."requests" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "requests_requester_received" ON "dsr"."requests" USING btree ("requester_id","received_at");--> statement-breakpoint
CREATE INDEX "requests_subject_phone" ON "dsr"."requests" USING btree ("subject_phone");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_idempotency" ON "dsr"."requests" USING btree ("requester_id","idempotency_key") WHERE idempotency_key is not null;--> statement-breakpoint
CREATE INDEX "audit_log_request" ON "dsr"."audit_log" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_actor" ON "dsr"."audit_log" USING btree ("actor_id","id");--> statement-breakpoint
CREATE INDEX "calendar_days_year" ON "dsr"."calendar_days" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_phone" ON "platform"."accounts" USING btree ("phone") WHERE "platform"."accounts"."phone" is not null;--> statement-breakpoint
CREATE INDEX "addresses_account" ON "platform"."addresses" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "appointments_account" ON "platform"."appointments" USING btree ("account_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "automated_decisions_account" ON "platform"."automated_decisions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "bank_cards_account" ON "platform"."bank_cards" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "browsing_logs_account" ON "platform"."browsing_logs" USING btree ("account_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "consents_account_key" ON "platform"."consents" USING btree ("account_id","key");--> statement-breakpoint
CREATE INDEX "consultation_photos_consultation" ON "platform"."consultation_photos" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultations_account" ON "platform"."consultations" USING btree ("account_id","started_at");--> statement-breakpoint
CREATE INDEX "orders_account" ON "platform"."orders" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "prescriptions_account" ON "platform"."prescriptions" USING btree ("account_id","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "real_name_account" ON "platform"."real_name_verifications" USING btree ("account_id");