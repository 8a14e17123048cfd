CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"url" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"last_synced_at" timestamp with time zone,
	"last_error" text,
	"events_imported" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_org_id" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "studio_closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"name" text NOT NULL,
	"timezone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "studio_closures_order" CHECK ("studio_closures"."starts_on" <= "studio_closures"."ends_on")
);
--> statement-breakpoint
ALTER TABLE "studio_closures" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "availability_rules" ADD COLUMN "location_id" uuid;--> statement-breakpoint
ALTER TABLE "class_occurrences" ADD COLUMN "feed_id" uuid;--> statement-breakpoint
ALTER TABLE "class_occurrences" ADD COLUMN "feed_uid" text;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_org_id_instructor_id_staff_org_id_id_fk" FOREIGN KEY ("org_id","instructor_id") REFERENCES "public"."staff"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_closures" ADD CONSTRAINT "studio_closures_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_instructor_url" ON "calendar_feeds" USING btree ("org_id","instructor_id","url");--> statement-breakpoint
CREATE INDEX "studio_closures_org" ON "studio_closures" USING btree ("org_id","starts_on");--> statement-breakpoint
ALTER TABLE "availability_rules" ADD CONSTRAINT "availability_rules_org_id_location_id_locations_org_id_id_fk" FOREIGN KEY ("org_id","location_id") REFERENCES "public"."locations"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_occurrences" ADD CONSTRAINT "class_occurrences_org_id_feed_id_calendar_feeds_org_id_id_fk" FOREIGN KEY ("org_id","feed_id") REFERENCES "public"."calendar_feeds"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "class_occurrences_feed_uid" ON "class_occurrences" USING btree ("org_id","feed_id","feed_uid");--> statement-breakpoint
CREATE POLICY "calendar_feeds: only rows of the current org" ON "calendar_feeds" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "calendar_feeds: who may read" ON "calendar_feeds" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "calendar_feeds: who may add" ON "calendar_feeds" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "calendar_feeds: who may change" ON "calendar_feeds" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id()))) WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "calendar_feeds: who may remove" ON "calendar_feeds" AS PERMISSIVE FOR DELETE TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "studio_closures: only rows of the current org" ON "studio_closures" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "studio_closures: who may read" ON "studio_closures" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (true);--> statement-breakpoint
CREATE POLICY "studio_closures: who may add" ON "studio_closures" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "studio_closures: who may change" ON "studio_closures" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "studio_closures: who may remove" ON "studio_closures" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON studio_closures TO tandem_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_feeds TO tandem_app;--> statement-breakpoint
ALTER TABLE studio_closures FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE calendar_feeds FORCE ROW LEVEL SECURITY;
