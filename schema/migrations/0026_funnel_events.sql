CREATE TYPE "public"."funnel_step" AS ENUM('viewed', 'time_chosen', 'intake_done', 'details_done', 'checkout_started', 'paid');--> statement-breakpoint
CREATE TABLE "funnel_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"variant_id" uuid,
	"visit_id" text NOT NULL,
	"step" "funnel_step" NOT NULL,
	"utm_source" text DEFAULT '' NOT NULL,
	"utm_medium" text DEFAULT '' NOT NULL,
	"utm_campaign" text DEFAULT '' NOT NULL,
	"referrer_host" text DEFAULT '' NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funnel_events_visit_id" CHECK ("funnel_events"."visit_id" ~ '^[A-Za-z0-9-]{8,64}$'),
	CONSTRAINT "funnel_events_source_lengths" CHECK (length("funnel_events"."utm_source") <= 200 and length("funnel_events"."utm_medium") <= 200 and length("funnel_events"."utm_campaign") <= 200 and length("funnel_events"."referrer_host") <= 255)
);
--> statement-breakpoint
ALTER TABLE "funnel_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "funnel_events" ADD CONSTRAINT "funnel_events_org_id_program_id_programs_org_id_id_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."programs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "funnel_events_once_per_visit" ON "funnel_events" USING btree ("org_id","program_id","visit_id","step");--> statement-breakpoint
CREATE INDEX "funnel_events_report" ON "funnel_events" USING btree ("org_id","occurred_at","program_id");--> statement-breakpoint
CREATE POLICY "funnel_events: only rows of the current org" ON "funnel_events" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "funnel_events: who may read" ON "funnel_events" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager'));--> statement-breakpoint
CREATE POLICY "funnel_events: who may add" ON "funnel_events" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK ((app_role() = 'anonymous' and program_id in (select id from programs)));--> statement-breakpoint
CREATE POLICY "funnel_events: who may change" ON "funnel_events" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (false) WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "funnel_events: who may remove" ON "funnel_events" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON funnel_events TO tandem_app;--> statement-breakpoint
ALTER TABLE funnel_events FORCE ROW LEVEL SECURITY;
