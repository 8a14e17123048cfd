-- The portal's bearer is an identity token without a key beside it, so its org is not known
-- before the token is: this answers only which org a session token's hash belongs to. Expiry
-- and revocation are checked by the server afterwards, within that org and under its policies.
CREATE OR REPLACE FUNCTION customer_session_org(p_hash text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT org_id FROM customer_sessions WHERE token_hash = p_hash
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION customer_session_org(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION customer_session_org(text) TO tandem_app;
