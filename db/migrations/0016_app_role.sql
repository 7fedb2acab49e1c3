-- The role the app works as once migrated (db/app-role.ts): it reads and writes the portal's and the platform's
-- tables, and may only read and append to the audit log — never update, delete or truncate it, nor (not being the
-- owner) disable its append-only triggers. Roles are shared by every database of a server, and test databases
-- migrate side by side: creating and granting it tolerate another migration doing the same at the same moment.
DO $$ BEGIN
  CREATE ROLE dsr_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT dsr_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA dsr, platform TO dsr_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA dsr, platform TO dsr_app;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA dsr, platform TO dsr_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON dsr.audit_log FROM dsr_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA dsr, platform GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO dsr_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA dsr, platform GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO dsr_app;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('REVOKE UPDATE ON SEQUENCE %s FROM dsr_app', pg_get_serial_sequence('dsr.audit_log', 'id'));
END $$;
