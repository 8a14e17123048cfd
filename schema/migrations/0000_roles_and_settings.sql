-- The role requests run as, and the functions policies read the request's identity from.
-- Roles are cluster-wide: create only when missing (several databases share one server in CI).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tandem_app') THEN
    CREATE ROLE tandem_app NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
-- The connecting user must be able to SET ROLE tandem_app.
DO $$
BEGIN
  EXECUTE format('GRANT tandem_app TO %I', current_user);
EXCEPTION WHEN others THEN
  NULL; -- already a member, or a superuser (who may switch to any role)
END
$$;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT coalesce(nullif(current_setting('app.role', true), ''), 'none') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_customer_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.customer_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_link_token() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.link_token', true), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_idempotency_key() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.idempotency_key', true), '') $$;
