/**
 * Every portal route × every caller: the booking's customer (identity token from an e-mail
 * code), the holder of the booking's manage link, another customer of the same studio, the same
 * address at another studio (another customer), no credentials, an expired sign-in, and the
 * studio's staff (secret key, console session). The booking's customer and link reach it; the
 * other customers get 404 as for a booking that does not exist; everyone else 401. Refusals
 * change nothing, every refusal carries an English `detail` (per-field messages follow
 * Accept-Language), and the portal's token buckets answer 429 with Retry-After per customer.
 * The route list comes from the app itself: a new portal route fails here until it is added.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, nordKey, relaxedLimits } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { EVOLVE_INTAKE, checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { proveIdentity } from '../../support/identity.ts';
import { skFlow, staffCancel } from '../../support/admin-money.ts';
import { signIn } from '../admin/staff-session.ts';
import { tokenHash } from '../../../server/platform/derived-tokens.ts';

type Who = 'customer' | 'manage link' | 'other customer' | 'other studio' | 'nobody' | 'expired' | 'staff key' | 'staff session';
const OWNERS: Who[] = ['customer', 'manage link'];
const STRANGERS: Who[] = ['other customer', 'other studio'];
const UNAUTHENTICATED: Who[] = ['nobody', 'expired', 'staff key', 'staff session'];

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** The app's route pattern, to check that every portal route is here. */
  pattern: string;
  path: () => string;
  body?: unknown;
  /** What the booking's customer gets: the route ran for them (a business refusal counts, a 401/404 never). */
  owner: number[];
  /** Not about one booking: another customer gets their own (empty) answer, not a 404. */
  own?: number[];
}

