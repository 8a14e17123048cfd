CREATE TABLE "schedule_version_stripes" (
	"org_id" uuid NOT NULL,
	"stripe" integer NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "schedule_version_stripes_pkey" PRIMARY KEY("org_id","stripe")
);
--> statement-breakpoint
ALTER TABLE "schedule_version_stripes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "schedule_version_stripes" ADD CONSTRAINT "schedule_version_stripes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orgs" DROP COLUMN "schedule_version";--> statement-breakpoint
CREATE POLICY "schedule_version_stripes: only rows of the current org" ON "schedule_version_stripes" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "schedule_version_stripes: who may read" ON "schedule_version_stripes" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (true);--> statement-breakpoint
CREATE POLICY "schedule_version_stripes: who may add" ON "schedule_version_stripes" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "schedule_version_stripes: who may change" ON "schedule_version_stripes" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (false) WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "schedule_version_stripes: who may remove" ON "schedule_version_stripes" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
GRANT SELECT ON schedule_version_stripes TO tandem_app;--> statement-breakpoint
ALTER TABLE schedule_version_stripes FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- The schedule version was a counter on the org's row: every booking's block insert updated it and
-- held that row until COMMIT, so a studio's bookings committed one after the other. Now the writing
-- connection raises its own stripe (its backend pid: a connection runs one transaction at a time,
-- so no two open transactions share one), and the version read is the sum over the org's stripes:
-- it still grows with every committed change. A connection's first change in an org folds the
-- stripes of connections that have ended into stripe 0 (the sum unchanged), so an org keeps about
-- as many stripes as connections write to it.
CREATE OR REPLACE FUNCTION raise_schedule_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  first_in uuid[];
BEGIN
  WITH raised AS (
    INSERT INTO schedule_version_stripes AS s (org_id, stripe, version)
      SELECT o.org_id, pg_backend_pid(), 1 FROM (SELECT DISTINCT org_id FROM changed) o ORDER BY o.org_id
    ON CONFLICT (org_id, stripe) DO UPDATE SET version = s.version + 1
    RETURNING s.org_id, s.version
  ) SELECT array_agg(org_id) INTO first_in FROM raised WHERE version = 1;
  IF first_in IS NOT NULL THEN
    WITH gone AS (
      DELETE FROM schedule_version_stripes s
       WHERE s.org_id = ANY (first_in) AND s.stripe NOT IN (0, pg_backend_pid())
         AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = s.stripe)
      RETURNING s.org_id, s.version
    )
    INSERT INTO schedule_version_stripes AS s (org_id, stripe, version)
      SELECT org_id, 0, sum(version) FROM gone GROUP BY org_id ORDER BY org_id
    ON CONFLICT (org_id, stripe) DO UPDATE SET version = s.version + excluded.version;
  END IF;
  RETURN NULL;
END $$;
