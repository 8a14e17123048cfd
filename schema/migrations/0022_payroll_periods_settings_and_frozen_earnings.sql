CREATE TABLE "payroll_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"paid_on" date,
	"paid_reference" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payroll_periods_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "payroll_periods_start" UNIQUE("org_id","starts_on"),
	CONSTRAINT "payroll_periods_status" CHECK ("payroll_periods"."status" in ('open', 'closed', 'paid')),
	CONSTRAINT "payroll_periods_dates" CHECK ("payroll_periods"."starts_on" <= "payroll_periods"."ends_on"),
	CONSTRAINT "payroll_periods_paid" CHECK ("payroll_periods"."status" <> 'paid' or ("payroll_periods"."paid_on" is not null and "payroll_periods"."paid_reference" is not null))
);
--> statement-breakpoint
ALTER TABLE "payroll_periods" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payroll_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"period_kind" text DEFAULT 'monthly' NOT NULL,
	"anchor_on" date,
	"no_show_share_bp" integer DEFAULT 0 NOT NULL,
	"late_cancel_share_bp" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payroll_settings_kind" CHECK ("payroll_settings"."period_kind" in ('monthly', 'semi_monthly', 'biweekly')),
	CONSTRAINT "payroll_settings_anchor" CHECK ("payroll_settings"."period_kind" <> 'biweekly' or "payroll_settings"."anchor_on" is not null),
	CONSTRAINT "payroll_settings_shares" CHECK ("payroll_settings"."no_show_share_bp" between 0 and 10000 and "payroll_settings"."late_cancel_share_bp" between 0 and 10000),
	CONSTRAINT "payroll_settings_currency" CHECK ("payroll_settings"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "payroll_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "payroll_rules" DROP CONSTRAINT "payroll_rules_kind";--> statement-breakpoint
ALTER TABLE "payroll_rules" DROP CONSTRAINT "payroll_rules_value";--> statement-breakpoint
DROP INDEX "earnings_session";--> statement-breakpoint
ALTER TABLE "earnings" ADD COLUMN "period_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "earnings" ADD COLUMN "kind" text NOT NULL;--> statement-breakpoint
ALTER TABLE "earnings" ADD COLUMN "program_id" uuid;--> statement-breakpoint
ALTER TABLE "earnings" ADD COLUMN "rule" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "earnings" ADD COLUMN "inputs" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "earnings" ADD COLUMN "earned_on" date NOT NULL;--> statement-breakpoint
ALTER TABLE "earnings" ADD COLUMN "adjusts_id" uuid;--> statement-breakpoint
ALTER TABLE "earnings" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "payroll_rules" ADD COLUMN "min_amount" integer;--> statement-breakpoint
ALTER TABLE "payroll_rules" ADD COLUMN "max_amount" integer;--> statement-breakpoint
ALTER TABLE "payroll_rules" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "earnings" ADD CONSTRAINT "earnings_org_id" UNIQUE("org_id","id");--> statement-breakpoint
ALTER TABLE "payroll_rules" ADD CONSTRAINT "payroll_rules_org_id" UNIQUE("org_id","id");--> statement-breakpoint
ALTER TABLE "payroll_periods" ADD CONSTRAINT "payroll_periods_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_settings" ADD CONSTRAINT "payroll_settings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "earnings" ADD CONSTRAINT "earnings_org_id_period_id_payroll_periods_org_id_id_fk" FOREIGN KEY ("org_id","period_id") REFERENCES "public"."payroll_periods"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "earnings" ADD CONSTRAINT "earnings_org_id_rule_id_payroll_rules_org_id_id_fk" FOREIGN KEY ("org_id","rule_id") REFERENCES "public"."payroll_rules"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "earnings" ADD CONSTRAINT "earnings_org_id_adjusts_id_earnings_org_id_id_fk" FOREIGN KEY ("org_id","adjusts_id") REFERENCES "public"."earnings"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "earnings_booking" ON "earnings" USING btree ("org_id","booking_id") WHERE "earnings"."kind" = 'booking';--> statement-breakpoint
CREATE INDEX "earnings_period" ON "earnings" USING btree ("org_id","period_id","staff_id");--> statement-breakpoint
CREATE INDEX "earnings_adjusts" ON "earnings" USING btree ("org_id","adjusts_id");--> statement-breakpoint
CREATE INDEX "payroll_rules_staff" ON "payroll_rules" USING btree ("org_id","staff_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "earnings_session" ON "earnings" USING btree ("org_id","session_id") WHERE "earnings"."kind" = 'session';--> statement-breakpoint
ALTER TABLE "earnings" ADD CONSTRAINT "earnings_kind" CHECK ("earnings"."kind" in ('session', 'booking', 'adjustment'));--> statement-breakpoint
ALTER TABLE "earnings" ADD CONSTRAINT "earnings_links" CHECK (("earnings"."kind" = 'session' and "earnings"."session_id" is not null and "earnings"."adjusts_id" is null)
    or ("earnings"."kind" = 'booking' and "earnings"."booking_id" is not null and "earnings"."adjusts_id" is null)
    or ("earnings"."kind" = 'adjustment' and "earnings"."adjusts_id" is not null and "earnings"."reason" is not null));--> statement-breakpoint
ALTER TABLE "earnings" ADD CONSTRAINT "earnings_original_amount" CHECK ("earnings"."kind" = 'adjustment' or "earnings"."amount" >= 0);--> statement-breakpoint
ALTER TABLE "payroll_rules" ADD CONSTRAINT "payroll_rules_bounds" CHECK (("payroll_rules"."min_amount" is null or "payroll_rules"."min_amount" >= 0) and ("payroll_rules"."max_amount" is null or "payroll_rules"."max_amount" >= coalesce("payroll_rules"."min_amount", 0)));--> statement-breakpoint
ALTER TABLE "payroll_rules" ADD CONSTRAINT "payroll_rules_kind" CHECK ("payroll_rules"."kind" in ('percent', 'per_session', 'flat'));--> statement-breakpoint
ALTER TABLE "payroll_rules" ADD CONSTRAINT "payroll_rules_value" CHECK ("payroll_rules"."value" >= 0 and ("payroll_rules"."kind" <> 'percent' or "payroll_rules"."value" <= 10000));--> statement-breakpoint
CREATE POLICY "payroll_periods: only rows of the current org" ON "payroll_periods" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "payroll_periods: who may read" ON "payroll_periods" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system', 'instructor'));--> statement-breakpoint
CREATE POLICY "payroll_periods: who may add" ON "payroll_periods" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "payroll_periods: who may change" ON "payroll_periods" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "payroll_periods: who may remove" ON "payroll_periods" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
CREATE POLICY "payroll_settings: only rows of the current org" ON "payroll_settings" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "payroll_settings: who may read" ON "payroll_settings" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system', 'instructor'));--> statement-breakpoint
CREATE POLICY "payroll_settings: who may add" ON "payroll_settings" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager'));--> statement-breakpoint
CREATE POLICY "payroll_settings: who may change" ON "payroll_settings" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager')) WITH CHECK (app_role() in ('owner', 'manager'));--> statement-breakpoint
CREATE POLICY "payroll_settings: who may remove" ON "payroll_settings" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
ALTER POLICY "earnings: who may change" ON "earnings" TO tandem_app USING (false) WITH CHECK (false);--> statement-breakpoint
ALTER POLICY "earnings: who may remove" ON "earnings" TO tandem_app USING (false);--> statement-breakpoint
-- Hand-written: grants, FORCE RLS, and the rules that keep a closed period closed.
GRANT SELECT, INSERT, UPDATE ON payroll_periods, payroll_settings TO tandem_app;--> statement-breakpoint
-- Earnings are append-only: a correction is a new adjustment row, never an edit.
REVOKE UPDATE, DELETE ON earnings FROM tandem_app;--> statement-breakpoint
ALTER TABLE payroll_periods FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE payroll_settings FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- A row goes only into an open period; the period's row is share-locked, so a close waits for
-- the insert's transaction (and an insert after the close sees it closed).
CREATE OR REPLACE FUNCTION earnings_into_open_period() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
  s text;
BEGIN
  SELECT status INTO s FROM payroll_periods WHERE org_id = NEW.org_id AND id = NEW.period_id FOR SHARE;
  -- Not visible to the caller (or missing): the policies and the foreign key answer for it.
  IF s IS NOT NULL AND s <> 'open' THEN
    RAISE EXCEPTION 'payroll period % is %: nothing is added to it', NEW.period_id, s USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER earnings_into_open_period BEFORE INSERT ON earnings FOR EACH ROW EXECUTE FUNCTION earnings_into_open_period();--> statement-breakpoint
-- open → closed → paid, never back; a closed period's dates never move; a paid one never changes.
CREATE OR REPLACE FUNCTION payroll_period_forward_only() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  IF OLD.status = 'paid' AND NEW IS DISTINCT FROM OLD THEN
    RAISE EXCEPTION 'payroll period % is paid: it never changes', OLD.id USING ERRCODE = '55000';
  END IF;
  IF OLD.status = 'closed' AND (NEW.status NOT IN ('closed', 'paid') OR NEW.starts_on <> OLD.starts_on OR NEW.ends_on <> OLD.ends_on
      OR NEW.closed_at IS DISTINCT FROM OLD.closed_at OR NEW.closed_by IS DISTINCT FROM OLD.closed_by) THEN
    RAISE EXCEPTION 'payroll period % is closed: only marking it paid is possible', OLD.id USING ERRCODE = '55000';
  END IF;
  IF OLD.status = 'open' AND NEW.status = 'paid' THEN
    RAISE EXCEPTION 'payroll period % must be closed before it is paid', OLD.id USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER payroll_period_forward_only BEFORE UPDATE ON payroll_periods FOR EACH ROW EXECUTE FUNCTION payroll_period_forward_only();
