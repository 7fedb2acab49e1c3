CREATE TYPE "platform"."patient_relationship" AS ENUM('child', 'parent', 'spouse', 'other');--> statement-breakpoint
CREATE TABLE "platform"."patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relationship" "platform"."patient_relationship" NOT NULL,
	"gender" text,
	"birth_date" date NOT NULL,
	"id_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dsr"."requests" ADD COLUMN "subject_patient_id" uuid;--> statement-breakpoint
ALTER TABLE "platform"."consultations" ADD COLUMN "patient_id" uuid;--> statement-breakpoint
ALTER TABLE "platform"."prescriptions" ADD COLUMN "patient_id" uuid;--> statement-breakpoint
ALTER TABLE "platform"."patients" ADD CONSTRAINT "patients_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "platform"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patients_account" ON "platform"."patients" USING btree ("account_id");--> statement-breakpoint
ALTER TABLE "platform"."consultations" ADD CONSTRAINT "consultations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "platform"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform"."prescriptions" ADD CONSTRAINT "prescriptions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "platform"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultations_patient" ON "platform"."consultations" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "prescriptions_patient" ON "platform"."prescriptions" USING btree ("patient_id");