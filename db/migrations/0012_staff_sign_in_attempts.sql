CREATE TABLE "dsr"."staff_sign_in_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "staff_sign_in_attempts_email_time" ON "dsr"."staff_sign_in_attempts" USING btree ("email","occurred_at");--> statement-breakpoint
CREATE INDEX "staff_sign_in_attempts_ip_time" ON "dsr"."staff_sign_in_attempts" USING btree ("ip","occurred_at");