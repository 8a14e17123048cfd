-- Studios whose owner never proved the address are removed after a while by a scheduled job, before any
-- org is known: this deletes every such studio that signed up before p_before (the studio, its inactive
-- owner and sign-up row by their cascades, and the code mails waiting in its outbox) and answers how many.
-- Only a cross-tenant transaction may; for anyone else it deletes nothing.
CREATE FUNCTION sign_ups_remove_unverified(p_before timestamptz)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  removed integer;
BEGIN
  IF current_setting('app.role', true) IS DISTINCT FROM 'cross_tenant' THEN RETURN 0; END IF;
  -- A studio with customers or programs is someone's work (it cannot be, unverified): it is never removed here.
  WITH gone AS (SELECT s.org_id FROM studio_sign_ups s WHERE s.verified_at IS NULL AND s.created_at < p_before
                   AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.org_id = s.org_id)
                   AND NOT EXISTS (SELECT 1 FROM programs p WHERE p.org_id = s.org_id)),
       mails AS (DELETE FROM mail_outbox WHERE org_id IN (SELECT org_id FROM gone) RETURNING 1),
       studios AS (DELETE FROM orgs WHERE id IN (SELECT org_id FROM gone) RETURNING 1)
  SELECT count(*) INTO removed FROM studios;
  RETURN removed;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION sign_ups_remove_unverified(timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION sign_ups_remove_unverified(timestamptz) TO tandem_app;
