CREATE TABLE "domain_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"type" text NOT NULL,
	"subject_id" uuid,
	"actor_role" text DEFAULT app_role() NOT NULL,
	"actor_id" uuid DEFAULT coalesce(app_user_id(), app_customer_id()),
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "domain_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "domain_events" ADD CONSTRAINT "domain_events_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "domain_events_subject" ON "domain_events" USING btree ("org_id","subject_id","occurred_at");--> statement-breakpoint
CREATE POLICY "domain_events: only rows of the current org" ON "domain_events" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "domain_events: who may read" ON "domain_events" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "domain_events: who may add" ON "domain_events" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "domain_events: who may change" ON "domain_events" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (false) WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "domain_events: who may remove" ON "domain_events" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
-- Append-only for everyone; RLS binds the owner too.
GRANT SELECT, INSERT ON domain_events TO tandem_app;
--> statement-breakpoint
ALTER TABLE domain_events FORCE ROW LEVEL SECURITY;
