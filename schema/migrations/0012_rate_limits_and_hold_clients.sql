CREATE TABLE "rate_limit_buckets" (
	"org_id" uuid NOT NULL,
	"bucket" text NOT NULL,
	"tokens" double precision NOT NULL,
	"granted" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_limit_buckets_pkey" PRIMARY KEY("org_id","bucket")
);
--> statement-breakpoint
ALTER TABLE "rate_limit_buckets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "program_bookings" ADD COLUMN "hold_client" text;--> statement-breakpoint
ALTER TABLE "rate_limit_buckets" ADD CONSTRAINT "rate_limit_buckets_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rate_limit_buckets_updated" ON "rate_limit_buckets" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "program_bookings_hold_client" ON "program_bookings" USING btree ("org_id","hold_client") WHERE "program_bookings"."status" = 'reserved';--> statement-breakpoint
CREATE POLICY "rate_limit_buckets: only rows of the current org" ON "rate_limit_buckets" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "rate_limit_buckets: who may read" ON "rate_limit_buckets" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('anonymous', 'customer', 'instructor', 'manager', 'owner', 'system'));--> statement-breakpoint
CREATE POLICY "rate_limit_buckets: who may add" ON "rate_limit_buckets" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('anonymous', 'customer', 'instructor', 'manager', 'owner', 'system'));--> statement-breakpoint
CREATE POLICY "rate_limit_buckets: who may change" ON "rate_limit_buckets" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('anonymous', 'customer', 'instructor', 'manager', 'owner', 'system')) WITH CHECK (app_role() in ('anonymous', 'customer', 'instructor', 'manager', 'owner', 'system'));--> statement-breakpoint
CREATE POLICY "rate_limit_buckets: who may remove" ON "rate_limit_buckets" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
-- Requests take tokens as tandem_app; RLS binds the owner too.
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_buckets TO tandem_app;
--> statement-breakpoint
ALTER TABLE rate_limit_buckets FORCE ROW LEVEL SECURITY;
