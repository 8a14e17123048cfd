-- The hosted program pages (/p/:studio/…) carry no key: a studio is named by its slug, and the
-- org is not known before the slug is resolved. This answers the org of a slug and the studio's
-- publishable key (public by nature: it is stored as is and printed on the studio's own pages),
-- which the page hands to the widget. Everything else the page shows is read afterwards as the
-- anonymous caller of that org, under the policies.
CREATE OR REPLACE FUNCTION studio_by_slug(p_slug text)
RETURNS TABLE (org_id uuid, publishable_key text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT o.id,
         (SELECT k.prefix FROM api_keys k
           WHERE k.org_id = o.id AND k.kind = 'publishable' AND k.revoked_at IS NULL
           ORDER BY k.created_at, k.id LIMIT 1)
    FROM orgs o WHERE o.slug = p_slug
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION studio_by_slug(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION studio_by_slug(text) TO tandem_app;
--> statement-breakpoint
-- The sitemap index across studios: the slugs of studios with at least one page a search engine
-- may index (an active public program), and when the newest of them changed. Nothing else.
CREATE OR REPLACE FUNCTION studios_with_public_pages()
RETURNS TABLE (slug text, lastmod timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT o.slug, max(p.updated_at)
    FROM orgs o JOIN programs p ON p.org_id = o.id
   WHERE p.is_active AND p.visibility = 'public'
   GROUP BY o.slug
   ORDER BY o.slug
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION studios_with_public_pages() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION studios_with_public_pages() TO tandem_app;
