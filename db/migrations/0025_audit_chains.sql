ALTER TABLE "dsr"."audit_log" ADD COLUMN "chain" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_log_chain" ON "dsr"."audit_log" USING btree ("chain","id");--> statement-breakpoint
-- lib/audit/log.ts appendAudit: the audit log as several chains (issue 17). Every append had waited for one lock,
-- held until its transaction committed; now a transaction takes one chain's lock and links to that chain's head.
-- The chain is chosen at random by the transaction's first append and kept for its later ones (a transaction-local
-- setting), so one transaction never holds two chains' locks and two transactions cannot deadlock over them. Under
-- the chain's lock, the next id is taken in order, so each chain's rows follow one another in id order.
CREATE OR REPLACE FUNCTION "dsr"."audit_lock_head"(chains integer) RETURNS TABLE (chain smallint, prev_hash text, next_id bigint) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  c integer := nullif(current_setting('dsr.audit_chain', true), '')::integer;
BEGIN
  IF c IS NULL THEN
    c := floor(random() * greatest(chains, 1))::integer;
    PERFORM set_config('dsr.audit_chain', c::text, true);
  END IF;
  PERFORM pg_advisory_xact_lock(7312002, c);
  RETURN QUERY SELECT c::smallint,
    (SELECT a.hash FROM "dsr"."audit_log" AS a WHERE a.chain = c ORDER BY a.id DESC LIMIT 1),
    nextval(pg_get_serial_sequence('dsr.audit_log', 'id'));
END;
$$;
--> statement-breakpoint
-- An instance not yet upgraded (it writes without the column, so into chain 0) appends under chain 0's lock to
-- chain 0's head, as the new code does there.
CREATE OR REPLACE FUNCTION "dsr"."audit_lock_head"() RETURNS TABLE (prev_hash text, next_id bigint) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7312002, 0);
  RETURN QUERY SELECT (SELECT a.hash FROM "dsr"."audit_log" AS a WHERE a.chain = 0 ORDER BY a.id DESC LIMIT 1),
    nextval(pg_get_serial_sequence('dsr.audit_log', 'id'));
END;
$$;
