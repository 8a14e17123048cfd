/**
 * Intake questions in the order the studio wrote them: the order is data (`x-order`), because
 * jsonb keeps no key order; choices have labels per language; stored forms without an order get
 * one from migration 0014 (the demo's in the seed's order, others with consent last).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { query } from '../../support/booking.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { answersForDisplay, fieldsFromSchema } from '../../../shared/intake-form.ts';
import type { ProgramDetail } from '../../../schema/api/embed-programs.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const EVOLVE_ORDER = ['goal', 'experience', 'focus', 'hours_per_week', 'start_by', 'online_ok', 'consent'];

describe('intake form order and labels', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db);
  });
  after(async () => db.close());

  const program = async (slug: string) => (await (await app.request(`/v1/embed/programs/${slug}`, { headers: flowKey })).json()) as ProgramDetail;

  test('the API answers the form with its order as data, the consent last; the widget model follows it', async () => {
    const schema = (await program('evolve')).intake_form!.schema;
    assert.deepEqual(schema['x-order'], EVOLVE_ORDER);
    assert.notDeepEqual(Object.keys(schema.properties as object), EVOLVE_ORDER, 'the stored object itself comes back in jsonb order');
    assert.deepEqual(fieldsFromSchema(schema, 'en').map((f) => f.name), EVOLVE_ORDER);
    assert.deepEqual((await program('split')).intake_form!.schema['x-order'], ['level', 'injuries']);
  });

  test('choices carry labels per language, never the raw values', async () => {
    const schema = (await program('evolve')).intake_form!.schema;
    const experience = (lang: string) => fieldsFromSchema(schema, lang).find((f) => f.name === 'experience')!;
    assert.deepEqual(experience('en').options.map((o) => o.label), ['Never', 'Once', 'Regularly']);
    assert.deepEqual(experience('de').options.map((o) => o.label), ['Nie', 'Einmal', 'Regelmässig']);
    assert.equal(experience('fr').label, 'Avez-vous déjà travaillé avec un coach ?');
    assert.deepEqual(experience('it').options.map((o) => o.value), ['never', 'once', 'regularly'], 'the values stay what the server checks');
    const focus = fieldsFromSchema(schema, 'de').find((f) => f.name === 'focus')!;
    assert.deepEqual(focus.options.map((o) => o.label), ['Beruf', 'Beziehungen', 'Gesundheit', 'Selbstvertrauen']);
    // stored answers as staff and mails show them: the form's order and labels
    const shown = answersForDisplay(schema, { consent: true, experience: 'once', goal: 'Change jobs calmly', focus: ['health', 'career'] }, 'de');
    assert.deepEqual(shown.map((a) => [a.name, a.value]), [['goal', 'Change jobs calmly'], ['experience', 'Einmal'], ['focus', 'Gesundheit, Beruf'], ['consent', 'true']]);
  });

  test('migration 0014 gives stored forms without an order one: the seed order for the demo forms, consent last for others', async () => {
    const evolveForm = await query(db.db, sql`select form_schema_json from program_intake_forms where program_id = ${FLOW.evolve}`);
    const stripped = { ...(evolveForm[0]!.form_schema_json as Record<string, unknown>) };
    delete stripped['x-order'];
    await db.db.execute(sql`update program_intake_forms set form_schema_json = ${JSON.stringify(stripped)}::jsonb where program_id = ${FLOW.evolve}`);
    const other = { type: 'object', properties: { terms: { type: 'boolean', 'x-consent': true }, pet_name: { type: 'string' }, age: { type: 'integer' } } };
    await db.db.execute(sql`insert into program_intake_forms (org_id, program_id, form_schema_json) values (${FLOW.org}, ${FLOW.reiki}, ${JSON.stringify(other)}::jsonb)`);
    const migration = readFileSync(new URL('../../../schema/migrations/0014_intake_form_order.sql', import.meta.url), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) await db.db.execute(sql.raw(statement));
    const orders = await query(db.db, sql`select program_id, form_schema_json->'x-order' as o from program_intake_forms where program_id in (${FLOW.evolve}, ${FLOW.reiki})`);
    const byProgram = new Map(orders.map((r) => [r.program_id, r.o]));
    assert.deepEqual(byProgram.get(FLOW.evolve), EVOLVE_ORDER);
    assert.deepEqual(byProgram.get(FLOW.reiki), ['age', 'pet_name', 'terms'], 'stored order (jsonb: shorter keys first), the consent last');
    const [rls] = await query(db.db, sql`select relforcerowsecurity as forced from pg_class where relname = 'program_intake_forms'`);
    assert.equal(rls!.forced, true, 'RLS forced again');
  });
});
