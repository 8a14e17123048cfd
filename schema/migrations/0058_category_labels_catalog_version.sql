-- The embed's program answers now say the category's label in the widget's language (else the
-- studio's): a change to the studio's category list, or to its language, changes what they show,
-- so it raises the org's catalog_version like every other such change (0025).
DO $$
DECLARE t text := 'program_categories';
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION raise_catalog_version()', t || '_catalog_insert', t);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION raise_catalog_version()', t || '_catalog_update', t);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION raise_catalog_version()', t || '_catalog_delete', t);
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION orgs_billing_raises_catalog_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.billing IS DISTINCT FROM OLD.billing OR NEW.default_locale IS DISTINCT FROM OLD.default_locale THEN
    NEW.catalog_version := OLD.catalog_version + 1;
  END IF;
  RETURN NEW;
END $$;
