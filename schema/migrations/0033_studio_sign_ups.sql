CREATE TABLE "studio_sign_ups" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"email_hash" text NOT NULL,
	"client_hash" text NOT NULL,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "studio_sign_ups" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "studio_sign_ups" ADD CONSTRAINT "studio_sign_ups_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "studio_sign_ups_email" ON "studio_sign_ups" USING btree ("email_hash","created_at");--> statement-breakpoint
CREATE INDEX "studio_sign_ups_client" ON "studio_sign_ups" USING btree ("client_hash","created_at");--> statement-breakpoint
CREATE POLICY "studio_sign_ups: only rows of the current org" ON "studio_sign_ups" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "studio_sign_ups: who may read" ON "studio_sign_ups" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() = 'system');--> statement-breakpoint
CREATE POLICY "studio_sign_ups: who may add" ON "studio_sign_ups" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() = 'system');--> statement-breakpoint
CREATE POLICY "studio_sign_ups: who may change" ON "studio_sign_ups" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() = 'system') WITH CHECK (app_role() = 'system');--> statement-breakpoint
CREATE POLICY "studio_sign_ups: who may remove" ON "studio_sign_ups" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() = 'system');--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON studio_sign_ups TO tandem_app;--> statement-breakpoint
ALTER TABLE studio_sign_ups FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Sign-ups counted per address and per client network since a moment, before any studio is known
-- (only HMACs go in, only counts come out).
CREATE OR REPLACE FUNCTION sign_up_recent(p_email_hash text, p_client_hash text, p_since timestamptz)
RETURNS TABLE (by_email integer, by_client integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT (SELECT count(*)::int FROM studio_sign_ups WHERE email_hash = p_email_hash AND created_at > p_since),
         (SELECT count(*)::int FROM studio_sign_ups WHERE client_hash = p_client_hash AND created_at > p_since)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION sign_up_recent(text, text, timestamptz) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION sign_up_recent(text, text, timestamptz) TO tandem_app;--> statement-breakpoint
-- The newest sign-up of an address still waiting for its code (its studio), before any studio is known.
CREATE OR REPLACE FUNCTION sign_up_pending(p_email_hash text)
RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT org_id FROM studio_sign_ups WHERE email_hash = p_email_hash AND verified_at IS NULL ORDER BY created_at DESC LIMIT 1
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION sign_up_pending(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION sign_up_pending(text) TO tandem_app;--> statement-breakpoint
-- A new studio and its owner (inactive until the address is proven): orgs take no row from a request,
-- and staff only from the studio's own people, of whom a new studio has none yet. Only for the
-- transaction's own org (withSystem on the new id).
CREATE OR REPLACE FUNCTION sign_up_create_studio(p_org uuid, p_owner uuid, p_slug text, p_name text, p_timezone text, p_currency text, p_locale text, p_country text, p_owner_name text, p_email text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF p_org IS DISTINCT FROM app_org_id() OR app_role() <> 'system' THEN RAISE EXCEPTION 'sign_up_create_studio: only the server, for its own new org'; END IF;
  INSERT INTO orgs (id, slug, name, timezone, currency, default_locale, country) VALUES (p_org, p_slug, p_name, p_timezone, p_currency, p_locale, p_country);
  INSERT INTO staff (id, org_id, role, name, email, timezone, is_active) VALUES (p_owner, p_org, 'owner', p_owner_name, p_email, p_timezone, false);
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION sign_up_create_studio(uuid, uuid, text, text, text, text, text, text, text, text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION sign_up_create_studio(uuid, uuid, text, text, text, text, text, text, text, text) TO tandem_app;--> statement-breakpoint
-- The owner of a sign-up whose code was right becomes active (the server cannot change staff rows otherwise).
CREATE OR REPLACE FUNCTION sign_up_activate_owner(p_org uuid)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE staff m SET is_active = true FROM studio_sign_ups s
   WHERE s.org_id = p_org AND p_org = app_org_id() AND app_role() = 'system' AND s.verified_at IS NOT NULL AND m.org_id = s.org_id AND m.id = s.owner_id
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION sign_up_activate_owner(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION sign_up_activate_owner(uuid) TO tandem_app;
