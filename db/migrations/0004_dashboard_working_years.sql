CREATE TABLE "dsr"."working_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"working_days" integer NOT NULL,
	"base" integer NOT NULL
);
