/**
 * Every route the app serves, run as every kind of caller. The routes come from the app itself
 * (`app.routes`), so a new route is covered the day it is added, and a route under a prefix this
 * file does not know fails until someone decides who may call it.
 *
 * Callers: nobody, a garbage bearer, Studio Flow's publishable key, Studio Flow's secret key (its
 * owner), Atelier Nord's publishable and secret keys, and the portal's bearers: the booking's
 * customer (identity token), its manage link, another customer of Studio Flow and the same
 * address as Atelier Nord's customer. Path parameters are filled with Studio
 * Flow's real rows (a paid Reiki booking: booking, session, order, invoice), so "another studio"
 * means another studio asking for this studio's data, and the owner's own calls are the positive
 * control that the ids are real.
 *
 * What must hold for every route and caller: never a 5xx; every refusal is problem+json; a
 * surface's wrong credentials are refused (401/403) before anything is read; another studio's
 * key never gets a 2xx on this studio's rows.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase } from '../../support/database.ts';
import { DEMO_ORIGIN, demoApp, flowKey, nordKey, testConfig } from '../../support/app.ts';
import { createApp } from '../../../server/app.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { Clock, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { proveIdentity } from '../../support/identity.ts';
import { cardPaid, skFlow, skNord } from '../../support/admin-money.ts';
import { sql } from 'drizzle-orm';

type Caller = 'nobody' | 'garbage' | 'pkFlow' | 'skFlow' | 'pkNord' | 'skNord' | 'customer' | 'manageLink' | 'otherCustomer' | 'nordCustomer';
const callers: Record<Caller, Record<string, string>> = {
  nobody: {},
  garbage: { Authorization: 'Bearer not-a-key' },
  pkFlow: { ...flowKey, Origin: DEMO_ORIGIN },
  skFlow,
  pkNord: { ...nordKey, Origin: DEMO_ORIGIN },
  skNord,
  // Filled in before(): the portal's bearers.
  customer: {},
  manageLink: {},
  otherCustomer: {},
  nordCustomer: {},
};
const everyone = Object.keys(callers) as Caller[];
/** The portal's bearers: each gets in, and sees only its own customer's rows (the last test). */
const portalBearers: Caller[] = ['customer', 'manageLink', 'otherCustomer', 'nordCustomer'];

