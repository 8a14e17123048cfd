-- Token buckets taken in one statement: one token from each bucket, in order, the first that
-- refuses stopping the rest (server/platform/http/rate-limit.ts, takeTokens). SECURITY INVOKER:
-- it runs as the request's caller, under rate_limit_buckets' policies like the upsert it replaces.
-- refused: 0 when every bucket gave its token, else the (1-based) bucket that refused;
-- tokens: what that bucket holds after the refusal (for Retry-After).
CREATE OR REPLACE FUNCTION take_tokens(p_org uuid, p_buckets text[], p_burst float8[], p_per_second float8[], p_at timestamptz,
                                       OUT refused int, OUT tokens float8)
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  i int;
  v_level float8;
  v_granted boolean;
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_buckets, 1), 0) LOOP
    -- The refilled level from the row as it was (SET expressions see the old row); 1e-9 absorbs float rounding.
    INSERT INTO rate_limit_buckets AS b (org_id, bucket, tokens, granted, updated_at)
    VALUES (p_org, p_buckets[i], CASE WHEN p_burst[i] >= 1 THEN p_burst[i] - 1 ELSE p_burst[i] END, p_burst[i] >= 1, p_at)
    ON CONFLICT (org_id, bucket) DO UPDATE SET
      tokens = CASE WHEN least(p_burst[i], b.tokens + p_per_second[i] * greatest(0, extract(epoch FROM (p_at - b.updated_at)))) + 1e-9 >= 1
                    THEN greatest(0, least(p_burst[i], b.tokens + p_per_second[i] * greatest(0, extract(epoch FROM (p_at - b.updated_at)))) - 1)
                    ELSE least(p_burst[i], b.tokens + p_per_second[i] * greatest(0, extract(epoch FROM (p_at - b.updated_at)))) END,
      granted = least(p_burst[i], b.tokens + p_per_second[i] * greatest(0, extract(epoch FROM (p_at - b.updated_at)))) + 1e-9 >= 1,
      updated_at = greatest(b.updated_at, excluded.updated_at)
    RETURNING b.tokens, b.granted INTO v_level, v_granted;
    IF NOT v_granted THEN
      refused := i;
      tokens := v_level;
      RETURN;
    END IF;
  END LOOP;
  refused := 0;
  tokens := NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION take_tokens(uuid, text[], float8[], float8[], timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION take_tokens(uuid, text[], float8[], float8[], timestamptz) TO tandem_app;
--> statement-breakpoint
-- Each API process keeps resolved publishable keys for a few seconds (server/platform/http/key-cache.ts):
-- any change to api_keys (a revocation, new origins) tells them to forget them at once.
CREATE OR REPLACE FUNCTION notify_api_keys_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tandem_api_keys', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER api_keys_changed AFTER UPDATE OR DELETE ON api_keys FOR EACH STATEMENT EXECUTE FUNCTION notify_api_keys_changed();
