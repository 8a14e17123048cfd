-- Background workers (the mail outbox, installment charges) start without an org: RLS
-- cannot scope "which orgs have work". These functions answer only that — org ids, nothing
-- else — and the worker then reads and writes each org's rows through withTenant.
CREATE OR REPLACE FUNCTION orgs_with_pending_mail(p_now timestamptz) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT org_id FROM mail_outbox
   WHERE status = 'pending' AND (available_at IS NULL OR available_at <= p_now)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orgs_with_pending_mail(timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION orgs_with_pending_mail(timestamptz) TO tandem_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION orgs_with_due_installments(p_now timestamptz) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT org_id FROM installments
   WHERE status IN ('scheduled', 'failed') AND coalesce(next_attempt_at, due_at) <= p_now
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orgs_with_due_installments(timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION orgs_with_due_installments(timestamptz) TO tandem_app;
--> statement-breakpoint
-- The demo's outbox page lists every org's mail (demo only, no SMTP configured).
CREATE OR REPLACE FUNCTION orgs_with_mail() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT org_id FROM mail_outbox
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orgs_with_mail() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION orgs_with_mail() TO tandem_app;