describe('portal routes × callers', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  const email = `${randomUUID().slice(0, 8)}@example.ch`;
  const ids: Record<string, string> = {};
  const headers: Record<Who, Record<string, string>> = {} as never;

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    const v = await demoVariants(app);
    // EVOLVE with a deposit plan (the card, the balance), and a Reiki the studio cancelled (a credit note).
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![1], customer: customer({ email }), sessions: { mode: 'cadence', first_start: '2026-12-01T09:00:00.000Z' }, intake: EVOLVE_INTAKE });
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    const r = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer({ email }), sessions: { mode: 'explicit', starts: ['2026-12-04T10:00:00.000Z'] } });
    await checkedOut(await checkoutReq(app, r, { method: 'card' }));
    assert.equal((await testPay(app, r, 'succeed')).status, 200);
    const settled = await staffCancel(app, r.id, 'studio');
    const [session] = await query(db.db, sql`select id from program_sessions where booking_id = ${b.id} and seq = 1`);
    const [invoice] = await query(db.db, sql`select id from invoices where order_id = ${out.order.id}`);
    Object.assign(ids, {
      booking: b.id, session: String(session!.id), invoice: String(invoice!.id), reiki: r.id,
      creditNote: /\/credit-notes\/([0-9a-f-]{36})\.pdf$/.exec(settled.credit_note!.pdf_url!)![1]!,
    });
    const other = `${randomUUID().slice(0, 8)}@example.ch`;
    await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer({ email: other }), sessions: { mode: 'explicit', starts: ['2026-12-07T10:00:00.000Z'] } });
    const bearer = async (address: string, key?: typeof nordKey) => ({ Authorization: `Bearer ${(await proveIdentity(app, db.db, address, key))['Tandem-Identity']}` });
    const expired = await bearer(email);
    await db.db.execute(sql`update customer_sessions set expires_at = ${new Date(clock.now().getTime() - 1000).toISOString()}::timestamptz
      where token_hash = ${tokenHash(expired.Authorization.slice(7))}`);
    const staff = await signIn(app, db.db, 'sandra@studioflow.example');
    Object.assign(headers, {
      customer: await bearer(email),
      'manage link': { Authorization: `Bearer ${out.booking.manage_url.split('/manage/')[1]!}` },
      'other customer': await bearer(other),
      'other studio': await bearer(email, nordKey),
      nobody: {},
      expired,
      'staff key': skFlow,
      'staff session': staff.headers,
    });
    // The studio-cancelled Reiki's refund (back to the card), asked for from the EVOLVE booking: 409 (another booking of theirs, and no bank refund).
    const [refund] = await query(db.db, sql`select r.id from refunds r join orders o on o.id = r.order_id where o.booking_id = ${ids.reiki} limit 1`);
    ids.refund = String(refund!.id);
    // A homework file of the customer's, for the routes that read and remove one.
    const [milestone] = await query(db.db, sql`select m.id from program_milestones m join program_bookings k on k.program_id = m.program_id where k.id = ${b.id} order by m.order_idx limit 1`);
    const form = new FormData();
    form.append('file', new Blob([new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')], { type: 'application/pdf' }), 'week-1.pdf');
    const uploaded = await app.request(`/v1/portal/bookings/${b.id}/milestones/${String(milestone!.id)}/artifacts`, { method: 'POST', headers: { ...headers.customer, 'Idempotency-Key': randomUUID() }, body: form });
    assert.equal(uploaded.status, 201, await uploaded.clone().text());
    Object.assign(ids, { milestone: String(milestone!.id), artifact: (await uploaded.json() as { id: string }).id });
  });
  after(async () => db.close());

  const routes = (): Route[] => {
    const b = `/v1/portal/bookings/${ids.booking}`;
    return [
      { method: 'GET', pattern: '/v1/portal/bookings', path: () => '/v1/portal/bookings', owner: [200], own: [200] },
      { method: 'GET', pattern: '/v1/portal/bookings/:id', path: () => b, owner: [200] },
      { method: 'GET', pattern: '/v1/portal/bookings/:id/cancellation', path: () => `${b}/cancellation`, owner: [200] },
      { method: 'GET', pattern: '/v1/portal/bookings/:id/messages', path: () => `${b}/messages`, owner: [200] },
      { method: 'GET', pattern: '/v1/portal/bookings/:id/sessions/:sessionId/ics', path: () => `${b}/sessions/${ids.session}/ics`, owner: [200] },
      { method: 'GET', pattern: '/v1/portal/invoices/:file', path: () => `/v1/portal/invoices/${ids.invoice}.pdf`, owner: [200] },
      { method: 'GET', pattern: '/v1/portal/bookings/:id/artifacts', path: () => `${b}/artifacts`, owner: [200] },
      // The customer removes the file further down this list: the manage link, asking after them, finds it gone.
      { method: 'GET', pattern: '/v1/portal/bookings/:id/artifacts/:artifactId', path: () => `${b}/artifacts/${ids.artifact}`, owner: [200, 404] },
      // JSON instead of a multipart file: the customer's own request, refused for what it sent (whose booking is checked first).
      { method: 'POST', pattern: '/v1/portal/bookings/:id/milestones/:milestoneId/artifacts', path: () => `${b}/milestones/${ids.milestone}/artifacts`, body: {}, owner: [400] },
      { method: 'DELETE', pattern: '/v1/portal/bookings/:id/artifacts/:artifactId', path: () => `${b}/artifacts/${ids.artifact}`, owner: [204, 404] },
      { method: 'GET', pattern: '/v1/portal/credit-notes/:file', path: () => `/v1/portal/credit-notes/${ids.creditNote}.pdf`, owner: [200, 404] },
      // Every session is scheduled already: the customer gets 409 invalid_state, never 404.
      { method: 'POST', pattern: '/v1/portal/bookings/:id/sessions', path: () => `${b}/sessions`, body: { starts: ['2026-12-30T09:00:00.000Z'] }, owner: [409] },
      { method: 'POST', pattern: '/v1/portal/bookings/:id/sessions/:sessionId/reschedule', path: () => `${b}/sessions/${ids.session}/reschedule`, body: { starts_at: '2026-12-02T02:00:00.000Z' }, owner: [409] },
      { method: 'POST', pattern: '/v1/portal/bookings/:id/reschedule-series', path: () => `${b}/reschedule-series`, body: { starts_at: '2026-12-02T02:00:00.000Z' }, owner: [409] },
      { method: 'POST', pattern: '/v1/portal/bookings/:id/cancel', path: () => `${b}/cancel`, body: { quote_id: 'x'.repeat(40) }, owner: [409] },
      { method: 'POST', pattern: '/v1/portal/bookings/:id/messages', path: () => `${b}/messages`, body: { body: 'Hello' }, owner: [201] },
      { method: 'POST', pattern: '/v1/portal/bookings/:id/refunds/:refundId/account', path: () => `${b}/refunds/${ids.refund}/account`, body: { account_holder: 'Anna Muster', iban: 'CH93 0076 2011 6238 5295 7' }, owner: [409] },
      { method: 'POST', pattern: '/v1/portal/bookings/:id/card', path: () => `${b}/card`, body: {}, owner: [200] },
      { method: 'POST', pattern: '/v1/portal/bookings/:id/card/test-confirm', path: () => `${b}/card/test-confirm`, body: {}, owner: [200] },
      { method: 'POST', pattern: '/v1/portal/bookings/:id/pay-balance', path: () => `${b}/pay-balance`, body: {}, owner: [202, 409] },
      { method: 'POST', pattern: '/v1/portal/bookings/:id/pay-balance/payment', path: () => `${b}/pay-balance/payment`, body: {}, owner: [409, 422] },
      // A confirmed booking has no payment link to pay: the customer gets 409 invalid_state, never 404.
      { method: 'POST', pattern: '/v1/portal/bookings/:id/payment-link/checkout', path: () => `${b}/payment-link/checkout`, body: {}, owner: [409] },
      { method: 'POST', pattern: '/v1/portal/bookings/:id/payment-link/test-payment', path: () => `${b}/payment-link/test-payment`, body: {}, owner: [409] },
      // The customer's own referral code and rewards: another customer gets theirs, never this one's.
      { method: 'GET', pattern: '/v1/portal/referral', path: () => '/v1/portal/referral', owner: [200], own: [200] },
      { method: 'POST', pattern: '/v1/portal/calendar-link', path: () => '/v1/portal/calendar-link', body: {}, owner: [200], own: [200] },
    ];
  };
  const call = (r: Route, who: Who, extra: Record<string, string> = {}) => app.request(r.path(), {
    method: r.method,
    headers: { ...headers[who], ...extra, ...(r.method === 'POST' ? { 'Content-Type': 'application/json' } : {}), ...(r.method !== 'GET' ? { 'Idempotency-Key': randomUUID() } : {}) },
    ...(r.method === 'POST' ? { body: JSON.stringify(r.body ?? {}) } : {}),
  });
  /** What a refused request must leave as it was. */
  const state = async () => query(db.db, sql`select
    (select json_agg(json_build_object('id', id, 's', starts_at, 'st', status, 'r', revision) order by id) from program_sessions) as sessions,
    (select json_agg(json_build_object('id', id, 'st', status) order by id) from program_bookings) as bookings,
    (select json_agg(json_build_object('id', id, 'n', next_attempt_at, 'st', status) order by id) from installments) as installments,
    (select json_agg(json_build_object('pm', stripe_payment_method_id) order by id) from payment_plans) as plans,
    (select count(*) from payments)::int as payments,
    (select count(*) from messages)::int as messages,
    (select count(*) from booking_artifacts)::int as artifacts,
    (select count(*) from customer_sessions where purpose = 'calendar')::int as calendar_links`);

  test('every portal route the app serves is in this matrix, and sign-out besides', () => {
    const served = new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/v1/portal/') && r.path !== '/v1/portal/calendar.ics').map((r) => `${r.method} ${r.path}`));
    const here = new Set([...routes().map((r) => `${r.method} ${r.pattern}`), 'POST /v1/portal/sign-out']);
    assert.deepEqual([...served].sort(), [...here].sort());
  });

  test('another customer of the studio and another studio\'s customer: 404 (or their own empty answer); no credentials, an expired sign-in and staff: 401; nothing changes', async () => {
    const before = await state();
    const failures: string[] = [];
    for (const r of routes()) {
      for (const who of [...STRANGERS, ...UNAUTHENTICATED]) {
        const res = await call(r, who);
        const expected = UNAUTHENTICATED.includes(who) ? [401] : r.own ?? [404];
        if (!expected.includes(res.status)) failures.push(`${r.method} ${r.pattern} as ${who}: ${res.status}, expected ${expected.join('/')}`);
        if (res.status >= 400) {
          const p = await res.json() as { code: string; detail?: string };
          if (!(res.headers.get('content-type') ?? '').startsWith('application/problem+json')) failures.push(`${r.method} ${r.pattern} as ${who}: not problem+json`);
          if (!p.detail) failures.push(`${r.method} ${r.pattern} as ${who}: ${p.code} without a detail`);
        } else if (r.pattern === '/v1/portal/bookings') {
          const list = await res.json() as { bookings: { id: string }[] };
          if (list.bookings.some((x) => x.id === ids.booking || x.id === ids.reiki)) failures.push(`the list as ${who} shows the customer's booking`);
        } else await res.arrayBuffer();
      }
    }
    assert.deepEqual(failures, []);
    const after = await state();
    // A stranger's own calendar link is theirs to make; nothing else of anyone changed.
    assert.deepEqual({ ...after[0], calendar_links: 0 }, { ...before[0], calendar_links: 0 });
  });

  test('the booking\'s customer and its manage link reach every route (a business answer, never 401 or 404)', async () => {
    const failures: string[] = [];
    for (const who of OWNERS) {
      for (const r of routes()) {
        const res = await call(r, who);
        if (!r.owner.includes(res.status)) failures.push(`${r.method} ${r.pattern} as ${who}: ${res.status} ${await res.text()}`);
        else if (r.pattern === '/v1/portal/bookings') {
          const list = await res.json() as { bookings: { id: string }[] };
          const shown = list.bookings.map((x) => x.id).sort();
          const expected = who === 'customer' ? [ids.booking!, ids.reiki!].sort() : [ids.booking!];
          if (JSON.stringify(shown) !== JSON.stringify(expected)) failures.push(`the list as ${who}: ${shown.join(', ')}`);
        } else if (res.status >= 400) {
          const p = await res.json() as { detail?: string };
          if (!p.detail) failures.push(`${r.method} ${r.pattern} as ${who}: ${res.status} without a detail`);
        } else await res.arrayBuffer();
      }
    }
    assert.deepEqual(failures, []);
  });

  test('details are English whatever the request\'s language; field messages follow Accept-Language', async () => {
    const r: Route = { method: 'POST', pattern: '', path: () => `/v1/portal/bookings/${ids.booking}/reschedule-series`, body: { shift_weeks: 'soon' }, owner: [] };
    const de = await (await call(r, 'customer', { 'Accept-Language': 'de-CH' })).json() as { code: string; detail: string; errors: { message: string }[] };
    const en = await (await call(r, 'customer', { 'Accept-Language': 'en' })).json() as { code: string; detail: string; errors: { message: string }[] };
    assert.equal(de.code, 'validation_failed');
    assert.match(en.detail, /^The request is not valid: /);
    assert.equal(de.detail, en.detail);
    const missing = { ...r, body: {} };
    const deMissing = await (await call(missing, 'customer', { 'Accept-Language': 'de-CH' })).json() as { detail: string };
    assert.match(deMissing.detail, /^The request is not valid: /);
    // No key at all: the header's own 400, with a sentence.
    const noKey = await app.request(r.path(), { method: 'POST', headers: { ...headers.customer, 'Content-Type': 'application/json' }, body: '{}' });
    const p = await noKey.json() as { code: string; detail: string };
    assert.deepEqual([noKey.status, p.code], [400, 'idempotency_key_required']);
    assert.ok(p.detail.length > 10);
  });
});

