CREATE TABLE "dsr"."cancellation_held_records" (
	"subject_key" text NOT NULL,
	"category" text NOT NULL,
	"record_id" text NOT NULL,
	"patient_id" uuid,
	"deletable_after" date NOT NULL,
	CONSTRAINT "cancellation_held_records_category_record_id_pk" PRIMARY KEY("category","record_id")
);
--> statement-breakpoint
CREATE TABLE "dsr"."cancellation_subjects" (
	"key" text PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"phone_hash" text,
	"id_number_hash" text,
	"portal_user_id" uuid,
	"cancelled_at" timestamp with time zone NOT NULL,
	"portal_user_ended_at" timestamp with time zone,
	CONSTRAINT "cancellation_subjects_requestId_unique" UNIQUE("request_id")
);
--> statement-breakpoint
ALTER TABLE "dsr"."cancellation_held_records" ADD CONSTRAINT "cancellation_held_records_subject_key_cancellation_subjects_key_fk" FOREIGN KEY ("subject_key") REFERENCES "dsr"."cancellation_subjects"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."cancellation_subjects" ADD CONSTRAINT "cancellation_subjects_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "dsr"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."cancellation_subjects" ADD CONSTRAINT "cancellation_subjects_portal_user_id_users_id_fk" FOREIGN KEY ("portal_user_id") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cancellation_held_records_subject" ON "dsr"."cancellation_held_records" USING btree ("subject_key");--> statement-breakpoint
CREATE INDEX "cancellation_subjects_phone" ON "dsr"."cancellation_subjects" USING btree ("phone_hash");--> statement-breakpoint
CREATE INDEX "cancellation_subjects_id_number" ON "dsr"."cancellation_subjects" USING btree ("id_number_hash");