-- Intake forms: the order of the questions becomes data. jsonb keeps no key order (PostgreSQL
-- sorts an object's keys shorter-first), so a stored form's `properties` came back scrambled.
-- Every form without `x-order` gets one: the demo studio's forms (recognised by their questions)
-- in the order their seed wrote them; any other form in the stored order with consent
-- checkboxes (`const: true` or `x-consent`) last. The owner runs this, so RLS is lifted for it.
ALTER TABLE "program_intake_forms" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
WITH props AS (
  SELECT f.id, k.key, k.n,
         coalesce(f.form_schema_json->'properties'->k.key->>'const' = 'true' OR f.form_schema_json->'properties'->k.key->>'x-consent' = 'true', false) AS consent
    FROM "program_intake_forms" f
   CROSS JOIN LATERAL jsonb_object_keys(f.form_schema_json->'properties') WITH ORDINALITY AS k(key, n)
   WHERE NOT (f.form_schema_json ? 'x-order') AND jsonb_typeof(f.form_schema_json->'properties') = 'object'
), forms AS (
  SELECT id, array_agg(key ORDER BY key COLLATE "C") AS names, jsonb_agg(key ORDER BY consent, n) AS stored_order FROM props GROUP BY id
)
UPDATE "program_intake_forms" f
   SET form_schema_json = f.form_schema_json || jsonb_build_object('x-order', CASE
         WHEN forms.names = ARRAY['consent', 'experience', 'focus', 'goal', 'hours_per_week', 'online_ok', 'start_by']::text[]
           THEN '["goal", "experience", "focus", "hours_per_week", "start_by", "online_ok", "consent"]'::jsonb
         WHEN forms.names = ARRAY['injuries', 'level']::text[] THEN '["level", "injuries"]'::jsonb
         ELSE forms.stored_order END)
  FROM forms
 WHERE f.id = forms.id;--> statement-breakpoint
ALTER TABLE "program_intake_forms" FORCE ROW LEVEL SECURITY;
