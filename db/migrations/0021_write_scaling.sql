-- Issue 17. Filings no longer queue on one summary row per (day, type): the received counters are spread over
-- slots, one per database connection (pg_backend_pid() % 16), and readers sum them (db/schema/dashboard.ts).
ALTER TABLE "dsr"."dashboard_received_daily" ADD COLUMN "slot" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dsr"."dashboard_received_daily" DROP CONSTRAINT "dashboard_received_daily_day_type_pk";--> statement-breakpoint
ALTER TABLE "dsr"."dashboard_received_daily" ADD CONSTRAINT "dashboard_received_daily_day_type_slot_pk" PRIMARY KEY("day","type","slot");--> statement-breakpoint
-- As in 0005, but the received counters go to the slot of this connection.
CREATE OR REPLACE FUNCTION "dsr"."dashboard_apply"(
  added "dsr"."dashboard_fact"[],
  removed "dsr"."dashboard_fact"[],
  with_received boolean DEFAULT true,
  with_closed boolean DEFAULT true
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH raw AS (
    SELECT 1 AS sign, a.* FROM unnest(added) AS a
    UNION ALL
    SELECT -1 AS sign, r.* FROM unnest(removed) AS r
  ), derived AS (
    SELECT raw.sign,
      "dsr"."shanghai_day"(raw.received_at) AS received_day,
      raw.type,
      raw.is_repeat,
      c.closed_day,
      CASE WHEN c.closed_day IS NOT NULL THEN raw.status END AS status,
      CASE WHEN c.closed_day IS NOT NULL THEN raw.outcome END AS outcome,
      CASE WHEN c.closed_day IS NOT NULL AND raw.status = 'refused' THEN COALESCE(raw.refusal_reason::text, '') END AS refusal_reason,
      CASE WHEN c.closed_day IS NOT NULL THEN COALESCE(raw.assignee_id, '00000000-0000-0000-0000-000000000000'::uuid) END AS assignee_id,
      CASE WHEN c.closed_day IS NOT NULL THEN raw.closed_at <= raw.due_at END AS on_time,
      CASE WHEN c.closed_day IS NOT NULL THEN raw.paused_working_days END AS paused_working_days,
      CASE WHEN c.closed_day IS NOT NULL THEN wc.ordinal - wr.ordinal - raw.paused_working_days END AS working_days
    FROM raw
    CROSS JOIN LATERAL (
      SELECT CASE WHEN raw.status IN ('completed', 'refused', 'withdrawn') AND raw.closed_at IS NOT NULL
        THEN "dsr"."shanghai_day"(raw.closed_at) END AS closed_day
    ) AS c
    LEFT JOIN "dsr"."working_day_ordinals" AS wr ON wr.day = "dsr"."shanghai_day"(raw.received_at)
    LEFT JOIN "dsr"."working_day_ordinals" AS wc ON wc.day = c.closed_day
  ), net AS (
    SELECT received_day, type, is_repeat, closed_day, status, outcome, refusal_reason, assignee_id, on_time,
      paused_working_days, working_days, sum(sign)::int AS n
    FROM derived
    GROUP BY received_day, type, is_repeat, closed_day, status, outcome, refusal_reason, assignee_id, on_time,
      paused_working_days, working_days
    HAVING sum(sign) <> 0
  ), received AS (
    INSERT INTO "dsr"."dashboard_received_daily" AS t (day, type, slot, received, repeats)
    SELECT received_day, type, (pg_backend_pid() % 16)::smallint, sum(n), COALESCE(sum(n) FILTER (WHERE is_repeat), 0)
    FROM net WHERE with_received
    GROUP BY received_day, type
    HAVING sum(n) <> 0 OR sum(n) FILTER (WHERE is_repeat) <> 0
    ORDER BY received_day, type
    ON CONFLICT (day, type, slot) DO UPDATE
      SET received = t.received + excluded.received, repeats = t.repeats + excluded.repeats
    RETURNING 1
  ), closed AS (
    INSERT INTO "dsr"."dashboard_closed_daily" AS t
      (day, type, assignee_id, closed, on_time, fulfilled, partially_fulfilled, refused, withdrawn, paused, paused_working_days)
    SELECT closed_day, type, assignee_id,
      sum(n),
      COALESCE(sum(n) FILTER (WHERE on_time), 0),
      COALESCE(sum(n) FILTER (WHERE status = 'completed' AND outcome = 'fulfilled'), 0),
      COALESCE(sum(n) FILTER (WHERE status = 'completed' AND outcome = 'partially_fulfilled'), 0),
      COALESCE(sum(n) FILTER (WHERE status = 'refused'), 0),
      COALESCE(sum(n) FILTER (WHERE status = 'withdrawn'), 0),
      COALESCE(sum(n) FILTER (WHERE paused_working_days > 0), 0),
      COALESCE(sum(n * paused_working_days), 0)
    FROM net WHERE with_closed AND closed_day IS NOT NULL
    GROUP BY closed_day, type, assignee_id
    ORDER BY closed_day, type, assignee_id
    ON CONFLICT (day, type, assignee_id) DO UPDATE SET
      closed = t.closed + excluded.closed,
      on_time = t.on_time + excluded.on_time,
      fulfilled = t.fulfilled + excluded.fulfilled,
      partially_fulfilled = t.partially_fulfilled + excluded.partially_fulfilled,
      refused = t.refused + excluded.refused,
      withdrawn = t.withdrawn + excluded.withdrawn,
      paused = t.paused + excluded.paused,
      paused_working_days = t.paused_working_days + excluded.paused_working_days
    RETURNING 1
  ), times AS (
    INSERT INTO "dsr"."dashboard_close_times" AS t (day, type, working_days, closed)
    SELECT closed_day, type, working_days, sum(n)
    FROM net WHERE with_closed AND closed_day IS NOT NULL AND working_days IS NOT NULL
    GROUP BY closed_day, type, working_days
    HAVING sum(n) <> 0
    ORDER BY closed_day, type, working_days
    ON CONFLICT (day, type, working_days) DO UPDATE SET closed = t.closed + excluded.closed
    RETURNING 1
  )
  INSERT INTO "dsr"."dashboard_refusals_daily" AS t (day, type, reason, refused)
  SELECT closed_day, type, refusal_reason, sum(n)
  FROM net WHERE with_closed AND closed_day IS NOT NULL AND refusal_reason IS NOT NULL
  GROUP BY closed_day, type, refusal_reason
  HAVING sum(n) <> 0
  ORDER BY closed_day, type, refusal_reason
  ON CONFLICT (day, type, reason) DO UPDATE SET refused = t.refused + excluded.refused;
END;
$$;
--> statement-breakpoint
-- Folds the received counters of the days before `before` into slot 0 (one row per day and type), in one
-- statement: the slots it reads are deleted and their sums added to slot 0, so a second run finds nothing to move
-- and a concurrent filing (on today, or a slot not yet committed) is never lost or counted twice.
CREATE OR REPLACE FUNCTION "dsr"."dashboard_fold_received"(before date) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  moved integer;
BEGIN
  WITH gone AS (
    DELETE FROM "dsr"."dashboard_received_daily"
    WHERE slot <> 0 AND day < before
    RETURNING day, type, received, repeats
  ), sums AS (
    SELECT day, type, sum(received)::int AS received, sum(repeats)::int AS repeats, count(*)::int AS n
    FROM gone GROUP BY day, type
  ), upserted AS (
    INSERT INTO "dsr"."dashboard_received_daily" AS t (day, type, slot, received, repeats)
    SELECT day, type, 0, received, repeats FROM sums ORDER BY day, type
    ON CONFLICT (day, type, slot) DO UPDATE
      SET received = t.received + excluded.received, repeats = t.repeats + excluded.repeats
    RETURNING 1
  )
  SELECT COALESCE(sum(n), 0)::int INTO moved FROM sums;
  RETURN moved;
END;
$$;
--> statement-breakpoint
-- Queue search (lib/requests/queue.ts): fragments of names and phone numbers through trigram indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "requests_subject_name_trgm" ON "dsr"."requests" USING gin ("subject_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "requests_subject_phone_trgm" ON "dsr"."requests" USING gin ("subject_phone" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_patient_display_name_trgm" ON "dsr"."users" USING gin ("display_name" gin_trgm_ops) WHERE "role" = 'patient';
--> statement-breakpoint
-- lib/audit/log.ts appendAudit in one round trip where it took three: wait for the audit lock (appends are
-- serialised so the chain never forks), then read the head's hash and take the next id. The read is a statement of
-- its own inside this (volatile) function, so it sees every append committed before the lock was granted.
CREATE OR REPLACE FUNCTION "dsr"."audit_lock_head"() RETURNS TABLE (prev_hash text, next_id bigint) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7312002);
  RETURN QUERY SELECT (SELECT a.hash FROM "dsr"."audit_log" AS a ORDER BY a.id DESC LIMIT 1),
    nextval(pg_get_serial_sequence('dsr.audit_log', 'id'));
END;
$$;
--> statement-breakpoint
-- The queue's SLA counts (lib/requests/queue.ts countQueueBySla) over the open requests from this index alone
-- (an index-only scan) for the views filtered by type or assignee, instead of visiting every open row's page.
CREATE INDEX IF NOT EXISTS "requests_open_sla" ON "dsr"."requests" USING btree ("due_at") INCLUDE ("target_date", "due_date", "paused_at", "type", "assignee_id")
  WHERE "status" in ('submitted', 'in_progress', 'awaiting_requester');
