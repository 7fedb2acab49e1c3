CREATE TABLE "dsr"."recipient_confirmations" (
	"notice_id" bigint PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"confirmed_by" uuid NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dsr"."recipient_confirmations" ADD CONSTRAINT "recipient_confirmations_notice_id_outbox_id_fk" FOREIGN KEY ("notice_id") REFERENCES "dsr"."outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."recipient_confirmations" ADD CONSTRAINT "recipient_confirmations_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "dsr"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr"."recipient_confirmations" ADD CONSTRAINT "recipient_confirmations_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "dsr"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recipient_confirmations_request" ON "dsr"."recipient_confirmations" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "outbox_recipient_notices" ON "dsr"."outbox" USING btree ("request_id") WHERE channel = 'recipient_notice';