describe('portal rate limits: token buckets per customer', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, limits: { ...relaxedLimits, portalReads: { burst: 3, perMinute: 6 }, portalWrites: { burst: 2, perMinute: 1 } } });
  });
  after(async () => db.close());

  test('reads and changes each have their bucket; the fourth read waits 10 s, another customer is not held up, the bucket refills', async () => {
    const a = (await proveIdentity(app, db.db, `${randomUUID().slice(0, 8)}@example.ch`))['Tandem-Identity'];
    const b = (await proveIdentity(app, db.db, `${randomUUID().slice(0, 8)}@example.ch`))['Tandem-Identity'];
    const read = (token: string) => app.request('/v1/portal/bookings', { headers: { Authorization: `Bearer ${token}` } });
    const write = (token: string) => app.request('/v1/portal/calendar-link', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: '{}' });
    for (let i = 0; i < 3; i++) assert.equal((await read(a)).status, 200, `read ${i + 1}`);
    const refused = await read(a);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '10');
    const p = await refused.json() as { code: string; detail: string; retry_after: number };
    assert.deepEqual([p.code, p.retry_after], ['rate_limited', 10]);
    assert.match(p.detail, /^Too many requests; try again in 10 s\.$/);
    assert.equal((await read(b)).status, 200, 'another customer has their own bucket');
    // Changes draw from their own bucket.
    assert.equal((await write(a)).status, 200);
    assert.equal((await write(a)).status, 200);
    assert.equal((await write(a)).status, 429);
    clock.advance(10_000);
    assert.equal((await read(a)).status, 200, 'refilled');
  });
});
