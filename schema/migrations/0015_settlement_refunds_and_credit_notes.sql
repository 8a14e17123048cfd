CREATE TABLE "credit_note_counters" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credit_note_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "credit_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"invoice_id" uuid,
	"number" integer NOT NULL,
	"currency" text NOT NULL,
	"total" integer NOT NULL,
	"vat_total" integer NOT NULL,
	"reason" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"snapshot" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "credit_notes_number" UNIQUE("org_id","number"),
	CONSTRAINT "credit_notes_total" CHECK ("credit_notes"."total" >= 0 and "credit_notes"."vat_total" >= 0 and "credit_notes"."vat_total" <= "credit_notes"."total")
);
--> statement-breakpoint
ALTER TABLE "credit_notes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "kind" text DEFAULT 'provider' NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "booking_id" uuid;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "transfer_reference" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "credit_note_counters" ADD CONSTRAINT "credit_note_counters_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_org_id_order_id_orders_org_id_id_fk" FOREIGN KEY ("org_id","order_id") REFERENCES "public"."orders"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_org_id" UNIQUE("org_id","id");--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_kind" CHECK ("refunds"."kind" in ('provider', 'credits', 'bank_transfer'));--> statement-breakpoint
CREATE POLICY "credit_note_counters: only rows of the current org" ON "credit_note_counters" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "credit_note_counters: who may read" ON "credit_note_counters" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "credit_note_counters: who may add" ON "credit_note_counters" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "credit_note_counters: who may change" ON "credit_note_counters" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "credit_note_counters: who may remove" ON "credit_note_counters" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
CREATE POLICY "credit_notes: only rows of the current org" ON "credit_notes" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "credit_notes: who may read" ON "credit_notes" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and order_id in (select id from orders))));--> statement-breakpoint
CREATE POLICY "credit_notes: who may add" ON "credit_notes" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "credit_notes: who may change" ON "credit_notes" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (false) WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "credit_notes: who may remove" ON "credit_notes" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
-- Requests run as tandem_app; RLS binds the owner too. Credit notes are never changed once issued.
GRANT SELECT, INSERT ON credit_notes TO tandem_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON credit_note_counters TO tandem_app;
--> statement-breakpoint
ALTER TABLE credit_notes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE credit_note_counters FORCE ROW LEVEL SECURITY;
