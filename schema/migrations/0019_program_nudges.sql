CREATE TABLE "program_nudges" (
	"org_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"session_reminder_hours" integer[] DEFAULT '{48,2}'::integer[] NOT NULL,
	"book_next" boolean DEFAULT true NOT NULL,
	"installment_due" boolean DEFAULT true NOT NULL,
	"abandoned_reservation" boolean DEFAULT true NOT NULL,
	"review_request" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_nudges_org_id_program_id_pk" PRIMARY KEY("org_id","program_id"),
	CONSTRAINT "program_nudges_hours" CHECK (cardinality("program_nudges"."session_reminder_hours") <= 4 and 0 < all("program_nudges"."session_reminder_hours") and 336 >= all("program_nudges"."session_reminder_hours"))
);
--> statement-breakpoint
ALTER TABLE "program_nudges" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "program_nudges" ADD CONSTRAINT "program_nudges_org_id_program_id_programs_org_id_id_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."programs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "program_nudges: only rows of the current org" ON "program_nudges" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "program_nudges: who may read" ON "program_nudges" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system', 'instructor'));--> statement-breakpoint
CREATE POLICY "program_nudges: who may add" ON "program_nudges" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_nudges: who may change" ON "program_nudges" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_nudges: who may remove" ON "program_nudges" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON program_nudges TO tandem_app;--> statement-breakpoint
ALTER TABLE program_nudges FORCE ROW LEVEL SECURITY;
