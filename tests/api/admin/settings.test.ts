/**
 * The studio's settings through the admin API: keys (a secret one shown once, stored as its hash,
 * revoked at once), allowed origins (the publishable key works from them and only them), roles
 * and deactivation (sessions end), and each person's mail preferences.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { fieldsOf, problemOf, query } from '../../support/booking.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { KeyListOut, MailPreferencesOut, OriginListOut } from '../../../schema/api/admin-settings.ts';
import { signIn, type StaffSession } from './staff-session.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

function send(app: App, method: string, path: string, who: StaffSession | Record<string, string>, body?: unknown, key: string = randomUUID()): Promise<Response> {
  const headers = 'headers' in who ? who.headers as Record<string, string> : who;
  return Promise.resolve(app.request(path, {
    method, headers: { ...headers, 'Content-Type': 'application/json', ...(method === 'GET' ? {} : { 'Idempotency-Key': key }) },
    ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
  }));
}

describe('studio settings', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: App;
  let owner: StaffSession; let noemi: StaffSession;
  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db);
    owner = await signIn(app, db.db, 'sandra@studioflow.example');
    noemi = await signIn(app, db.db, 'noemi@studioflow.example');
  });
  after(async () => db.close());

  test('a secret key is shown once, kept as its hash, works at once and stops when revoked', async () => {
    const idem = randomUUID();
    const res = await send(app, 'POST', '/v1/admin/keys', owner, { kind: 'secret', label: 'Accounting export' }, idem);
    assert.equal(res.status, 201, await res.clone().text());
    const made = await res.json() as { id: string; key: string; prefix: string; kind: string };
    assert.match(made.key, /^sk_live_[A-Za-z0-9_-]{40,}$/);
    assert.ok(made.key.startsWith(made.prefix) && made.prefix.length < 16);
    const replay = await send(app, 'POST', '/v1/admin/keys', owner, { kind: 'secret', label: 'Accounting export' }, idem);
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
    assert.equal((await replay.json() as { key: string }).key, made.key);
    // Nowhere in the database: not the key row, not the stored answer.
    const [stored] = await query(db.db, sql`select key_hash, prefix from api_keys where id = ${made.id}`);
    assert.notEqual(stored!.key_hash, made.key);
    const leaks = await query(db.db, sql`select 1 from idempotency_keys where response_body::text like ${`%${made.key}%`}`);
    assert.equal(leaks.length, 0);
    const asKey = await app.request('/v1/admin/session', { headers: { Authorization: `Bearer ${made.key}` } });
    assert.equal(asKey.status, 200);
    const list = await (await send(app, 'GET', '/v1/admin/keys', owner)).json() as KeyListOut;
    const listed = list.keys.find((k) => k.id === made.id)!;
    assert.equal(listed.prefix, made.prefix);
    assert.ok(!JSON.stringify(list).includes(made.key));
    const revoked = await send(app, 'POST', `/v1/admin/keys/${made.id}/revoke`, owner);
    assert.equal(revoked.status, 200);
    assert.ok((await revoked.json() as { revoked_at: string | null }).revoked_at);
    assert.equal((await app.request('/v1/admin/session', { headers: { Authorization: `Bearer ${made.key}` } })).status, 401);
  });

  test('a publishable key works from the allowed origins only; origins are validated and added once', async () => {
    const made = await (await send(app, 'POST', '/v1/admin/keys', owner, { kind: 'publishable' })).json() as { key: string; prefix: string };
    assert.equal(made.prefix, made.key);
    const site = 'https://yoga-flow.example';
    const from = (origin: string) => app.request('/v1/embed/programs', { headers: { Authorization: `Bearer ${made.key}`, Origin: origin } });
    assert.equal((await from(site)).status, 403);
    const added = await send(app, 'POST', '/v1/admin/origins', owner, { origin: 'HTTPS://Yoga-Flow.example' });
    assert.equal(added.status, 201, await added.clone().text());
    const origin = await added.json() as { id: string; origin: string };
    assert.equal(origin.origin, site);
    assert.equal((await from(site)).status, 200);
    const twice = await send(app, 'POST', '/v1/admin/origins', owner, { origin: site });
    assert.equal(twice.status, 409);
    assert.deepEqual(fieldsOf(await problemOf(twice)), ['origin']);
    for (const bad of ['yoga-flow.example', 'https://yoga-flow.example/', 'https://yoga-flow.example/book', 'http://yoga-flow.example', 'ftp://x.example']) {
      const res = await send(app, 'POST', '/v1/admin/origins', owner, { origin: bad });
      assert.equal(res.status, 400, bad);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.deepEqual(fieldsOf(await problemOf(res)), ['origin'], bad);
    }
    assert.equal((await send(app, 'POST', '/v1/admin/origins', owner, { origin: 'http://localhost:5173' })).status, 201);
    const listed = await (await send(app, 'GET', '/v1/admin/origins', owner)).json() as OriginListOut;
    assert.ok(listed.origins.some((o) => o.origin === site));
    assert.equal((await send(app, 'DELETE', `/v1/admin/origins/${origin.id}`, owner)).status, 200);
    assert.equal((await from(site)).status, 403);
    assert.equal((await send(app, 'DELETE', `/v1/admin/origins/${origin.id}`, owner)).status, 404);
  });

  test('instructors reach no keys or origins; managers read them and change nothing', async () => {
    await query(db.db, sql`insert into staff (org_id, role, name, email, timezone) values (${FLOW.org}, 'manager', 'Mia Manager', 'mia@studioflow.example', 'Europe/Zurich')`);
    const mia = await signIn(app, db.db, 'mia@studioflow.example');
    for (const path of ['/v1/admin/keys', '/v1/admin/origins']) {
      assert.equal((await send(app, 'GET', path, noemi)).status, 403);
      assert.equal((await send(app, 'GET', path, mia)).status, 200);
    }
    assert.equal((await send(app, 'POST', '/v1/admin/keys', mia, { kind: 'secret' })).status, 403);
    assert.equal((await send(app, 'POST', '/v1/admin/origins', mia, { origin: 'https://mia.example' })).status, 403);
    const bad = await send(app, 'POST', '/v1/admin/keys', owner, { kind: 'master', label: 'x'.repeat(101) });
    assert.equal(bad.status, 400);
    assert.deepEqual(fieldsOf(await problemOf(bad)).sort(), ['kind', 'label']);
  });

  test('an owner changes roles; deactivating ends the person\'s sessions and sign-in; the studio keeps an owner', async () => {
    const luca = await signIn(app, db.db, 'luca@studioflow.example');
    const promoted = await send(app, 'PATCH', `/v1/admin/staff/${FLOW.luca}`, owner, { role: 'manager' });
    assert.equal(promoted.status, 200, await promoted.clone().text());
    const who = await (await app.request('/v1/admin/session', { headers: luca.headers })).json() as { staff: { role: string } };
    assert.equal(who.staff.role, 'manager', 'the new role holds at once');
    assert.equal((await send(app, 'PATCH', `/v1/admin/staff/${FLOW.noemi}`, luca, { role: 'owner' })).status, 403);
    const off = await send(app, 'PATCH', `/v1/admin/staff/${FLOW.luca}`, owner, { is_active: false });
    assert.equal(off.status, 200);
    assert.equal((await off.json() as { is_active: boolean }).is_active, false);
    assert.equal((await app.request('/v1/admin/session', { headers: luca.headers })).status, 401);
    const [live] = await query(db.db, sql`select count(*)::int as n from staff_sessions where staff_id = ${FLOW.luca} and revoked_at is null`);
    assert.equal(live!.n, 0);
    await send(app, 'POST', '/v1/admin/sign-in/code', {}, { email: 'luca@studioflow.example' });
    assert.equal((await send(app, 'PATCH', `/v1/admin/staff/${FLOW.luca}`, owner, { is_active: true })).status, 200);
    assert.equal((await app.request('/v1/admin/session', { headers: (await signIn(app, db.db, 'luca@studioflow.example')).headers })).status, 200);
    const self = await send(app, 'PATCH', `/v1/admin/staff/${FLOW.owner}`, owner, { role: 'manager' });
    assert.equal(self.status, 409);
    assert.deepEqual(fieldsOf(await problemOf(self)), ['role']);
    const nobody = await send(app, 'PATCH', `/v1/admin/staff/${randomUUID()}`, owner, { role: 'manager' });
    assert.equal(nobody.status, 404);
    const empty = await send(app, 'PATCH', `/v1/admin/staff/${FLOW.luca}`, owner, {});
    assert.equal(empty.status, 400);
    const unknown = await send(app, 'PATCH', `/v1/admin/staff/${FLOW.luca}`, owner, { role: 'boss', email: 'x@y.z' });
    assert.equal(unknown.status, 400);
  });

  test('mail preferences: each topic on until turned off; one\'s own, or anyone\'s for owners and managers', async () => {
    const own = await send(app, 'GET', `/v1/admin/staff/${FLOW.noemi}/mail-preferences`, noemi);
    assert.equal(own.status, 200);
    assert.deepEqual((await own.json() as MailPreferencesOut).preferences, { new_booking: true, cancellation: true, reschedule: true, payment_failure: true, message: true });
    const set = await send(app, 'PUT', `/v1/admin/staff/${FLOW.noemi}/mail-preferences`, noemi, { new_booking: false, message: false });
    assert.equal(set.status, 200);
    assert.deepEqual((await set.json() as MailPreferencesOut).preferences, { new_booking: false, cancellation: true, reschedule: true, payment_failure: true, message: false });
    const read = await (await send(app, 'GET', `/v1/admin/staff/${FLOW.noemi}/mail-preferences`, owner)).json() as MailPreferencesOut;
    assert.equal(read.preferences.new_booking, false);
    assert.equal((await send(app, 'GET', `/v1/admin/staff/${FLOW.mara}/mail-preferences`, noemi)).status, 403);
    assert.equal((await send(app, 'PUT', `/v1/admin/staff/${FLOW.mara}/mail-preferences`, noemi, { message: false })).status, 403);
    const bad = await send(app, 'PUT', `/v1/admin/staff/${FLOW.noemi}/mail-preferences`, noemi, { message: 'no', spam: true });
    assert.equal(bad.status, 400);
    assert.deepEqual(fieldsOf(await problemOf(bad)).sort(), ['message', 'spam']);
  });
});
