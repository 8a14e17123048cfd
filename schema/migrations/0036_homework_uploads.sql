CREATE TABLE "booking_artifacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"extension" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_artifacts_size" CHECK ("booking_artifacts"."size_bytes" > 0)
);
--> statement-breakpoint
ALTER TABLE "booking_artifacts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "booking_artifacts" ADD CONSTRAINT "booking_artifacts_org_id_booking_id_program_bookings_org_id_id_fk" FOREIGN KEY ("org_id","booking_id") REFERENCES "public"."program_bookings"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_artifacts" ADD CONSTRAINT "booking_artifacts_org_id_milestone_id_program_milestones_org_id_id_fk" FOREIGN KEY ("org_id","milestone_id") REFERENCES "public"."program_milestones"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_artifacts" ADD CONSTRAINT "booking_artifacts_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_artifacts_booking" ON "booking_artifacts" USING btree ("org_id","booking_id","created_at");--> statement-breakpoint
CREATE POLICY "booking_artifacts: only rows of the current org" ON "booking_artifacts" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "booking_artifacts: who may read" ON "booking_artifacts" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or (booking_id in (select id from program_bookings)));--> statement-breakpoint
CREATE POLICY "booking_artifacts: who may add" ON "booking_artifacts" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and booking_id in (select id from program_bookings) and customer_id = app_customer_id())));--> statement-breakpoint
CREATE POLICY "booking_artifacts: who may change" ON "booking_artifacts" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "booking_artifacts: who may remove" ON "booking_artifacts" AS PERMISSIVE FOR DELETE TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and booking_id in (select id from program_bookings) and customer_id = app_customer_id())));--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON booking_artifacts TO tandem_app;--> statement-breakpoint
ALTER TABLE booking_artifacts FORCE ROW LEVEL SECURITY;
