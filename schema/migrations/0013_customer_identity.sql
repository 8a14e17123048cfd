CREATE TYPE "public"."link_purpose" AS ENUM('manage', 'invoice');--> statement-breakpoint
CREATE TABLE "customer_login_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"email" text NOT NULL,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_login_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "customer_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "link_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"purpose" "link_purpose" NOT NULL,
	"booking_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "link_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "program_bookings" ADD COLUMN "customer_name" text;--> statement-breakpoint
ALTER TABLE "program_bookings" ADD COLUMN "customer_phone" text;--> statement-breakpoint
ALTER TABLE "program_bookings" ADD COLUMN "customer_locale" text;--> statement-breakpoint
ALTER TABLE "program_bookings" ADD COLUMN "customer_timezone" text;--> statement-breakpoint
ALTER TABLE "customer_login_codes" ADD CONSTRAINT "customer_login_codes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_sessions" ADD CONSTRAINT "customer_sessions_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_tokens" ADD CONSTRAINT "link_tokens_org_id_booking_id_program_bookings_org_id_id_fk" FOREIGN KEY ("org_id","booking_id") REFERENCES "public"."program_bookings"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_login_codes_email" ON "customer_login_codes" USING btree ("org_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_sessions_token" ON "customer_sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "customer_sessions_customer" ON "customer_sessions" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "link_tokens_token" ON "link_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "link_tokens_live" ON "link_tokens" USING btree ("org_id","booking_id","purpose") WHERE "link_tokens"."revoked_at" is null;--> statement-breakpoint
CREATE POLICY "customer_login_codes: only rows of the current org" ON "customer_login_codes" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "customer_login_codes: who may read" ON "customer_login_codes" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() = 'system');--> statement-breakpoint
CREATE POLICY "customer_login_codes: who may add" ON "customer_login_codes" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() = 'system');--> statement-breakpoint
CREATE POLICY "customer_login_codes: who may change" ON "customer_login_codes" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() = 'system') WITH CHECK (app_role() = 'system');--> statement-breakpoint
CREATE POLICY "customer_login_codes: who may remove" ON "customer_login_codes" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() = 'system');--> statement-breakpoint
CREATE POLICY "customer_sessions: only rows of the current org" ON "customer_sessions" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "customer_sessions: who may read" ON "customer_sessions" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and customer_id = app_customer_id())));--> statement-breakpoint
CREATE POLICY "customer_sessions: who may add" ON "customer_sessions" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() = 'system');--> statement-breakpoint
CREATE POLICY "customer_sessions: who may change" ON "customer_sessions" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and customer_id = app_customer_id()))) WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and customer_id = app_customer_id())));--> statement-breakpoint
CREATE POLICY "customer_sessions: who may remove" ON "customer_sessions" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager'));--> statement-breakpoint
CREATE POLICY "link_tokens: only rows of the current org" ON "link_tokens" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "link_tokens: who may read" ON "link_tokens" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "link_tokens: who may add" ON "link_tokens" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "link_tokens: who may change" ON "link_tokens" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "link_tokens: who may remove" ON "link_tokens" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager'));--> statement-breakpoint
-- Requests reach these tables as tandem_app; RLS binds the owner too.
GRANT SELECT, INSERT, UPDATE, DELETE ON customer_login_codes, customer_sessions, link_tokens TO tandem_app;
--> statement-breakpoint
ALTER TABLE customer_login_codes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE customer_sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE link_tokens FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A link in a mail or an <a href> carries no key, so its org is not known before the token is:
-- this answers only which org a token's hash belongs to. Expiry and revocation are checked by
-- the server afterwards, within that org and under its policies.
CREATE OR REPLACE FUNCTION link_token_org(p_hash text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT org_id FROM link_tokens WHERE token_hash = p_hash
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION link_token_org(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION link_token_org(text) TO tandem_app;
