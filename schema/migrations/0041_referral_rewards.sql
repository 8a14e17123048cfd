CREATE TABLE "referral_rewards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"referral_code_id" uuid NOT NULL,
	"referrer_customer_id" uuid NOT NULL,
	"referee_customer_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"credits" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"granted_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_rewards_status" CHECK ("referral_rewards"."status" in ('pending', 'granted', 'void')),
	CONSTRAINT "referral_rewards_credits" CHECK ("referral_rewards"."credits" > 0),
	CONSTRAINT "referral_rewards_not_self" CHECK ("referral_rewards"."referrer_customer_id" <> "referral_rewards"."referee_customer_id"),
	CONSTRAINT "referral_rewards_granted" CHECK (("referral_rewards"."status" = 'granted') = ("referral_rewards"."granted_at" is not null)),
	CONSTRAINT "referral_rewards_void" CHECK (("referral_rewards"."status" = 'void') = ("referral_rewards"."voided_at" is not null and "referral_rewards"."void_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "referral_rewards" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_org_id_referrer_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","referrer_customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_org_id_referee_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","referee_customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_org_id_order_id_orders_org_id_id_fk" FOREIGN KEY ("org_id","order_id") REFERENCES "public"."orders"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "referral_rewards_referee" ON "referral_rewards" USING btree ("org_id","referee_customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_rewards_order" ON "referral_rewards" USING btree ("org_id","order_id");--> statement-breakpoint
CREATE INDEX "referral_rewards_referrer" ON "referral_rewards" USING btree ("org_id","referrer_customer_id");--> statement-breakpoint
CREATE POLICY "referral_rewards: only rows of the current org" ON "referral_rewards" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "referral_rewards: who may read" ON "referral_rewards" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and referrer_customer_id = app_customer_id())));--> statement-breakpoint
CREATE POLICY "referral_rewards: who may add" ON "referral_rewards" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "referral_rewards: who may change" ON "referral_rewards" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "referral_rewards: who may remove" ON "referral_rewards" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON referral_rewards TO tandem_app;--> statement-breakpoint
ALTER TABLE referral_rewards FORCE ROW LEVEL SECURITY;
