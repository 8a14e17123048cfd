CREATE TYPE "public"."testimonial_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TABLE "program_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"rating" integer,
	"text" text,
	"consent_to_publish" boolean DEFAULT false NOT NULL,
	"consent_text" text,
	"display_name" text,
	"locale" text DEFAULT 'en' NOT NULL,
	"submitted_at" timestamp with time zone,
	"status" "testimonial_status" DEFAULT 'pending' NOT NULL,
	"moderated_at" timestamp with time zone,
	"moderated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_reviews_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "program_reviews_rating" CHECK ("program_reviews"."rating" is null or "program_reviews"."rating" between 1 and 5),
	CONSTRAINT "program_reviews_answered" CHECK (("program_reviews"."submitted_at" is null) = ("program_reviews"."rating" is null)),
	CONSTRAINT "program_reviews_public" CHECK ("program_reviews"."status" <> 'approved' or ("program_reviews"."submitted_at" is not null and "program_reviews"."consent_to_publish"))
);
--> statement-breakpoint
ALTER TABLE "program_reviews" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "program_nudges" ADD COLUMN "milestone_due" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "program_reviews" ADD CONSTRAINT "program_reviews_org_id_booking_id_program_bookings_org_id_id_fk" FOREIGN KEY ("org_id","booking_id") REFERENCES "public"."program_bookings"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_reviews" ADD CONSTRAINT "program_reviews_org_id_program_id_programs_org_id_id_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."programs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_reviews" ADD CONSTRAINT "program_reviews_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "program_reviews_booking" ON "program_reviews" USING btree ("org_id","booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "program_reviews_token" ON "program_reviews" USING btree ("org_id","token_hash");--> statement-breakpoint
CREATE INDEX "program_reviews_program" ON "program_reviews" USING btree ("org_id","program_id","status");--> statement-breakpoint
CREATE POLICY "program_reviews: only rows of the current org" ON "program_reviews" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "program_reviews: who may read" ON "program_reviews" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'anonymous' and status = 'approved' and consent_to_publish)));--> statement-breakpoint
CREATE POLICY "program_reviews: who may add" ON "program_reviews" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_reviews: who may change" ON "program_reviews" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_reviews: who may remove" ON "program_reviews" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON program_reviews TO tandem_app;--> statement-breakpoint
ALTER TABLE program_reviews FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- An approved (or withdrawn) testimonial changes the program answer the embed keeps per catalog version.
CREATE TRIGGER program_reviews_catalog_update AFTER UPDATE ON program_reviews REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION raise_catalog_version();
