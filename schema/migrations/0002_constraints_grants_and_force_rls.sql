-- What Drizzle cannot express: exclusion constraints, the credit ledger's running
-- balance, the key lookup that precedes knowing the org, grants, and FORCE RLS.

-- No double booking: two live blocks of one instructor, or of one room, never overlap.
ALTER TABLE schedule_blocks ADD CONSTRAINT schedule_blocks_no_instructor_overlap
  EXCLUDE USING gist (instructor_id WITH =, during WITH &&) WHERE (status <> 'cancelled' AND instructor_id IS NOT NULL);
--> statement-breakpoint
ALTER TABLE schedule_blocks ADD CONSTRAINT schedule_blocks_no_resource_overlap
  EXCLUDE USING gist (resource_id WITH =, during WITH &&) WHERE (status <> 'cancelled' AND resource_id IS NOT NULL);
--> statement-breakpoint
CREATE INDEX schedule_blocks_during ON schedule_blocks USING gist (org_id, during) WHERE status <> 'cancelled';
--> statement-breakpoint

-- Credits: each entry carries the balance after it. Entries of one customer are
-- serialised by an advisory lock, so concurrent debits see each other and the
-- check constraint (balance_after >= 0) refuses an overdraft.
CREATE OR REPLACE FUNCTION credit_ledger_running_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE previous integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('credit_ledger:' || NEW.customer_id::text, 0));
  SELECT l.balance_after INTO previous FROM credit_ledger l
   WHERE l.org_id = NEW.org_id AND l.customer_id = NEW.customer_id
   ORDER BY l.created_at DESC, l.id DESC LIMIT 1;
  NEW.balance_after := coalesce(previous, 0) + NEW.delta;
  NEW.created_at := clock_timestamp();
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER credit_ledger_running_balance BEFORE INSERT ON credit_ledger
  FOR EACH ROW EXECUTE FUNCTION credit_ledger_running_balance();
--> statement-breakpoint

-- A key is looked up before the org is known, so RLS cannot scope it: this one
-- function reads api_keys and org_domains by the key's hash, nothing else.
CREATE OR REPLACE FUNCTION resolve_api_key(p_hash text)
RETURNS TABLE (org_id uuid, key_id uuid, kind api_key_kind, staff_id uuid, revoked boolean, origins text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT k.org_id, k.id, k.kind, k.staff_id, k.revoked_at IS NOT NULL,
         coalesce((SELECT array_agg(d.origin ORDER BY d.origin) FROM org_domains d WHERE d.org_id = k.org_id), '{}')
    FROM api_keys k WHERE k.key_hash = p_hash
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION resolve_api_key(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION resolve_api_key(text) TO tandem_app;
--> statement-breakpoint

-- A CORS preflight carries no key: it may pass when some org allows the origin;
-- the request that follows is checked against its own key's org.
CREATE OR REPLACE FUNCTION origin_is_allowed(p_origin text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM org_domains WHERE origin = p_origin)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION origin_is_allowed(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION origin_is_allowed(text) TO tandem_app;
--> statement-breakpoint

GRANT USAGE ON SCHEMA public TO tandem_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tandem_app;
--> statement-breakpoint
-- The ledger is append-only for everyone.
REVOKE UPDATE, DELETE ON credit_ledger FROM tandem_app;
--> statement-breakpoint

-- RLS binds table owners too (FORCE), on every table.
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.tablename);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.tablename);
  END LOOP;
END
$$;
