-- The hold sweeper starts without an org: like the other background workers (0004) it asks
-- only which orgs have reserved bookings or held blocks whose hold has expired, then
-- releases each org's holds through withTenant.
CREATE OR REPLACE FUNCTION orgs_with_expired_holds(p_now timestamptz) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT org_id FROM program_bookings WHERE status = 'reserved' AND hold_expires_at <= p_now
  UNION
  SELECT org_id FROM schedule_blocks WHERE status = 'held' AND hold_expires_at <= p_now
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orgs_with_expired_holds(timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION orgs_with_expired_holds(timestamptz) TO tandem_app;
