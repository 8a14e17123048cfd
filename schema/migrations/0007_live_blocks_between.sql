-- Busy time through the index. Under row-level security a query's own conditions are
-- evaluated after the policies unless their operators are LEAKPROOF, and the range
-- operator && is not: `during && $range` then cannot use the GiST indexes, and every live
-- block of the org is read and filtered (measured: 1.2 ms with 5,000 blocks, growing with
-- the table, against 0.03 ms through schedule_blocks_during). This function reads the live
-- blocks of some instructors and of one room over a range through the index, for the
-- current org (app.org_id) only, and only for callers who may read every block of the org
-- under the table's own policies (system, owner, manager).
CREATE OR REPLACE FUNCTION live_blocks_between(p_instructors uuid[], p_resource uuid, p_from timestamptz, p_to timestamptz)
RETURNS TABLE (id uuid, instructor_id uuid, resource_id uuid, session_id uuid, status block_status, during tstzrange, hold_expires_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT b.id, b.instructor_id, b.resource_id, b.session_id, b.status, b.during, b.hold_expires_at
    FROM schedule_blocks b
   WHERE b.org_id = app_org_id()
     AND app_role() IN ('system', 'owner', 'manager')
     AND b.status <> 'cancelled'
     AND b.during && tstzrange(p_from, p_to, '[)')
     AND (b.instructor_id = ANY (p_instructors) OR b.resource_id = p_resource)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION live_blocks_between(uuid[], uuid, timestamptz, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION live_blocks_between(uuid[], uuid, timestamptz, timestamptz) TO tandem_app;
