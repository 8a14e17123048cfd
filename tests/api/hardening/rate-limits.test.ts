import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { DEMO_ORIGIN, demoApp, flowKey, testConfig } from '../../support/app.ts';
import { Clock, MIN, problemOf, query } from '../../support/booking.ts';
import { demoVariants } from '../../support/checkout.ts';
import { createApp } from '../../../server/app.ts';
import { readEnv } from '../../../server/config.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../../server/platform/limits.ts';
import { normalizeAddress } from '../../../server/platform/http/rate-limit.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { proveIdentity } from '../../support/identity.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

/**
 * Each limit with the production defaults (DEFAULT_RATE_LIMITS), one at a time: where a test
 * is about one limit, the others are loosened so that they stay out of its way. Every test
 * asks from addresses of its own (the socket's peer, as @hono/node-server gives it).
 */
const START = '2026-11-25T08:00:00Z';
const ADDRESS = { street: 'Bahnhofstrasse', building_number: '1', postal_code: '8001', city: 'Zürich', country: 'ch' };
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4' } } });
let nextAddress = 1;
const newAddress = () => `203.0.113.${nextAddress++}`;
const loose = { burst: 1_000, perMinute: 1_000 };

describe('rate limits and caps on holds (production defaults)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let reikiVariant = '';
  let starts: string[] = [];
  let defaults: App;

  before(async () => {
    db = await freshDatabase();
    defaults = await demoApp(db.db, { now: clock.now, limits: DEFAULT_RATE_LIMITS });
    reikiVariant = (await demoVariants(defaults))['reiki']![0]!;
    const slots = await (await defaults.request('/v1/embed/programs/reiki/slots?from=2026-11-25&to=2027-01-24&tz=Europe/Zurich', { headers: flowKey }, from('198.51.100.1'))).json() as { days: { slots: { start: string }[] }[] };
    // Starts 90 minutes apart (treatment + buffer), so that no two holds collide.
    for (const s of slots.days.flatMap((d) => d.slots.map((x) => x.start))) {
      if (!starts.length || Date.parse(s) >= Date.parse(starts.at(-1)!) + 90 * MIN) starts.push(s);
    }
  });
  after(async () => db.close());

  /** Another app over the same database (another API process), with some limits changed. */
  const appWith = (limits: Partial<RateLimits>) => createApp({
    db: db.db, now: clock.now, config: { ...testConfig, limits: { ...DEFAULT_RATE_LIMITS, ...limits } }, payments: testProvider(), mailer: localMailer(),
  });
  type AnyApp = { request: App['request'] };

  const hold = (app: AnyApp, client: string, email = `c-${randomUUID().slice(0, 8)}@example.com`, key = randomUUID(), headers: Record<string, string> = {}) => app.request('/v1/embed/bookings', {
    method: 'POST',
    headers: { ...flowKey, 'Content-Type': 'application/json', 'Idempotency-Key': key, ...headers },
    body: JSON.stringify({ program: 'reiki', variant: reikiVariant, sessions: { mode: 'explicit', starts: [starts.shift()!] }, customer: { name: 'Ana', email, locale: 'en' } }),
  }, from(client));

  const checkout = (app: AnyApp, client: string, b: { id: string; client_token: string }, body: unknown, proof: Record<string, string> = {}) => app.request(`/v1/embed/bookings/${b.id}/checkout`, {
    method: 'POST',
    headers: { ...flowKey, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'Tandem-Booking-Token': b.client_token, ...proof },
    body: JSON.stringify(body),
  }, from(client));

  async function refused(res: Response, code: string, status = 429): Promise<number> {
    assert.equal(res.status, status, await res.clone().text());
    const p = await problemOf(res);
    assert.equal(p.code, code);
    if (status !== 429) return 0;
    const retryAfter = Number(res.headers.get('Retry-After'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After: ${res.headers.get('Retry-After')}`);
    assert.equal((p as unknown as { retry_after: number }).retry_after, retryAfter);
    return retryAfter;
  }

  test('reads: 300 at once per key and client, then 429 rate_limited (with CORS and Retry-After); 2 a second come back; other clients are not affected', async () => {
    clock.set(START);
    const client = newAddress();
    const get = (who = client) => defaults.request('/v1/embed/programs', { headers: { ...flowKey, Origin: DEMO_ORIGIN } }, from(who));
    for (let i = 0; i < DEFAULT_RATE_LIMITS.reads.burst; i++) {
      const res = await get();
      assert.equal(res.status, 200, `read #${i + 1}`);
    }
    const res = await get();
    assert.equal(await refused(res, 'rate_limited'), 1, '2 tokens a second: the next in a second');
    assert.equal(res.headers.get('Access-Control-Allow-Origin'), DEMO_ORIGIN, 'the widget can read why');
    assert.match(res.headers.get('Access-Control-Expose-Headers') ?? '', /Retry-After/);
    assert.equal((await get(newAddress())).status, 200, 'another client');
    clock.advance(1_000);
    assert.equal((await get()).status, 200);
    assert.equal((await get()).status, 200);
    assert.equal((await get()).status, 429);
  });

  test('holds: 5 at once per key and client, then 429 rate_limited; one more every 6 minutes', async () => {
    clock.set(START);
    const app = appWith({ liveHoldsPerClient: 1_000 });
    const client = newAddress();
    for (let i = 0; i < DEFAULT_RATE_LIMITS.holds.burst; i++) assert.equal((await hold(app, client)).status, 201, `hold #${i + 1}`);
    assert.equal(await refused(await hold(app, client), 'rate_limited'), 360);
    assert.equal((await hold(app, newAddress())).status, 201, 'another client');
    clock.advance(6 * MIN);
    assert.equal((await hold(app, client)).status, 201);
    await refused(await hold(app, client), 'rate_limited');
  });

  test('holds per e-mail address: 5 at once from any client, then 429 rate_limited', async () => {
    clock.set(START);
    const app = appWith({ liveHoldsPerEmail: 1_000 });
    const email = `same-${randomUUID().slice(0, 8)}@example.com`;
    for (let i = 0; i < DEFAULT_RATE_LIMITS.holdsPerEmail.burst; i++) assert.equal((await hold(app, newAddress(), email)).status, 201, `hold #${i + 1}`);
    await refused(await hold(app, newAddress(), email.toUpperCase()), 'rate_limited');
    assert.equal((await hold(app, newAddress())).status, 201, 'another address');
  });

  test('live holds per client: the 4th answers 429 too_many_holds until the earliest runs out; a paid booking no longer counts', async () => {
    clock.set(START);
    const client = newAddress();
    const held = [];
    for (let i = 0; i < DEFAULT_RATE_LIMITS.liveHoldsPerClient; i++) {
      const res = await hold(defaults, client);
      assert.equal(res.status, 201);
      held.push(await res.json() as { id: string; client_token: string });
    }
    clock.advance(MIN);
    assert.equal(await refused(await hold(defaults, client), 'too_many_holds'), 14 * 60, 'until the first hold runs out');
    // Paid: confirmed, no longer a hold.
    assert.equal((await checkout(defaults, client, held[0]!, { method: 'card' })).status, 200);
    const paid = await defaults.request(`/v1/embed/bookings/${held[0]!.id}/test-payments`, {
      method: 'POST', headers: { ...flowKey, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'Tandem-Booking-Token': held[0]!.client_token }, body: JSON.stringify({ outcome: 'succeed' }),
    }, from(client));
    assert.equal(paid.status, 200, await paid.clone().text());
    clock.advance(6 * MIN); // the holds bucket: a token back
    assert.equal((await hold(defaults, client)).status, 201);
    clock.advance(6 * MIN);
    await refused(await hold(defaults, client), 'too_many_holds');
    // Once the two unpaid holds have run out, the client can hold again.
    clock.advance(10 * MIN);
    assert.equal((await hold(defaults, client)).status, 201);
  });

  test('live holds per e-mail address: the 4th from another client answers 429 too_many_holds', async () => {
    clock.set(START);
    const email = `holds-${randomUUID().slice(0, 8)}@example.com`;
    for (let i = 0; i < DEFAULT_RATE_LIMITS.liveHoldsPerEmail; i++) assert.equal((await hold(defaults, newAddress(), email)).status, 201);
    await refused(await hold(defaults, newAddress(), email), 'too_many_holds');
  });

  test('QR-bill: at most 2 open invoices per customer, the 3rd checkout answers 409 too_many_unpaid_invoices; card still works, and re-checking out one of the two is fine', async () => {
    clock.set(START);
    const client = newAddress();
    const email = `qr-${randomUUID().slice(0, 8)}@example.com`;
    const held = [];
    for (let i = 0; i < 3; i++) held.push(await (await hold(defaults, client, email)).json() as { id: string; client_token: string });
    // A bank-transfer invoice is for a proven address (the code by mail).
    const proof = await proveIdentity(defaults, db.db, email);
    for (const b of held.slice(0, 2)) assert.equal((await checkout(defaults, client, b, { method: 'qr_bill', billing_address: ADDRESS }, proof)).status, 200);
    const third = await checkout(defaults, client, held[2]!, { method: 'qr_bill', billing_address: ADDRESS }, proof);
    await refused(third, 'too_many_unpaid_invoices', 409);
    const [invoices] = await query(db.db, sql`select count(*)::int as n from invoices i join orders o on o.id = i.order_id join customers c on c.id = o.customer_id where c.email = ${email}`);
    assert.equal(invoices!.n, 2, 'no third invoice');
    assert.equal((await checkout(defaults, client, held[2]!, { method: 'card' })).status, 200);
    assert.equal((await checkout(defaults, client, held[0]!, { method: 'qr_bill', billing_address: ADDRESS }, proof)).status, 200, 'its own open invoice does not count');
  });

  test('card: checking out again extends the hold only for the first 3 payments, so a reservation cannot be kept forever', async () => {
    clock.set(START);
    const client = newAddress();
    const b = await (await hold(defaults, client)).json() as { id: string; client_token: string };
    const expiries: number[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(10 * MIN);
      const res = await checkout(defaults, client, b, { method: 'card' });
      assert.equal(res.status, 200, await res.clone().text());
      expiries.push((Date.parse((await res.json() as { booking: { hold_expires_at: string } }).booking.hold_expires_at) - Date.parse(START)) / MIN);
    }
    assert.deepEqual(expiries, [25, 35, 45, 45], 'minutes after the reservation');
    clock.advance(6 * MIN);
    await refused(await checkout(defaults, client, b, { method: 'card' }), 'hold_expired', 409);
  });

  test('a 429 is not the answer of its Idempotency-Key: the same request later runs afresh', async () => {
    clock.set(START);
    const client = newAddress();
    for (let i = 0; i < DEFAULT_RATE_LIMITS.liveHoldsPerClient; i++) assert.equal((await hold(defaults, client)).status, 201);
    const key = randomUUID();
    const email = `retry-${randomUUID().slice(0, 8)}@example.com`;
    const start = starts[0]!;
    await refused(await hold(defaults, client, email, key), 'too_many_holds');
    clock.advance(16 * MIN);
    starts.unshift(start);
    const again = await hold(defaults, client, email, key);
    assert.equal(again.status, 201, await again.clone().text());
    assert.equal(again.headers.get('Idempotency-Replayed'), null);
  });

  test('two API processes share the buckets (they live in the database)', async () => {
    clock.set(START);
    const one = appWith({});
    const two = appWith({});
    const client = newAddress();
    const statuses = [];
    for (let i = 0; i < DEFAULT_RATE_LIMITS.reads.burst + 2; i++) statuses.push((await (i % 2 ? one : two).request('/v1/embed/programs', { headers: flowKey }, from(client))).status);
    assert.equal(statuses.filter((s) => s === 200).length, DEFAULT_RATE_LIMITS.reads.burst);
    assert.deepEqual(statuses.slice(-2), [429, 429]);
  });

  test('TRUST_PROXY: X-Forwarded-For names the client only when set; the n-th address from the right', async () => {
    clock.set(START);
    const proxy = newAddress();
    const behindOne = appWith({ holds: loose, liveHoldsPerClient: 1 });
    const a = `192.0.2.${nextAddress++}`;
    const b = `192.0.2.${nextAddress++}`;
    // Without TRUST_PROXY: everyone behind the proxy is the proxy.
    assert.equal((await hold(behindOne, proxy, undefined, undefined, { 'X-Forwarded-For': a })).status, 201);
    await refused(await hold(behindOne, proxy, undefined, undefined, { 'X-Forwarded-For': b }), 'too_many_holds');
    // With TRUST_PROXY=1: the rightmost address, whatever the client wrote before it.
    const trusting = appWith({ holds: loose, liveHoldsPerClient: 1, trustProxy: 1 });
    assert.equal((await hold(trusting, proxy, undefined, undefined, { 'X-Forwarded-For': a })).status, 201);
    assert.equal((await hold(trusting, proxy, undefined, undefined, { 'X-Forwarded-For': b })).status, 201);
    await refused(await hold(trusting, proxy, undefined, undefined, { 'X-Forwarded-For': `${b}, ${a}` }), 'too_many_holds');
  });
});

