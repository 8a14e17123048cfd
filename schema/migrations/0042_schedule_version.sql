ALTER TABLE "orgs" ADD COLUMN "schedule_version" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- The embed's slots answer is kept in each API process per org catalog and schedule version
-- (server/surfaces/embed/slots-answers.ts): every change to the time it reads (blocks, rules,
-- closures) raises the org's schedule_version in the same transaction. SECURITY DEFINER as
-- raise_catalog_version: the writer need not be allowed to update orgs; it raises a counter of
-- the orgs whose rows the statement changed and nothing else.
CREATE OR REPLACE FUNCTION raise_schedule_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE orgs SET schedule_version = schedule_version + 1 WHERE id IN (SELECT DISTINCT org_id FROM changed);
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION raise_schedule_version() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION raise_schedule_version() TO tandem_app;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['schedule_blocks', 'availability_rules', 'studio_closures'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION raise_schedule_version()', t || '_schedule_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION raise_schedule_version()', t || '_schedule_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION raise_schedule_version()', t || '_schedule_delete', t);
  END LOOP;
END $$;
