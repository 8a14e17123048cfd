-- The origins a publishable key works from are the studio's setting, like its keys and staff:
-- the owner and managers write them; the server itself (system) only reads them.
ALTER POLICY "org_domains: who may add" ON "org_domains" TO tandem_app WITH CHECK (app_role() in ('owner', 'manager'));--> statement-breakpoint
ALTER POLICY "org_domains: who may change" ON "org_domains" TO tandem_app USING (app_role() in ('owner', 'manager')) WITH CHECK (app_role() in ('owner', 'manager'));--> statement-breakpoint
ALTER POLICY "org_domains: who may remove" ON "org_domains" TO tandem_app USING (app_role() in ('owner', 'manager'));