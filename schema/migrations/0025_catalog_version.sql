ALTER TABLE "orgs" ADD COLUMN "catalog_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The embed's program answer is kept in each API process per org version
-- (server/surfaces/embed/program-answers.ts): every change to what it shows raises the org's
-- catalog_version. SECURITY DEFINER: whoever edits (staff, the server as system) need not
-- be allowed to update orgs; it raises a counter of the orgs whose rows the statement changed
-- and nothing else.
CREATE OR REPLACE FUNCTION raise_catalog_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE orgs SET catalog_version = catalog_version + 1 WHERE id IN (SELECT DISTINCT org_id FROM changed);
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION raise_catalog_version() FROM PUBLIC;
--> statement-breakpoint
-- (A trigger function cannot be called directly; the grant only says whose statements may fire it.)
GRANT EXECUTE ON FUNCTION raise_catalog_version() TO tandem_app;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['programs', 'program_variants', 'program_intake_forms', 'program_milestones', 'program_instructors', 'staff', 'locations'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION raise_catalog_version()', t || '_catalog_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION raise_catalog_version()', t || '_catalog_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION raise_catalog_version()', t || '_catalog_delete', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- The org's own row: its billing account decides the bank method a program offers.
CREATE OR REPLACE FUNCTION orgs_billing_raises_catalog_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.billing IS DISTINCT FROM OLD.billing THEN
    NEW.catalog_version := OLD.catalog_version + 1;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER orgs_catalog_version BEFORE UPDATE ON orgs FOR EACH ROW EXECUTE FUNCTION orgs_billing_raises_catalog_version();
