/**
 * The wizard's newer parts through the admin API: the studio's own category list (not a fixed
 * enum), the text per language and the embed API answering in the widget's language (falling back
 * to the studio's own text), the sanitized Markdown preview; roles and problem+json on each.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { AdminProgramOut, CategoriesOut, PreviewOut } from '../../../schema/api/admin-programs.ts';
import type { ProgramDetail, ProgramList } from '../../../schema/api/embed-programs.ts';
import { signIn, type StaffSession } from './staff-session.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

describe('the program wizard: categories, languages, preview', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  let owner: StaffSession; let mara: StaffSession; let nord: StaffSession;

  const send = (s: StaffSession, method: string, path: string, body?: unknown, key = randomUUID()) => app.request(path, {
    method, headers: { ...s.headers, 'Content-Type': 'application/json', 'Idempotency-Key': key }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = async <T>(res: Response, status = 200): Promise<T> => {
    assert.equal(res.status, status, await res.clone().text());
    return res.json() as Promise<T>;
  };

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    owner = await signIn(app, db.db, 'sandra@studioflow.example');
    mara = await signIn(app, db.db, 'mara@studioflow.example');
    nord = await signIn(app, db.db, 'henrik@ateliernord.example');
  });
  after(async () => db.close());

  test('the studio\'s category list: the built-in one to start, then its own, per studio', async () => {
    const start = await json<CategoriesOut>(await app.request('/v1/admin/categories', { headers: mara.headers }));
    assert.deepEqual(start.categories.map((c) => c.key), ['coaching', 'mobility', 'reiki', 'private_class']);
    assert.equal(start.categories.find((c) => c.key === 'mobility')!.labels.de, 'Beweglichkeit');
    const key = randomUUID();
    const added = await json<CategoriesOut>(await send(owner, 'POST', '/v1/admin/categories', { key: 'breathwork', labels: { en: 'Breathwork', de: 'Atemarbeit' } }, key), 201);
    assert.deepEqual(added.categories.map((c) => c.key), ['coaching', 'mobility', 'reiki', 'private_class', 'breathwork']);
    const replay = await send(owner, 'POST', '/v1/admin/categories', { key: 'breathwork', labels: { en: 'Breathwork', de: 'Atemarbeit' } }, key);
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
    assert.equal((await problemOf(await send(owner, 'POST', '/v1/admin/categories', { key: 'breathwork', labels: { en: 'Again' } }))).code, 'conflict');
    assert.equal((await problemOf(await send(mara, 'POST', '/v1/admin/categories', { key: 'yoga', labels: { en: 'Yoga' } }))).code, 'forbidden');
    const bad = await problemOf(await send(owner, 'POST', '/v1/admin/categories', { key: 'Not A Key', labels: {} }));
    assert.deepEqual(bad.errors?.map((e) => e.field).sort(), ['key', 'labels']);
    const theirs = await json<CategoriesOut>(await app.request('/v1/admin/categories', { headers: nord.headers }));
    assert.ok(!theirs.categories.some((c) => c.key === 'breathwork'), 'another studio keeps its own list');
    // A program takes only a category of its studio's list.
    const p = await json<AdminProgramOut>(await send(owner, 'POST', '/v1/admin/programs', { title: 'Breath', slug: 'breath-cat', category: 'breathwork' }), 201);
    assert.equal(p.category, 'breathwork');
    const wrong = await problemOf(await send(owner, 'PATCH', `/v1/admin/programs/${p.id}`, { step: 'basics', category: 'astrology' }));
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.errors?.map((e) => e.field), ['category']);
    const nordWrong = await problemOf(await send(nord, 'POST', '/v1/admin/programs', { title: 'B', slug: 'b-cat', category: 'breathwork' }));
    assert.deepEqual(nordWrong.errors?.map((e) => e.field), ['category']);
  });

  test('text per language: saved per tab, the embed API answers in the widget\'s language, else the studio\'s own text', async () => {
    const saved = await json<AdminProgramOut>(await send(owner, 'PATCH', `/v1/admin/programs/${FLOW.reiki}`, { step: 'content', lang: 'fr', title: 'Reiki en privé', summary: 'Une heure de calme.', long_description_md: '**Calme** profond' }));
    assert.deepEqual(saved.translations.fr, { title: 'Reiki en privé', summary: 'Une heure de calme.', long_description_md: '**Calme** profond' });
    const fr = await json<ProgramDetail>(await app.request('/v1/embed/programs/reiki', { headers: { ...flowKey, 'Accept-Language': 'fr-CH,fr;q=0.9' } }));
    assert.equal(fr.title, 'Reiki en privé');
    assert.equal(fr.description_html, '<p><strong>Calme</strong> profond</p>\n');
    const it = await json<ProgramDetail>(await app.request('/v1/embed/programs/reiki', { headers: { ...flowKey, 'Accept-Language': 'it' } }));
    const [own] = await query(db.db, sql`select title from programs where id = ${FLOW.reiki}`);
    assert.equal(it.title, own!.title, 'no Italian text: the studio\'s own');
    const list = await json<ProgramList>(await app.request('/v1/embed/programs', { headers: { ...flowKey, 'Accept-Language': 'fr' } }));
    assert.equal(list.programs.find((p) => p.slug === 'reiki')!.summary, 'Une heure de calme.');
    // An empty part falls back again; a language left empty is removed.
    const cleared = await json<AdminProgramOut>(await send(owner, 'PATCH', `/v1/admin/programs/${FLOW.reiki}`, { step: 'content', lang: 'fr', title: '', summary: '', long_description_md: '' }));
    assert.equal(cleared.translations.fr, undefined);
    const back = await json<ProgramDetail>(await app.request('/v1/embed/programs/reiki', { headers: { ...flowKey, 'Accept-Language': 'fr' } }));
    assert.equal(back.title, own!.title);
    assert.equal((await problemOf(await send(owner, 'PATCH', `/v1/admin/programs/${FLOW.reiki}`, { step: 'content', lang: 'es', title: 'x' }))).status, 400);
    assert.equal((await problemOf(await send(mara, 'PATCH', `/v1/admin/programs/${FLOW.reiki}`, { step: 'content', lang: 'de', title: 'x' }))).code, 'forbidden');
  });

  test('policies: moving notice, limit, fee charging and the studio\'s words; null lifts a limit again', async () => {
    const set = await json<AdminProgramOut>(await send(owner, 'PATCH', `/v1/admin/programs/${FLOW.reiki}`, { step: 'policies', reschedule_notice_hours: 12, max_reschedules_per_session: 2, charge_fees: 'auto', notes: 'Bring a blanket.' }));
    assert.deepEqual([set.policies.reschedule_notice_hours, set.policies.max_reschedules_per_session, set.policies.charge_fees, set.policies.notes], [12, 2, 'auto', 'Bring a blanket.']);
    const lifted = await json<AdminProgramOut>(await send(owner, 'PATCH', `/v1/admin/programs/${FLOW.reiki}`, { step: 'policies', max_reschedules_per_session: null, notes: '' }));
    assert.equal(lifted.policies.max_reschedules_per_session, undefined);
    assert.equal(lifted.policies.notes, undefined);
    assert.equal(lifted.policies.reschedule_notice_hours, 12);
    assert.equal((await problemOf(await send(owner, 'PATCH', `/v1/admin/programs/${FLOW.reiki}`, { step: 'policies', charge_fees: 'sometimes' }))).status, 400);
  });

  test('the description preview is sanitized Markdown, and the saved program carries it', async () => {
    const md = '## Hi\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) *ok* <img src=x onerror=alert(1)>';
    const out = await json<PreviewOut>(await send(mara, 'POST', '/v1/admin/programs/preview', { markdown: md }));
    assert.ok(!/script|onerror|javascript:|<img/i.test(out.html), out.html);
    assert.match(out.html, /<em>ok<\/em>/);
    const p = await json<AdminProgramOut>(await send(owner, 'PATCH', `/v1/admin/programs/${FLOW.reiki}`, { step: 'basics', long_description_md: md }));
    assert.equal(p.description_html, out.html);
    assert.equal((await problemOf(await send(owner, 'POST', '/v1/admin/programs/preview', { markdown: 5 }))).status, 400);
  });
});
