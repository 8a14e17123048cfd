CREATE TABLE "program_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"key" text NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_categories_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "program_categories_key" UNIQUE("org_id","key"),
	CONSTRAINT "program_categories_key_format" CHECK ("program_categories"."key" ~ '^[a-z0-9][a-z0-9_-]{0,39}$')
);
--> statement-breakpoint
ALTER TABLE "program_categories" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "programs" ALTER COLUMN "category" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "program_categories" ADD CONSTRAINT "program_categories_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "program_categories: only rows of the current org" ON "program_categories" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "program_categories: who may read" ON "program_categories" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (true);--> statement-breakpoint
CREATE POLICY "program_categories: who may add" ON "program_categories" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_categories: who may change" ON "program_categories" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_categories: who may remove" ON "program_categories" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
DROP TYPE "public"."program_category";--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON program_categories TO tandem_app;--> statement-breakpoint
ALTER TABLE program_categories FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Every existing studio starts with the four categories it had as a fixed list (all its programs use one of them).
INSERT INTO program_categories (org_id, key, labels, sort_order)
SELECT o.id, c.key, c.labels::jsonb, c.n FROM orgs o CROSS JOIN (VALUES
  ('coaching', '{"en":"Coaching","de":"Coaching","fr":"Coaching","it":"Coaching"}', 1),
  ('mobility', '{"en":"Mobility","de":"Beweglichkeit","fr":"Mobilité","it":"Mobilità"}', 2),
  ('reiki', '{"en":"Reiki","de":"Reiki","fr":"Reiki","it":"Reiki"}', 3),
  ('private_class', '{"en":"Private class","de":"Privatstunde","fr":"Cours privé","it":"Lezione privata"}', 4)
) AS c(key, labels, n)
ON CONFLICT DO NOTHING;
