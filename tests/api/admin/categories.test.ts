/**
 * The studio's own category list: rename a category (the programs filed under it move along),
 * relabel it per language, delete one no program uses (409 `category_in_use` with the programs while
 * any does); owners and managers only, once per Idempotency-Key; the embed API names a program's
 * category in the widget's language, else in the studio's (Studio Flow writes German), and a
 * changed label shows at once in the kept program answer (the catalog version).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { DEMO_ORIGIN, demoApp, flowKey } from '../../support/app.ts';
import { fieldsOf, problemOf, query } from '../../support/booking.ts';
import { skFlow, staffKey } from '../../support/admin-money.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { CategoriesOut } from '../../../schema/api/admin-programs.ts';

describe('admin: the studio\'s categories renamed, relabelled, deleted', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db);
  });
  after(async () => db.close());

  const send = (method: 'PATCH' | 'DELETE' | 'POST', path: string, body?: unknown, headers: Record<string, string> = skFlow, key = randomUUID()) => app.request(`/v1/admin/categories${path}`, {
    method, headers: { ...headers, 'Idempotency-Key': key, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const embed = async (path: string, lang?: string) => {
    const res = await app.request(`/v1/embed${path}`, { headers: { ...flowKey, Origin: DEMO_ORIGIN, ...(lang ? { 'Accept-Language': lang } : {}) } });
    assert.equal(res.status, 200, await res.clone().text());
    return res.json() as Promise<Record<string, unknown>>;
  };
  const categoryOf = async (id: string) => String((await query(db.db, sql`select category from programs where id = ${id}`))[0]!.category);

  test('the built-in list, before the studio changes it, counts the programs filed under each key', async () => {
    const res = await app.request('/v1/admin/categories', { headers: skFlow });
    assert.equal(res.status, 200, await res.clone().text());
    const out = await res.json() as CategoriesOut;
    assert.deepEqual(out.categories.map((c) => [c.key, c.programs]), [['coaching', 1], ['mobility', 1], ['reiki', 1], ['private_class', 1]]);
  });

  test('rename: a new key and labels; the Reiki program moves along; once per Idempotency-Key', async () => {
    const key = randomUUID();
    const body = { key: 'energy-work', labels: { en: 'Energy work', de: 'Energiearbeit', fr: 'Travail énergétique' } };
    const res = await send('PATCH', '/reiki', body, skFlow, key);
    assert.equal(res.status, 200, await res.clone().text());
    const out = await res.json() as CategoriesOut;
    assert.deepEqual(out.categories.find((c) => c.key === 'energy-work'), { key: 'energy-work', labels: body.labels, programs: 1 });
    assert.ok(!out.categories.some((c) => c.key === 'reiki'));
    assert.deepEqual(out.categories.map((c) => c.key), ['coaching', 'mobility', 'energy-work', 'private_class'], 'the list keeps its order');
    assert.equal(await categoryOf(FLOW.reiki), 'energy-work');
    const replay = await send('PATCH', '/reiki', body, skFlow, key);
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
  });

  test('refusals: unknown key 404, a key the list has 409, nothing to change 400, a bad key 400; instructors 403', async () => {
    assert.equal((await send('PATCH', '/nope', { labels: { en: 'Nope' } })).status, 404);
    const taken = await send('PATCH', '/energy-work', { key: 'coaching' });
    assert.equal(taken.status, 409);
    assert.deepEqual(fieldsOf(await problemOf(taken)), ['key']);
    assert.equal((await send('PATCH', '/coaching', {})).status, 400);
    const bad = await send('PATCH', '/coaching', { key: 'Not A Key' });
    assert.equal(bad.status, 400);
    assert.deepEqual(fieldsOf(await problemOf(bad)), ['key']);
    assert.equal((await send('PATCH', '/coaching', { labels: { en: 'X' } }, await staffKey(db.db, FLOW.mara))).status, 403);
    assert.equal((await send('DELETE', '/coaching', undefined, await staffKey(db.db, FLOW.mara))).status, 403);
    assert.equal((await send('DELETE', '/nope')).status, 404);
  });

  test('delete: refused with the programs while any uses it (409 category_in_use, in the caller\'s language); an unused one goes', async () => {
    const inUse = await send('DELETE', '/energy-work');
    assert.equal(inUse.status, 409);
    assert.match(inUse.headers.get('content-type') ?? '', /application\/problem\+json/);
    const problem = await inUse.json() as { code: string; programs: { id: string; slug: string; title: string; status: string }[] };
    assert.equal(problem.code, 'category_in_use');
    assert.deepEqual(problem.programs.map((p) => [p.id, p.slug]), [[FLOW.reiki, 'reiki']]);
    assert.ok(problem.programs.every((p) => p.title && p.status));

    assert.equal((await send('POST', '', { key: 'breathwork', labels: { en: 'Breathwork' } })).status, 201);
    const gone = await send('DELETE', '/breathwork');
    assert.equal(gone.status, 200, await gone.clone().text());
    assert.ok(!(await gone.json() as CategoriesOut).categories.some((c) => c.key === 'breathwork'));
  });

  test('the embed names the category in the widget\'s language, else the studio\'s; a new label shows at once', async () => {
    assert.equal((await embed('/programs/reiki', 'fr')).category_label, 'Travail énergétique');
    assert.equal((await embed('/programs/reiki', 'en')).category_label, 'Energy work');
    // No Italian label: the studio's language (German).
    assert.equal((await embed('/programs/reiki', 'it')).category_label, 'Energiearbeit');
    const list = await embed('/programs', 'fr') as { programs: { slug: string; category: string; category_label: string }[] };
    assert.deepEqual(list.programs.find((p) => p.slug === 'reiki'), { ...list.programs.find((p) => p.slug === 'reiki'), category: 'energy-work', category_label: 'Travail énergétique' });
    assert.equal(list.programs.find((p) => p.slug === 'evolve')?.category_label, 'Coaching');

    const relabel = await send('PATCH', '/energy-work', { labels: { en: 'Energy work', de: 'Energiearbeit', it: 'Lavoro energetico' } });
    assert.equal(relabel.status, 200);
    assert.equal((await embed('/programs/reiki', 'it')).category_label, 'Lavoro energetico', 'the kept answer is not served after the change');
    assert.equal((await embed('/programs/reiki', 'fr')).category_label, 'Energiearbeit', 'French no longer written: German');
  });
});
