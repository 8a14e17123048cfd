-- Background work now runs as jobs on the queue (pg-boss, schema pgboss), each job naming
-- its org: the functions that walked every org for due mail, installments and expired
-- holds have no caller left. (orgs_with_mail stays: the loopback-only demo outbox page
-- lists every studio's mail.)
DROP FUNCTION IF EXISTS orgs_with_pending_mail(timestamptz);
--> statement-breakpoint
DROP FUNCTION IF EXISTS orgs_with_due_installments(timestamptz);
--> statement-breakpoint
DROP FUNCTION IF EXISTS orgs_with_expired_holds(timestamptz);
