-- resolve_api_key also answers the role and whether the key's staff member is still active, so
-- the admin API knows who a secret key acts as in the one lookup it makes before the org is known
-- (it read the staff row in a second transaction). Publishable keys have no staff member: nulls.
DROP FUNCTION IF EXISTS resolve_api_key(text);
--> statement-breakpoint
CREATE FUNCTION resolve_api_key(p_hash text)
RETURNS TABLE (org_id uuid, key_id uuid, kind api_key_kind, staff_id uuid, revoked boolean, origins text[], staff_role staff_role, staff_active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT k.org_id, k.id, k.kind, k.staff_id, k.revoked_at IS NOT NULL,
         coalesce((SELECT array_agg(d.origin ORDER BY d.origin) FROM org_domains d WHERE d.org_id = k.org_id), '{}'),
         s.role, s.is_active
    FROM api_keys k
    LEFT JOIN staff s ON s.id = k.staff_id AND s.org_id = k.org_id
   WHERE k.key_hash = p_hash
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION resolve_api_key(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION resolve_api_key(text) TO tandem_app;
