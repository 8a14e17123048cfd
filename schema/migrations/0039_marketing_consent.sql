CREATE TABLE "marketing_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"email" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"source" text NOT NULL,
	"locale" text NOT NULL,
	"wording" text NOT NULL,
	"wording_version" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"request_ip_hash" text NOT NULL,
	"confirm_token_hash" text NOT NULL,
	"unsubscribe_token_hash" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirm_ip_hash" text,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_via" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "marketing_consents_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "marketing_consents_status" CHECK ("marketing_consents"."status" in ('pending', 'confirmed', 'withdrawn', 'expired')),
	CONSTRAINT "marketing_consents_source" CHECK ("marketing_consents"."source" in ('checkout')),
	CONSTRAINT "marketing_consents_confirmed" CHECK ("marketing_consents"."status" <> 'confirmed' or "marketing_consents"."confirmed_at" is not null),
	CONSTRAINT "marketing_consents_withdrawn" CHECK (("marketing_consents"."status" = 'withdrawn') = ("marketing_consents"."withdrawn_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "marketing_consents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "consent_id" uuid;--> statement-breakpoint
ALTER TABLE "marketing_consents" ADD CONSTRAINT "marketing_consents_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "marketing_consents_live" ON "marketing_consents" USING btree ("org_id","customer_id") WHERE status in ('pending', 'confirmed');--> statement-breakpoint
CREATE UNIQUE INDEX "marketing_consents_confirm_token" ON "marketing_consents" USING btree ("org_id","confirm_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "marketing_consents_unsubscribe_token" ON "marketing_consents" USING btree ("org_id","unsubscribe_token_hash");--> statement-breakpoint
CREATE INDEX "marketing_consents_customer" ON "marketing_consents" USING btree ("org_id","customer_id","requested_at");--> statement-breakpoint
CREATE POLICY "marketing_consents: only rows of the current org" ON "marketing_consents" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "marketing_consents: who may read" ON "marketing_consents" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "marketing_consents: who may add" ON "marketing_consents" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() = 'system');--> statement-breakpoint
CREATE POLICY "marketing_consents: who may change" ON "marketing_consents" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() = 'system') WITH CHECK (app_role() = 'system');--> statement-breakpoint
CREATE POLICY "marketing_consents: who may remove" ON "marketing_consents" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON marketing_consents TO tandem_app;--> statement-breakpoint
ALTER TABLE marketing_consents FORCE ROW LEVEL SECURITY;
