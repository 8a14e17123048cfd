/**
 * The program wizard through the admin API: a draft, each step saved, publish refused with what
 * is missing and then accepted; editing a published program never changes what a booking bought.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { customer, reserve } from '../../support/checkout.ts';
import { FLOW, NORD } from '../../../demo/seed/index.ts';
import type { AdminProgramOut, AdminProgramsOut } from '../../../schema/api/admin-programs.ts';
import { signIn, type StaffSession } from './staff-session.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

describe('the program wizard', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  let manager: StaffSession; let mara: StaffSession; let nord: StaffSession;

  const send = (s: StaffSession, method: string, path: string, body?: unknown, key = randomUUID()) => app.request(path, {
    method, headers: { ...s.headers, 'Content-Type': 'application/json', 'Idempotency-Key': key }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const ok = async (res: Response, status = 200): Promise<AdminProgramOut> => {
    assert.equal(res.status, status, await res.clone().text());
    return res.json() as Promise<AdminProgramOut>;
  };

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    await query(db.db, sql`insert into staff (org_id, role, name, email, timezone) values (${FLOW.org}, 'manager', 'Mia Manager', 'mia@studioflow.example', 'Europe/Zurich')`);
    manager = await signIn(app, db.db, 'mia@studioflow.example');
    mara = await signIn(app, db.db, 'mara@studioflow.example');
    nord = await signIn(app, db.db, 'henrik@ateliernord.example');
  });
  after(async () => db.close());

  let id = '';

  test('a new program is a draft, shown to nobody, with what publishing still needs', async () => {
    const key = randomUUID();
    const created = await ok(await send(manager, 'POST', '/v1/admin/programs', { title: 'Breathwork 1:1', slug: 'breathwork' }, key), 201);
    id = created.id;
    assert.equal(created.status, 'draft');
    assert.deepEqual(created.missing, ['basics.summary', 'delivery.location_id', 'delivery.instructor_ids', 'pricing.variants']);
    const replay = await send(manager, 'POST', '/v1/admin/programs', { title: 'Breathwork 1:1', slug: 'breathwork' }, key);
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
    assert.equal((await replay.json() as AdminProgramOut).id, id);
    assert.equal((await app.request('/v1/embed/programs/breathwork', { headers: flowKey })).status, 404);
    const list = await (await app.request('/v1/admin/programs', { headers: mara.headers })).json() as AdminProgramsOut;
    assert.deepEqual(list.programs.find((p) => p.slug === 'breathwork')?.status, 'draft');
    const taken = await send(manager, 'POST', '/v1/admin/programs', { title: 'Again', slug: 'evolve' });
    assert.equal(taken.status, 409);
    assert.deepEqual((await problemOf(taken)).errors?.map((e) => e.field), ['slug']);
  });

  test('publishing an incomplete program is 422 with the missing parts', async () => {
    const res = await send(manager, 'POST', `/v1/admin/programs/${id}/publish`);
    assert.equal(res.status, 422);
    const p = await problemOf(res) as unknown as { code: string; missing: string[] };
    assert.equal(p.code, 'program_incomplete');
    assert.deepEqual(p.missing, ['basics.summary', 'delivery.location_id', 'delivery.instructor_ids', 'pricing.variants']);
  });

  test('each step saves on its own; complete, it publishes and customers see it', async () => {
    await ok(await send(manager, 'PATCH', `/v1/admin/programs/${id}`, { step: 'basics', summary: 'Calm in six breaths.', tags: ['breath'], faq: [{ question: 'Bring?', answer: 'Nothing.' }] }));
    await ok(await send(manager, 'PATCH', `/v1/admin/programs/${id}`, { step: 'delivery', delivery_mode: 'in_person', location_id: FLOW.studio, session_length_min: 45, instructor_ids: [FLOW.mara], buffer_after_min: 10 }));
    const priced = await ok(await send(manager, 'PATCH', `/v1/admin/programs/${id}`, { step: 'pricing', variants: [
      { name: 'Single', currency: 'CHF', price: 9000, vat_rate_bp: 0 },
      { name: 'Three', currency: 'CHF', price: 24000, vat_rate_bp: 0, sessions_count: 3, billing: 'package' },
    ] }));
    assert.deepEqual(priced.variants.map((v) => [v.name, v.price, v.is_active]), [['Single', 9000, true], ['Three', 24000, true]]);
    const intake = await ok(await send(manager, 'PATCH', `/v1/admin/programs/${id}`, { step: 'intake',
      form: { type: 'object', 'x-order': ['asthma', 'goal'], required: ['goal'], properties: { goal: { type: 'string', title: 'Your goal' }, asthma: { type: 'boolean', title: 'Asthma?', 'x-health': true } } },
      milestones: [{ name: 'First calm breath', due_day_offset: 7 }] }));
    assert.deepEqual(intake.form?.['x-order'], ['asthma', 'goal'], 'the order as written');
    assert.deepEqual(intake.milestones.map((m) => m.name), ['First calm breath']);
    const policies = await ok(await send(manager, 'PATCH', `/v1/admin/programs/${id}`, { step: 'policies', free_cancel_hours: 48, visibility: 'public' }));
    assert.equal(policies.policies.free_cancel_hours, 48);
    assert.deepEqual(policies.missing, []);
    assert.equal(policies.status, 'draft', 'saving steps keeps it a draft');
    const published = await ok(await send(manager, 'POST', `/v1/admin/programs/${id}/publish`));
    assert.equal(published.status, 'published');
    const seen = await app.request('/v1/embed/programs/breathwork', { headers: flowKey });
    assert.equal(seen.status, 200);
    assert.equal((await seen.json() as { variants: unknown[] }).variants.length, 2);
  });

  test('a changed price makes a new version of a booked variant; the booking keeps what it bought; an unbooked one changes in place', async () => {
    const program = await ok(await app.request(`/v1/admin/programs/${id}`, { headers: manager.headers }));
    const [single, three] = program.variants;
    const booking = await reserve(app, { program: 'breathwork', variant: single!.id, customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-01T08:00:00.000Z'] }, intake: { goal: 'calm', asthma: false } });
    const repriced = await ok(await send(manager, 'PATCH', `/v1/admin/programs/${id}`, { step: 'pricing', variants: [
      { id: single!.id, name: 'Single session', currency: 'CHF', price: 9500, vat_rate_bp: 0 },
      { id: three!.id, name: 'Three', currency: 'CHF', price: 25000, vat_rate_bp: 0, sessions_count: 3 },
    ] }));
    const active = repriced.variants.filter((v) => v.is_active);
    assert.equal(active.length, 2);
    const newSingle = active.find((v) => v.name === 'Single session')!;
    assert.notEqual(newSingle.id, single!.id, 'a booked variant is not repriced in place');
    assert.equal(newSingle.price, 9500);
    assert.equal(active.find((v) => v.name === 'Three')!.id, three!.id, 'nobody booked this one: changed in place');
    assert.deepEqual(repriced.variants.filter((v) => !v.is_active).map((v) => [v.id, v.price]), [[single!.id, 9000]]);
    const [row] = await query(db.db, sql`select variant_id, total_price from program_bookings where id = ${booking.id}`);
    assert.deepEqual([row!.variant_id, row!.total_price], [single!.id, 9000]);
    const embed = await (await app.request('/v1/embed/programs/breathwork', { headers: flowKey })).json() as { variants: { id: string }[] };
    assert.deepEqual(embed.variants.map((v) => v.id).sort(), active.map((v) => v.id).sort(), 'customers see the current versions only');
  });

  test('instructors read programs but change nothing; another studio does not see them; bad steps are 400', async () => {
    assert.equal((await app.request(`/v1/admin/programs/${id}`, { headers: mara.headers })).status, 200);
    for (const [method, path, body] of [['POST', '/v1/admin/programs', { title: 'X', slug: 'x-new' }], ['PATCH', `/v1/admin/programs/${id}`, { step: 'basics', title: 'Mine' }], ['POST', `/v1/admin/programs/${id}/publish`, undefined]] as const) {
      const res = await send(mara, method, path, body);
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal((await problemOf(res)).code, 'forbidden');
    }
    assert.equal((await app.request(`/v1/admin/programs/${id}`, { headers: nord.headers })).status, 404);
    assert.equal((await send(nord, 'PATCH', `/v1/admin/programs/${id}`, { step: 'basics', title: 'Theirs' })).status, 404);
    const bad = await send(manager, 'PATCH', `/v1/admin/programs/${id}`, { step: 'pricing', variants: [{ name: 'Free?', currency: 'chf', price: -1, vat_rate_bp: 0 }] });
    assert.equal(bad.status, 400);
    assert.deepEqual((await problemOf(bad)).errors?.map((e) => e.field).sort(), ['variants.0.currency', 'variants.0.price']);
    assert.equal((await send(manager, 'PATCH', `/v1/admin/programs/${id}`, { step: 'colours' })).status, 400);
    const foreign = await send(manager, 'PATCH', `/v1/admin/programs/${id}`, { step: 'delivery', instructor_ids: [NORD.jana] });
    assert.equal(foreign.status, 400);
    assert.deepEqual((await problemOf(foreign)).errors?.map((e) => e.field), ['instructor_ids']);
  });
});
