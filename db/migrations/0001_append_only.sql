-- Request references: DSR-<year>-<number>, numbers from one sequence so concurrent submissions never collide.
CREATE SEQUENCE IF NOT EXISTS "dsr"."request_ref_seq" START 1;
--> statement-breakpoint
-- History and audit rows are append-only: the database itself refuses to change or remove them.
CREATE OR REPLACE FUNCTION "dsr"."refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "request_events_append_only" BEFORE UPDATE OR DELETE ON "dsr"."request_events"
  FOR EACH ROW EXECUTE FUNCTION "dsr"."refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "request_events_no_truncate" BEFORE TRUNCATE ON "dsr"."request_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "dsr"."audit_log"
  FOR EACH ROW EXECUTE FUNCTION "dsr"."refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "dsr"."audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "dsr"."refuse_change"();
