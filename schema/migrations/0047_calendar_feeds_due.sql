-- Calendar feeds are fetched again every few hours by a job that runs on a schedule for every
-- studio at once, before any org is known: this answers which feeds are due (never synced, or
-- last synced before p_before), oldest first, and nothing else. Only a cross-tenant transaction
-- gets an answer; a request acting for one studio gets none.
CREATE FUNCTION calendar_feeds_due(p_before timestamptz, p_limit integer)
RETURNS TABLE (org_id uuid, feed_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT f.org_id, f.id
    FROM calendar_feeds f
   WHERE current_setting('app.role', true) = 'cross_tenant'
     AND (f.last_synced_at IS NULL OR f.last_synced_at < p_before)
   ORDER BY f.last_synced_at NULLS FIRST, f.id
   LIMIT greatest(p_limit, 0)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION calendar_feeds_due(timestamptz, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION calendar_feeds_due(timestamptz, integer) TO tandem_app;
