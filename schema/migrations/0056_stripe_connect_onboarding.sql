CREATE TABLE "stripe_connect_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"account_id" text,
	"charges_enabled" boolean DEFAULT false NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"details_submitted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stripe_connect_accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "stripe_connect_accounts" ADD CONSTRAINT "stripe_connect_accounts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stripe_connect_accounts_one_per_org" ON "stripe_connect_accounts" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stripe_connect_accounts_account" ON "stripe_connect_accounts" USING btree ("account_id");--> statement-breakpoint
CREATE POLICY "stripe_connect_accounts: only rows of the current org" ON "stripe_connect_accounts" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "stripe_connect_accounts: who may read" ON "stripe_connect_accounts" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "stripe_connect_accounts: who may add" ON "stripe_connect_accounts" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() = 'owner');--> statement-breakpoint
CREATE POLICY "stripe_connect_accounts: who may change" ON "stripe_connect_accounts" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'system')) WITH CHECK (app_role() in ('owner', 'system'));--> statement-breakpoint
CREATE POLICY "stripe_connect_accounts: who may remove" ON "stripe_connect_accounts" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON stripe_connect_accounts TO tandem_app;--> statement-breakpoint
ALTER TABLE stripe_connect_accounts FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Once Stripe enables charges on a studio's connected account, it becomes the studio's payment account
-- (orgs.stripe_account_id: card and TWINT payments are made on it from then on). SECURITY DEFINER: the
-- server records what Stripe says (the account.updated webhook, as system) but may not update orgs; this
-- sets that one column of the row's own org to the row's own account, and nothing else.
CREATE FUNCTION stripe_connect_account_ready() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.charges_enabled AND NEW.account_id IS NOT NULL THEN
    UPDATE orgs SET stripe_account_id = NEW.account_id WHERE id = NEW.org_id AND stripe_account_id IS DISTINCT FROM NEW.account_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION stripe_connect_account_ready() FROM PUBLIC;
--> statement-breakpoint
-- (A trigger function cannot be called directly; the grant only says whose statements may fire it.)
GRANT EXECUTE ON FUNCTION stripe_connect_account_ready() TO tandem_app;
--> statement-breakpoint
CREATE TRIGGER stripe_connect_accounts_ready AFTER INSERT OR UPDATE ON stripe_connect_accounts FOR EACH ROW EXECUTE FUNCTION stripe_connect_account_ready();
