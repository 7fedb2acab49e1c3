CREATE TABLE "dsr"."dashboard_close_times" (
	"day" date NOT NULL,
	"type" "dsr"."request_type" NOT NULL,
	"working_days" integer NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_close_times_day_type_working_days_pk" PRIMARY KEY("day","type","working_days")
);
--> statement-breakpoint
CREATE TABLE "dsr"."dashboard_closed_daily" (
	"day" date NOT NULL,
	"type" "dsr"."request_type" NOT NULL,
	"assignee_id" uuid NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"fulfilled" integer DEFAULT 0 NOT NULL,
	"partially_fulfilled" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"withdrawn" integer DEFAULT 0 NOT NULL,
	"paused" integer DEFAULT 0 NOT NULL,
	"paused_working_days" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_closed_daily_day_type_assignee_id_pk" PRIMARY KEY("day","type","assignee_id")
);
--> statement-breakpoint
CREATE TABLE "dsr"."dashboard_received_daily" (
	"day" date NOT NULL,
	"type" "dsr"."request_type" NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"repeats" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_received_daily_day_type_pk" PRIMARY KEY("day","type")
);
--> statement-breakpoint
CREATE TABLE "dsr"."dashboard_refusals_daily" (
	"day" date NOT NULL,
	"type" "dsr"."request_type" NOT NULL,
	"reason" text NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_refusals_daily_day_type_reason_pk" PRIMARY KEY("day","type","reason")
);
--> statement-breakpoint
CREATE TABLE "dsr"."dashboard_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"dirty_from" date,
	CONSTRAINT "dashboard_state_single_row" CHECK ("dsr"."dashboard_state"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "dsr"."statutory_holidays" (
	"day" date PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dsr"."working_days" (
	"day" date PRIMARY KEY NOT NULL,
	"is_working_day" boolean NOT NULL,
	"ordinal" integer NOT NULL
);