describe('rate limit settings', () => {
  const base = { TANDEM_TEST_PAYMENTS: '1' };

  test('defaults, and each setting from the environment', () => {
    assert.deepEqual(readEnv(base, []).limits, DEFAULT_RATE_LIMITS);
    const limits = readEnv({
      ...base, TANDEM_RATE_READS: '600,300/m', TANDEM_RATE_WRITES: '10,1/s', TANDEM_RATE_HOLDS: '3,6/h', TANDEM_RATE_HOLDS_PER_EMAIL: '2,1/h',
      TANDEM_RATE_PORTAL_READS: '50,30/m', TANDEM_RATE_PORTAL_WRITES: '5,2/m',
      TANDEM_MAX_LIVE_HOLDS_PER_CLIENT: '2', TANDEM_MAX_LIVE_HOLDS_PER_EMAIL: '1', TANDEM_MAX_OPEN_QR_BILLS: '1', TRUST_PROXY: 'true',
    }, []).limits;
    assert.deepEqual(limits, {
      reads: { burst: 600, perMinute: 300 }, writes: { burst: 10, perMinute: 60 }, holds: { burst: 3, perMinute: 0.1 }, holdsPerEmail: { burst: 2, perMinute: 1 / 60 },
      portalReads: { burst: 50, perMinute: 30 }, portalWrites: { burst: 5, perMinute: 2 },
      liveHoldsPerClient: 2, liveHoldsPerEmail: 1, openQrBillsPerCustomer: 1, trustProxy: 1,
    });
    assert.equal(readEnv({ ...base, TRUST_PROXY: '2' }, []).limits.trustProxy, 2);
    assert.equal(readEnv({ ...base, TRUST_PROXY: 'no' }, []).limits.trustProxy, 0);
    assert.throws(() => readEnv({ ...base, TANDEM_RATE_HOLDS: 'lots' }, []), /TANDEM_RATE_HOLDS must look like "5,10\/h"/);
    assert.throws(() => readEnv({ ...base, TANDEM_RATE_HOLDS: '0,1/h' }, []), /TANDEM_RATE_HOLDS/);
    assert.throws(() => readEnv({ ...base, TANDEM_MAX_LIVE_HOLDS_PER_CLIENT: '0' }, []), /positive whole number/);
    assert.throws(() => readEnv({ ...base, TRUST_PROXY: 'maybe' }, []), /TRUST_PROXY/);
  });

  test('client addresses: IPv4 as is, IPv4-mapped IPv6 as IPv4, IPv6 per /64, anything else unknown', () => {
    assert.equal(normalizeAddress('203.0.113.9'), '203.0.113.9');
    assert.equal(normalizeAddress('::ffff:203.0.113.9'), '203.0.113.9');
    assert.equal(normalizeAddress('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(normalizeAddress('2001:db8:1:2:ffff:ffff:ffff:ffff'), '2001:db8:1:2::/64');
    assert.equal(normalizeAddress('[2001:DB8::1]'), '2001:db8:0:0::/64');
    assert.equal(normalizeAddress('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.equal(normalizeAddress(undefined), 'unknown');
    assert.equal(normalizeAddress('not an address'), 'unknown');
  });
});
