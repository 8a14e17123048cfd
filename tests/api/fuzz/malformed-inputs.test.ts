/**
 * The classes of input the fuzzer found answering 500, each answered now with a 400 that names
 * the field (or a stable code for the body as a whole), and nothing stored.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { Clock, fieldsOf, postJson, problemOf, query, tableCounts } from '../../support/booking.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const START = '2026-11-25T08:00:00Z';

describe('malformed inputs answer 400, never 500', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  const variants: Record<string, string> = {};
  let booking: { id: string; client_token: string; sessions: { id: string }[] };

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    for (const slug of ['reiki', 'split']) {
      const p = await (await app.request(`/v1/embed/programs/${slug}`, { headers: flowKey })).json() as { variants: { id: string }[] };
      variants[slug] = p.variants[0]!.id;
    }
    const res = await postJson(app, '/v1/embed/bookings', reiki({ starts: ['2026-12-02T09:00:00Z'] }));
    assert.equal(res.status, 201, await res.clone().text());
    booking = await res.json() as typeof booking;
  });
  after(async () => db.close());

  function reiki(o: { starts?: string[]; name?: string } = {}, extra: Record<string, unknown> = {}) {
    return { program: 'reiki', variant: variants.reiki, customer: { name: o.name ?? 'Ana Muster', email: `${randomUUID().slice(0, 8)}@example.ch` }, sessions: { mode: 'explicit', starts: o.starts ?? ['2026-12-04T09:00:00Z'] }, ...extra };
  }
  const split = (intake: unknown) => ({ program: 'split', variant: variants.split, customer: { name: 'Ana', email: `${randomUUID().slice(0, 8)}@example.ch` }, sessions: { mode: 'later', first_start: '2026-12-05T07:30:00Z' }, intake });

  async function invalid(res: Response, fields: string[], message?: RegExp): Promise<void> {
    assert.equal(res.status, 400, await res.clone().text());
    const p = await problemOf(res);
    assert.equal(p.code, 'validation_failed');
    assert.deepEqual(fieldsOf(p), fields);
    if (message) assert.match(p.errors![0]!.message, message);
  }
  const withToken = (path: string, body: unknown, headers: Record<string, string> = {}) => postJson(app, path, body, { 'Tandem-Booking-Token': booking.client_token, ...headers });

  test('NUL in a query parameter (?link=%00)', async () => {
    await invalid(await app.request('/v1/embed/programs/private-yoga?link=%00', { headers: flowKey }), ['link'], /NUL/);
    await invalid(await app.request('/v1/embed/programs/reiki/slots?from=2026-12-01&to=2026-12-02&tz=Europe/Zurich&link=a%00b', { headers: flowKey }), ['link'], /NUL/);
  });

  test('NUL and unpaired surrogates in names, links, sources and intake answers', async () => {
    const before = await tableCounts(db.db);
    await invalid(await postJson(app, '/v1/embed/bookings', reiki({ name: 'Ana\u0000' })), ['customer.name'], /NUL/);
    await invalid(await postJson(app, '/v1/embed/bookings', reiki({ name: 'Ana\ud800' })), ['customer.name'], /unpaired surrogate/);
    await invalid(await postJson(app, '/v1/embed/bookings', reiki({}, { program: 'rei\u0000ki' })), ['program']);
    await invalid(await postJson(app, '/v1/embed/bookings', reiki({}, { link: '\u0000' })), ['link']);
    await invalid(await postJson(app, '/v1/embed/bookings', reiki({}, { source: { utm_source: 'x\udc00' } })), ['source.utm_source']);
    await invalid(await postJson(app, '/v1/embed/bookings', reiki({}, { source: { 'k\u0000': 'v' } })), ['source']);
    await invalid(await postJson(app, '/v1/embed/bookings', split({ level: '10–30 cm', injuries: 'knee\u0000' })), ['intake.injuries']);
    await invalid(await postJson(app, '/v1/embed/bookings', split({ level: '10–30 cm', injuries: 'knee\ud83d' })), ['intake.injuries']);
    await invalid(await postJson(app, '/v1/embed/bookings', reiki({ name: 'Ana\u001b[31m' })), ['customer.name']);
    await invalid(await postJson(app, '/v1/embed/bookings', reiki({ name: 'Ana\nMuster' })), ['customer.name'], /single line/);
    assert.deepEqual(await tableCounts(db.db), before);
  });

  test('NUL and unpaired surrogates in coupons and billing addresses', async () => {
    const path = `/v1/embed/bookings/${booking.id}/checkout`;
    await invalid(await withToken(path, { method: 'qr_bill', coupon: 'WELCOME\u0000' }), ['coupon'], /NUL/);
    await invalid(await withToken(path, { method: 'qr_bill', coupon: 'WELCOME\ud800' }), ['coupon']);
    const address = { street: 'Langstrasse', postal_code: '8004', city: 'Zürich', country: 'CH' };
    await invalid(await withToken(path, { method: 'qr_bill', billing_address: { ...address, street: 'Lang\u0000strasse' } }), ['billing_address.street']);
    await invalid(await withToken(path, { method: 'qr_bill', billing_address: { ...address, city: 'Z\udfffrich' } }), ['billing_address.city']);
    await invalid(await withToken(path, { method: 'qr_bill', billing_address: { ...address, street: 'Lang\nstrasse' } }), ['billing_address.street'], /single line/);
  });

  test('instants in years 0000, 0001 and 9999, wherever a time is accepted', async () => {
    for (const t of ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '9999-12-31T23:59:59-14:00']) {
      await invalid(await postJson(app, '/v1/embed/bookings', reiki({ starts: [t] })), ['sessions.starts.0'], /between 2000-01-01 and 2100-01-01/);
      await invalid(await postJson(app, '/v1/embed/bookings', { ...split({ level: '10–30 cm' }), sessions: { mode: 'cadence', first_start: t } }), ['sessions.first_start']);
      await invalid(await withToken(`/v1/embed/bookings/${booking.id}/sessions`, { starts: [t] }), ['starts.0']);
      await invalid(await withToken(`/v1/embed/bookings/${booking.id}/sessions/${booking.sessions[0]!.id}/reschedule`, { starts_at: t }), ['starts_at']);
      await invalid(await postJson(app, `/v1/admin/bookings/${booking.id}/sessions/${booking.sessions[0]!.id}/reschedule`, { starts_at: t }, { Authorization: 'Bearer sk_test_flow' }), ['starts_at']);
    }
    for (const [from, to] of [['0000-01-01', '0000-01-02'], ['9999-12-25', '9999-12-31'], ['2099-12-31', '2100-01-01']]) {
      const res = await app.request(`/v1/embed/programs/reiki/slots?from=${from}&to=${to}&tz=Europe/Zurich`, { headers: flowKey });
      assert.equal(res.status, 400, `${from}..${to}: ${await res.clone().text()}`);
    }
  });

  test('JSON nested 5,000 deep (in the intake, which takes any shape) is refused at the parser', async () => {
    const body = JSON.stringify(split({ level: '10–30 cm', x: '__DEEP__' })).replace('"__DEEP__"', `${'['.repeat(5000)}${']'.repeat(5000)}`);
    const res = await app.request('/v1/embed/bookings', { method: 'POST', headers: { ...flowKey, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body });
    assert.equal(res.status, 400, await res.clone().text());
    assert.equal((await problemOf(res)).code, 'json_too_deep');
    const fine = JSON.stringify(split({ level: '10–30 cm' })).replace('"later"', '"later","x":[[[[[[[[[[1]]]]]]]]]]');
    const ok = await app.request('/v1/embed/bookings', { method: 'POST', headers: { ...flowKey, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: fine });
    assert.notEqual(ok.status, 500);
  });

  test('a body over 256 KB is 413 payload_too_large', async () => {
    const res = await postJson(app, '/v1/embed/bookings', reiki({ name: 'x'.repeat(300_000) }));
    assert.equal(res.status, 413);
    assert.equal((await problemOf(res)).code, 'payload_too_large');
  });

  test('intake answers outside the form (2,000 junk keys, a <script> key) are refused and never stored', async () => {
    const junk: Record<string, unknown> = { level: '10–30 cm', '<script>alert(1)</script>': 'x' };
    for (let i = 0; i < 2000; i++) junk[`junk_${i}`] = i;
    const res = await postJson(app, '/v1/embed/bookings', split(junk));
    assert.equal(res.status, 400, await res.clone().text());
    const p = await problemOf(res);
    assert.equal(p.code, 'validation_failed');
    assert.ok(p.errors!.some((e) => e.field === 'intake.<script>alert(1)</script>' && e.message === 'is not a question of this form'));
    assert.ok(p.errors!.length <= 50);
    const [row] = await query(db.db, sql`select count(*)::int as n from program_bookings where intake_answers ? 'junk_1' or intake_answers ? '<script>alert(1)</script>'`);
    assert.equal(row!.n, 0);
  });
});
