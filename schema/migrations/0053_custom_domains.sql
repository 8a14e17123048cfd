CREATE TABLE "custom_domains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"host" text NOT NULL,
	"verification_token" text NOT NULL,
	"verified_at" timestamp with time zone,
	"checked_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_domains_host_form" CHECK ("custom_domains"."host" ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$' and length("custom_domains"."host") <= 253)
);
--> statement-breakpoint
ALTER TABLE "custom_domains" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "custom_domains" ADD CONSTRAINT "custom_domains_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "custom_domains_one_per_org" ON "custom_domains" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "custom_domains_host" ON "custom_domains" USING btree ("host");--> statement-breakpoint
CREATE POLICY "custom_domains: only rows of the current org" ON "custom_domains" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "custom_domains: who may read" ON "custom_domains" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'system'));--> statement-breakpoint
CREATE POLICY "custom_domains: who may add" ON "custom_domains" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'system'));--> statement-breakpoint
CREATE POLICY "custom_domains: who may change" ON "custom_domains" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'system')) WITH CHECK (app_role() in ('owner', 'system'));--> statement-breakpoint
CREATE POLICY "custom_domains: who may remove" ON "custom_domains" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'system'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON custom_domains TO tandem_app;--> statement-breakpoint
ALTER TABLE custom_domains FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Which studio a request's Host serves, before any org is known: the verified domains and their
-- studios' slugs, nothing else. Only a cross-tenant transaction gets an answer.
CREATE FUNCTION verified_custom_domains()
RETURNS TABLE (host text, slug text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT d.host, o.slug
    FROM custom_domains d JOIN orgs o ON o.id = d.org_id
   WHERE current_setting('app.role', true) = 'cross_tenant'
     AND d.verified_at IS NOT NULL
   ORDER BY d.host
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION verified_custom_domains() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION verified_custom_domains() TO tandem_app;
