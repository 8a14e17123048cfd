CREATE TABLE "automation_run_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"type" text NOT NULL,
	"spec" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"result" jsonb,
	"lease_until" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "automation_run_actions_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "automation_run_actions_step" UNIQUE("org_id","run_id","position"),
	CONSTRAINT "automation_run_actions_status" CHECK ("automation_run_actions"."status" in ('pending', 'retrying', 'succeeded', 'failed', 'skipped'))
);
--> statement-breakpoint
ALTER TABLE "automation_run_actions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "automation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"automation_id" uuid NOT NULL,
	"trigger_key" text NOT NULL,
	"context" jsonb NOT NULL,
	"customer_id" uuid,
	"booking_id" uuid,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"skip_reason" text,
	"due_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "automation_runs_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "automation_runs_once" UNIQUE("org_id","automation_id","trigger_key"),
	CONSTRAINT "automation_runs_status" CHECK ("automation_runs"."status" in ('scheduled', 'running', 'succeeded', 'failed', 'skipped'))
);
--> statement-breakpoint
ALTER TABLE "automation_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "automation_segment_members" (
	"org_id" uuid NOT NULL,
	"automation_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "automation_segment_members_org_id_automation_id_customer_id_pk" PRIMARY KEY("org_id","automation_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "automation_segment_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "automations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"trigger" jsonb NOT NULL,
	"trigger_event" text,
	"delay_minutes" integer DEFAULT 0 NOT NULL,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"swept_until" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "automations_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "automations_delay" CHECK ("automations"."delay_minutes" between 0 and 525600)
);
--> statement-breakpoint
ALTER TABLE "automations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "customer_tags" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_tags_org_id_customer_id_tag_pk" PRIMARY KEY("org_id","customer_id","tag")
);
--> statement-breakpoint
ALTER TABLE "customer_tags" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "automation_run_actions" ADD CONSTRAINT "automation_run_actions_org_id_run_id_automation_runs_org_id_id_fk" FOREIGN KEY ("org_id","run_id") REFERENCES "public"."automation_runs"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_runs" ADD CONSTRAINT "automation_runs_org_id_automation_id_automations_org_id_id_fk" FOREIGN KEY ("org_id","automation_id") REFERENCES "public"."automations"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_segment_members" ADD CONSTRAINT "automation_segment_members_org_id_automation_id_automations_org_id_id_fk" FOREIGN KEY ("org_id","automation_id") REFERENCES "public"."automations"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_segment_members" ADD CONSTRAINT "automation_segment_members_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_tags" ADD CONSTRAINT "customer_tags_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "automation_runs_list" ON "automation_runs" USING btree ("org_id","automation_id","created_at");--> statement-breakpoint
CREATE INDEX "automations_event" ON "automations" USING btree ("org_id","trigger_event") WHERE enabled and deleted_at is null;--> statement-breakpoint
CREATE POLICY "automation_run_actions: only rows of the current org" ON "automation_run_actions" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "automation_run_actions: who may read" ON "automation_run_actions" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "automation_run_actions: who may add" ON "automation_run_actions" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "automation_run_actions: who may change" ON "automation_run_actions" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "automation_run_actions: who may remove" ON "automation_run_actions" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
CREATE POLICY "automation_runs: only rows of the current org" ON "automation_runs" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "automation_runs: who may read" ON "automation_runs" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "automation_runs: who may add" ON "automation_runs" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "automation_runs: who may change" ON "automation_runs" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "automation_runs: who may remove" ON "automation_runs" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
CREATE POLICY "automation_segment_members: only rows of the current org" ON "automation_segment_members" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "automation_segment_members: who may read" ON "automation_segment_members" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "automation_segment_members: who may add" ON "automation_segment_members" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "automation_segment_members: who may change" ON "automation_segment_members" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "automation_segment_members: who may remove" ON "automation_segment_members" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "automations: only rows of the current org" ON "automations" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "automations: who may read" ON "automations" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "automations: who may add" ON "automations" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "automations: who may change" ON "automations" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "automations: who may remove" ON "automations" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
CREATE POLICY "customer_tags: only rows of the current org" ON "customer_tags" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "customer_tags: who may read" ON "customer_tags" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "customer_tags: who may add" ON "customer_tags" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "customer_tags: who may change" ON "customer_tags" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "customer_tags: who may remove" ON "customer_tags" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON automations TO tandem_app;--> statement-breakpoint
ALTER TABLE automations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON automation_runs TO tandem_app;--> statement-breakpoint
ALTER TABLE automation_runs FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON automation_run_actions TO tandem_app;--> statement-breakpoint
ALTER TABLE automation_run_actions FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON automation_segment_members TO tandem_app;--> statement-breakpoint
ALTER TABLE automation_segment_members FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON customer_tags TO tandem_app;--> statement-breakpoint
ALTER TABLE customer_tags FORCE ROW LEVEL SECURITY;