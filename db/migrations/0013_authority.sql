CREATE TYPE "dsr"."proof_kind" AS ENUM('id_card', 'household_register', 'birth_certificate', 'guardianship_certificate', 'death_certificate', 'kinship_certificate', 'authorisation');--> statement-breakpoint
ALTER TABLE "dsr"."attachments" ADD COLUMN "proof_kind" "dsr"."proof_kind";--> statement-breakpoint
ALTER TABLE "dsr"."requests" ADD COLUMN "subject_birth_date" date;--> statement-breakpoint
ALTER TABLE "dsr"."requests" ADD COLUMN "relative_interest" text;