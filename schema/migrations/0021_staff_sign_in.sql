CREATE TABLE "staff_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "staff_sign_in_codes" (
	"email_hash" text PRIMARY KEY NOT NULL,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff_sign_in_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD CONSTRAINT "staff_sessions_org_id_staff_id_staff_org_id_id_fk" FOREIGN KEY ("org_id","staff_id") REFERENCES "public"."staff"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_sessions_token" ON "staff_sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "staff_sessions_staff" ON "staff_sessions" USING btree ("org_id","staff_id");--> statement-breakpoint
CREATE POLICY "staff_sessions: only rows of the current org" ON "staff_sessions" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "staff_sessions: who may read" ON "staff_sessions" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager') or app_role() = 'system' or (app_role() = 'instructor' and staff_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "staff_sessions: who may add" ON "staff_sessions" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() = 'system');--> statement-breakpoint
CREATE POLICY "staff_sessions: who may change" ON "staff_sessions" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING ((app_role() in ('owner', 'manager') or app_role() = 'system' or (app_role() = 'instructor' and staff_id = app_user_id()))) WITH CHECK ((app_role() in ('owner', 'manager') or app_role() = 'system' or (app_role() = 'instructor' and staff_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "staff_sessions: who may remove" ON "staff_sessions" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager'));--> statement-breakpoint
CREATE POLICY "staff_sign_in_codes: nobody through a request" ON "staff_sign_in_codes" AS PERMISSIVE FOR ALL TO "tandem_app" USING (false) WITH CHECK (false);--> statement-breakpoint
-- Requests reach these tables as tandem_app; RLS binds the owner too.
GRANT SELECT, INSERT, UPDATE, DELETE ON staff_sessions, staff_sign_in_codes TO tandem_app;
--> statement-breakpoint
ALTER TABLE staff_sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE staff_sign_in_codes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Signing in comes before any studio is known: the studios an address works for (active staff
-- only), for the server to mail one code and to open a session in the studio chosen.
CREATE OR REPLACE FUNCTION staff_memberships(p_email text)
RETURNS TABLE (org_id uuid, org_name text, staff_id uuid, staff_name text, role staff_role)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.org_id, o.name, s.id, s.name, s.role FROM staff s JOIN orgs o ON o.id = s.org_id
   WHERE lower(s.email) = lower(p_email) AND s.is_active
   ORDER BY o.name, o.id
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION staff_memberships(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION staff_memberships(text) TO tandem_app;
--> statement-breakpoint
-- The sign-in code row of an address's HMAC, created for any address (known or not, so that
-- attempts count alike) and locked for the rest of the transaction.
CREATE OR REPLACE FUNCTION staff_sign_in_code(p_email_hash text)
RETURNS TABLE (code_hash text, code_expires_at timestamptz, failed_attempts integer, locked_until timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  INSERT INTO staff_sign_in_codes AS c (email_hash) VALUES (p_email_hash) ON CONFLICT (email_hash) DO NOTHING;
  RETURN QUERY SELECT c.code_hash, c.code_expires_at, c.failed_attempts, c.locked_until
    FROM staff_sign_in_codes c WHERE c.email_hash = p_email_hash FOR UPDATE;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION staff_sign_in_code(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION staff_sign_in_code(text) TO tandem_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION staff_sign_in_code_save(p_email_hash text, p_code_hash text, p_code_expires_at timestamptz, p_failed_attempts integer, p_locked_until timestamptz, p_now timestamptz)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE staff_sign_in_codes SET code_hash = p_code_hash, code_expires_at = p_code_expires_at,
         failed_attempts = p_failed_attempts, locked_until = p_locked_until, updated_at = p_now
   WHERE email_hash = p_email_hash
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION staff_sign_in_code_save(text, text, timestamptz, integer, timestamptz, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION staff_sign_in_code_save(text, text, timestamptz, integer, timestamptz, timestamptz) TO tandem_app;
--> statement-breakpoint
-- A session cookie names no studio: this finds the live session of a token's hash (of an active
-- staff member) and extends it (12 hours, sliding), in one statement.
CREATE OR REPLACE FUNCTION staff_session_touch(p_hash text, p_now timestamptz, p_expires_at timestamptz)
RETURNS TABLE (org_id uuid, session_id uuid, staff_id uuid, role staff_role, expires_at timestamptz)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE staff_sessions s SET expires_at = greatest(s.expires_at, p_expires_at), last_seen_at = p_now
    FROM staff m
   WHERE s.token_hash = p_hash AND s.revoked_at IS NULL AND s.expires_at > p_now
     AND m.org_id = s.org_id AND m.id = s.staff_id AND m.is_active
  RETURNING s.org_id, s.id, s.staff_id, m.role, s.expires_at
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION staff_session_touch(text, timestamptz, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION staff_session_touch(text, timestamptz, timestamptz) TO tandem_app;