/** Who may reach a prefix's routes at all; everyone else is refused by the surface's authentication. */
type Surface = { prefix: RegExp; name: string; admits: Caller[]; refusal: number[] };
const surfaces: Surface[] = [
  // The invoice's opaque link: its token is the credential; a forged one is a plain 404.
  { prefix: /^\/v1\/embed\/invoices\//, name: 'invoice link', admits: everyone, refusal: [404] },
  { prefix: /^\/v1\/embed\//, name: 'embed', admits: ['pkFlow', 'pkNord'], refusal: [401] },
  // Staff sign-in: the e-mail and the mailed code are the credentials (tests/api/admin/sign-in.test.ts); open to every caller.
  { prefix: /^\/v1\/admin\/sign-in\//, name: 'staff sign-in', admits: everyone, refusal: [] },
  // A new studio's sign-up: the details and then the mailed code are all there is (tests/api/admin/sign-up.test.ts); open to every caller.
  { prefix: /^\/v1\/admin\/sign-up(\/verify)?$/, name: 'studio sign-up', admits: everyone, refusal: [] },
  { prefix: /^\/v1\/admin\//, name: 'admin', admits: ['skFlow', 'skNord'], refusal: [401] },
  // A homework file's signed link: its token is the credential (five minutes); a forged or expired one is a plain 404.
  { prefix: /^\/v1\/files\//, name: 'file link', admits: everyone, refusal: [404] },
  // A program's uploaded banner or thumbnail: public (its page, the widget); an unknown address is a plain 404.
  { prefix: /^\/v1\/program-images\//, name: 'program image', admits: everyone, refusal: [404] },
  { prefix: /^\/v1\/portal\//, name: 'portal', admits: portalBearers, refusal: [401, 404] },
  // Stripe's webhook: the signature is the credential (none here, so 400 invalid_signature; 404 without Stripe).
  { prefix: /^\/v1\/hooks\//, name: 'hooks', admits: [], refusal: [400, 401, 404] },
  // Served to anyone, they read nothing private: health, the widget's files, the API description.
  { prefix: /^\/(health|widget\/|v1\/openapi\.json$)/, name: 'public', admits: everyone, refusal: [] },
  // The hosted pages, their sitemaps and robots.txt: for search engines and anyone with the address; what they
  // show is read as the studio's anonymous caller (tests/api/pages/), everything else is one HTML 404.
  // The studio console's page (/admin) is HTML for anyone: what it shows comes through the admin API.
  { prefix: /^\/(p\/|robots\.txt$|sitemap\.xml$|admin$|admin\/signup$)/, name: 'public pages', admits: everyone, refusal: [] },
  // The manage link's page: its token is the credential; a forged or expired one answers the HTML page that offers
  // a new link (tests/api/portal/), never the booking.
  { prefix: /^\/manage\//, name: 'public pages', admits: everyone, refusal: [] },
  // Links from mails whose token is the credential (a review request; marketing consent and unsubscribe): a forged
  // one answers an HTML page saying the link is not valid (tests/api/notifications/reviews.test.ts, tests/api/marketing/).
  { prefix: /^\/(reviews|consent|unsubscribe)\//, name: 'public pages', admits: everyone, refusal: [] },
  // The demo's mailbox: on this machine only (app.request() is a loopback client); see the last test.
  { prefix: /^\/dev\//, name: 'dev', admits: everyone, refusal: [] },
];

describe('every route × every caller', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const ids: Record<string, string> = {};

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: new Clock(new Date('2026-11-25T08:00:00Z')).now });
    const reiki = (await demoVariants(app)).reiki![0]!;
    const email = `sec-${Date.now().toString(36)}@example.ch`;
    const booking = await reserve(app, { program: 'reiki', variant: reiki, customer: customer({ email }), sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] } });
    const out = await checkedOut(await checkoutReq(app, booking, { method: 'card' }));
    assert.equal((await testPay(app, booking, 'succeed')).status, 200);
    const orderId = out.order.id;
    const other = await cardPaid(app, reiki, '2026-12-04T10:00:00.000Z');
    const bearer = async (address: string, key?: typeof nordKey) => ({ Authorization: `Bearer ${(await proveIdentity(app, db.db, address, key))['Tandem-Identity']}` });
    Object.assign(callers, {
      customer: await bearer(email),
      manageLink: { Authorization: `Bearer ${out.booking.manage_url.split('/manage/')[1]}` },
      otherCustomer: await bearer(String((await query(db.db, sql`select c.email from customers c join program_bookings b on b.customer_id = c.id where b.id = ${other.booking.id}`))[0]!.email)),
      nordCustomer: await bearer(email, nordKey),
    });
    const [session] = await query(db.db, sql`select id from program_sessions where booking_id = ${booking.id}`);
    const [invoice] = await query(db.db, sql`select id from invoices where order_id = ${orderId}`);
    const hook = await app.request('/v1/admin/webhooks', { method: 'POST', headers: { ...skFlow, 'Idempotency-Key': 'sec-webhook', 'Content-Type': 'application/json' }, body: JSON.stringify({ url: 'https://hooks.example/in', events: ['booking.confirmed'] }) });
    assert.equal(hook.status, 201);
    const [program] = await query(db.db, sql`select id from programs where slug = 'reiki'`);
    Object.assign(ids, { booking: booking.id, session: String(session!.id), order: orderId, invoice: String(invoice!.id), program: String(program!.id), slug: 'reiki', webhook: (await hook.json() as { id: string }).id });
  });
  after(async () => db.close());

  /** The app's own list of routes, middleware left out, each method and path once. */
  function routes(): { method: string; path: string }[] {
    const seen = new Map<string, { method: string; path: string }>();
    for (const r of app.routes) if (r.method !== 'ALL') seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
    return [...seen.values()];
  }

  /** A concrete URL for a route pattern, using Studio Flow's rows. */
  function concrete(path: string): string {
    return path
      .replace(/\/(bookings|orders|invoices|credit-notes|refunds|webhooks|programs)\/:id\b/g, (_, kind: string) =>
        `/${kind}/${{ bookings: ids.booking, orders: ids.order, invoices: ids.invoice, 'credit-notes': ids.invoice, refunds: ids.order, webhooks: ids.webhook, programs: ids.program }[kind]}`)
      .replace(':sessionId', ids.session!)
      .replace(':slug', ids.slug!)
      .replace(/\/(invoices|credit-notes)\/:file/, (_, kind: string) => `/${kind}/${kind === 'invoices' ? ids.invoice : ids.invoice}.pdf`)
      .replace(/:n\b/, '0')
      .replace(/:[A-Za-z]+(\{[^}]*\})?/g, '00000000-0000-4000-8000-000000000000')
      .replace('/*', '/tandem.js');
  }

  function surfaceOf(path: string): Surface {
    const surface = surfaces.find((s) => s.prefix.test(path));
    assert.ok(surface, `${path}: no surface declares who may call it; add its prefix to tests/api/security/routes.security.test.ts`);
    return surface;
  }

  test('the route list is the app\'s own and every route belongs to a declared surface', () => {
    const all = routes();
    assert.ok(all.length >= 30, `only ${all.length} routes found`);
    for (const r of all) surfaceOf(r.path);
  });

  test('the owner reaches the same rows: the ids are real, so the refusals above are about the caller', async () => {
    // The routes whose ids this file fills with real rows (others get an id that exists nowhere).
    const reads = routes().filter((r) => r.method === 'GET' && /^\/v1\/admin\/(bookings|orders|invoices)\/:(id|file)(\/[a-z-]+)?$/.test(r.path));
    assert.ok(reads.length >= 2);
    for (const r of reads) {
      const url = concrete(r.path);
      if (url.includes('/credit-notes/')) continue; // this booking has no credit note: nothing was cancelled
      const res = await app.request(url, { headers: skFlow });
      assert.equal(res.status, 200, `${url} as Studio Flow's owner`);
      await res.arrayBuffer();
    }
    // The portal's own bearers reach the booking and its invoice; the other customers do not (last test).
    for (const who of ['customer', 'manageLink'] as const) {
      for (const url of [`/v1/portal/bookings/${ids.booking}`, `/v1/portal/invoices/${ids.invoice}.pdf`, `/v1/portal/bookings/${ids.booking}/sessions/${ids.session}/ics`]) {
        const res = await app.request(url, { headers: callers[who] });
        assert.equal(res.status, 200, `${url} as the booking's ${who}`);
        await res.arrayBuffer();
      }
    }
    const own = await app.request(`/v1/admin/orders/${ids.order}`, { headers: skFlow });
    assert.equal(own.status, 200);
    const theirs = await app.request(`/v1/admin/orders/${ids.order}`, { headers: skNord });
    assert.equal(theirs.status, 404);
  });

  test('wrong credentials are refused by the surface, never a 5xx, refusals are problem+json', async () => {
    const failures: string[] = [];
    for (const r of routes()) {
      const surface = surfaceOf(r.path);
      const url = concrete(r.path);
      for (const [name, headers] of Object.entries(callers) as [Caller, Record<string, string>][]) {
        // Signing out would end the bearer the rest of this file uses (tests/api/portal/ proves it).
        if (r.path === '/v1/portal/sign-out' && portalBearers.includes(name)) continue;
        const res = await app.request(url, { method: r.method, headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': `sec-${name}-${r.method}-${url}` }, body: r.method === 'GET' ? undefined : '{}' });
        const where = `${r.method} ${url} as ${name}: ${res.status}`;
        if (res.status >= 500) failures.push(`${where} (server error)`);
        if (res.status >= 400 && res.status !== 404 && !surface.name.startsWith('public') && !(res.headers.get('Content-Type') ?? '').startsWith('application/problem+json')) failures.push(`${where} not problem+json`);
        if (!surface.admits.includes(name) && !surface.refusal.includes(res.status)) failures.push(`${where}, expected ${surface.refusal.join(' or ')}`);
        await res.arrayBuffer();
      }
    }
    assert.deepEqual(failures, []);
  });

  test('another studio\'s key, another studio\'s customer and another customer never read or change this booking\'s rows', async () => {
    const failures: string[] = [];
    for (const r of routes()) {
      if (!/:(id|sessionId|file)\b/.test(r.path)) continue;
      const surface = surfaceOf(r.path);
      if (surface.name !== 'embed' && surface.name !== 'admin' && surface.name !== 'portal') continue;
      const url = concrete(r.path);
      const as: [string, Record<string, string>][] = surface.name === 'embed' ? [['Atelier Nord', callers.pkNord]] : surface.name === 'admin' ? [['Atelier Nord', callers.skNord]]
        : [['Atelier Nord\'s customer', callers.nordCustomer], ['another customer', callers.otherCustomer]];
      for (const [who, headers] of as) {
        const res = await app.request(url, { method: r.method, headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': `nord-${who}-${r.method}-${url}` }, body: r.method === 'GET' ? undefined : '{}' });
        // 404 as for a row that does not exist; 400/422 only where the body is refused before any lookup.
        if (![404, 400, 422].includes(res.status)) failures.push(`${r.method} ${url} as ${who}: ${res.status} ${await res.text()}`);
        else await res.arrayBuffer();
      }
    }
    assert.deepEqual(failures, []);
  });

  test('the demo\'s mailbox answers only on this machine: 404 behind a proxy and with the dev routes off', async () => {
    const dev = routes().filter((r) => r.path.startsWith('/dev/'));
    assert.ok(dev.length >= 2);
    const production = createApp({ db: db.db, now: () => new Date(), config: { ...testConfig, demo: false }, payments: testProvider(), mailer: localMailer() });
    for (const r of dev) {
      const proxied = await app.request(concrete(r.path), { headers: { 'X-Forwarded-For': '203.0.113.9' } });
      assert.equal(proxied.status, 404, `${r.path} behind a proxy`);
      const off = await production.request(concrete(r.path));
      assert.equal(off.status, 404, `${r.path} with the dev routes off`);
    }
  });
});
