/**
 * Stripe Connect onboarding from the console, with Stripe mocked the way tests/api/hooks/stripe.test.ts
 * does it (the real `stripe` library against msw handlers, webhooks signed with generateTestHeaderString):
 * the owner starts it, the studio's account is created once (keyed by the studio) and each start answers a
 * fresh Account Link back to /admin; `account.updated` (or the owner's GET) records the status; once charges
 * are enabled, card payments go to the account. Managers and instructors are refused; without Stripe the
 * checklist says so and the start is 409.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve } from '../../support/checkout.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { stripeProvider } from '../../../server/platform/adapters/payments/stripe-provider.ts';
import type { StripeConnectOut, StripeOnboardingOut } from '../../../schema/api/admin-stripe.ts';
import type { OnboardingOut } from '../../../schema/api/admin-settings.ts';
import { signIn, type StaffSession } from './staff-session.ts';

const WEBHOOK_SECRET = 'whsec_test_secret';
const API = 'https://api.stripe.com';

describe('Stripe Connect onboarding', () => {
  let app: Awaited<ReturnType<typeof demoApp>>;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  let owner: StaffSession; let manager: StaffSession; let instructor: StaffSession;
  const calls: { path: string; form: URLSearchParams; idempotencyKey: string | null; account: string | null }[] = [];
  const accounts = new Map<string, { id: string; charges_enabled: boolean; payouts_enabled: boolean; details_submitted: boolean; metadata: Record<string, string> }>();
  const accountByKey = new Map<string, string>();

  const server = setupServer(
    http.post(`${API}/v1/accounts`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      const key = request.headers.get('idempotency-key');
      calls.push({ path: '/v1/accounts', form, idempotencyKey: key, account: request.headers.get('stripe-account') });
      // Like Stripe: the same Idempotency-Key answers the same account.
      const earlier = key ? accountByKey.get(key) : undefined;
      if (earlier) return HttpResponse.json({ object: 'account', ...accounts.get(earlier) });
      const id = `acct_${randomBytes(6).toString('hex')}`;
      const account = { id, charges_enabled: false, payouts_enabled: false, details_submitted: false, metadata: { org_id: form.get('metadata[org_id]') ?? '' } };
      accounts.set(id, account);
      if (key) accountByKey.set(key, id);
      return HttpResponse.json({ object: 'account', ...account });
    }),
    http.get(`${API}/v1/accounts/:id`, ({ params }) => {
      const a = accounts.get(String(params.id));
      return a ? HttpResponse.json({ object: 'account', ...a }) : HttpResponse.json({ error: { type: 'invalid_request_error', message: 'No such account' } }, { status: 404 });
    }),
    http.post(`${API}/v1/account_links`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      calls.push({ path: '/v1/account_links', form, idempotencyKey: request.headers.get('idempotency-key'), account: request.headers.get('stripe-account') });
      const created = Math.floor(clock.now().getTime() / 1000);
      return HttpResponse.json({ object: 'account_link', created, expires_at: created + 300, url: `https://connect.stripe.com/setup/s/${form.get('account')}/${randomBytes(4).toString('hex')}` });
    }),
    http.post(`${API}/v1/payment_intents`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      calls.push({ path: '/v1/payment_intents', form, idempotencyKey: request.headers.get('idempotency-key'), account: request.headers.get('stripe-account') });
      const id = `pi_${randomBytes(6).toString('hex')}`;
      return HttpResponse.json({ id, object: 'payment_intent', status: 'requires_payment_method', amount: Number(form.get('amount')), currency: form.get('currency'), client_secret: `${id}_secret_x`, metadata: {} });
    }),
  );
  const provider = stripeProvider({ secretKey: 'sk_test_tandem', webhookSecret: WEBHOOK_SECRET, publishableKey: 'pk_test_stripe', config: { maxNetworkRetries: 0 } });
  const signer = new Stripe('sk_test_signer');

  const post = (s: StaffSession, path: string, key = randomUUID()) => app.request(path, { method: 'POST', headers: { ...s.headers, 'Idempotency-Key': key } });
  const get = (s: StaffSession, path: string) => app.request(path, { headers: s.headers });
  const accountUpdated = (account: { id: string; metadata: Record<string, string> }, status: { charges_enabled: boolean; payouts_enabled: boolean; details_submitted: boolean }) => {
    const payload = JSON.stringify({
      id: `evt_${randomBytes(6).toString('hex')}`, object: 'event', type: 'account.updated', api_version: '2026-10-28.endive', created: Math.floor(clock.now().getTime() / 1000), livemode: false,
      account: account.id, data: { object: { id: account.id, object: 'account', metadata: account.metadata, ...status } },
    });
    const header = signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(clock.now().getTime() / 1000) });
    return app.request('/v1/hooks/stripe', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header }, body: payload });
  };

  before(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, payments: provider });
    await query(db.db, sql`insert into staff (org_id, role, name, email, timezone) values (${FLOW.org}, 'manager', 'Mia Manager', 'mia@studioflow.example', 'Europe/Zurich')`);
    owner = await signIn(app, db.db, 'sandra@studioflow.example');
    manager = await signIn(app, db.db, 'mia@studioflow.example');
    instructor = await signIn(app, db.db, 'mara@studioflow.example');
  });
  after(async () => {
    server.close();
    await db.close();
  });

  test('before onboarding: not connected, and the checklist offers it', async () => {
    const res = await get(owner, '/v1/admin/settings/stripe');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json() as StripeConnectOut, { configured: true, state: 'not_connected', account_id: null, charges_enabled: false, payouts_enabled: false, details_submitted: false });
    const checklist = await (await get(manager, '/v1/admin/onboarding')).json() as OnboardingOut;
    assert.deepEqual(checklist.stripe, { configured: true, state: 'not_connected' });
  });

  test('managers and instructors may not start it or read it', async () => {
    for (const s of [manager, instructor]) {
      for (const res of [await post(s, '/v1/admin/settings/stripe/onboarding'), await get(s, '/v1/admin/settings/stripe')]) {
        assert.equal(res.status, 403);
        assert.equal((await problemOf(res)).code, 'forbidden');
      }
    }
    assert.equal(calls.filter((c) => c.path === '/v1/accounts').length, 0);
  });

  test('the owner starts it: one account for the studio, a fresh link back to /admin each time, never stored', async () => {
    const key = randomUUID();
    const first = await post(owner, '/v1/admin/settings/stripe/onboarding', key);
    assert.equal(first.status, 200, await first.clone().text());
    const a = await first.json() as StripeOnboardingOut;
    assert.equal(a.state, 'details_pending');
    assert.match(a.account_id!, /^acct_/);
    assert.match(a.url!, /^https:\/\/connect\.stripe\.com\//);
    const created = calls.filter((c) => c.path === '/v1/accounts');
    assert.equal(created.length, 1);
    assert.equal(created[0]!.idempotencyKey, `tandem:connect-account:${FLOW.org}`);
    assert.equal(created[0]!.form.get('type'), 'standard');
    assert.equal(created[0]!.form.get('metadata[org_id]'), FLOW.org);
    const link = calls.filter((c) => c.path === '/v1/account_links').at(-1)!;
    assert.equal(link.form.get('account'), a.account_id);
    assert.equal(link.form.get('type'), 'account_onboarding');
    assert.match(link.form.get('return_url')!, /\/admin\?stripe=return$/);
    assert.match(link.form.get('refresh_url')!, /\/admin\?stripe=refresh$/);

    // A replay and a second click: the same account, a new link each (links are single-use).
    const replay = await post(owner, '/v1/admin/settings/stripe/onboarding', key);
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
    const again = await (await post(owner, '/v1/admin/settings/stripe/onboarding')).json() as StripeOnboardingOut;
    assert.equal(again.account_id, a.account_id);
    assert.notEqual(again.url, a.url);
    assert.equal(calls.filter((c) => c.path === '/v1/accounts').length, 1, 'the account is created once');
    const stored = await query(db.db, sql`select response_body::text as body from idempotency_keys where org_id = ${FLOW.org}`);
    assert.ok(stored.every((r) => !String(r.body).includes('connect.stripe.com')), 'the link is never stored');
    const [row] = await query(db.db, sql`select account_id, charges_enabled from stripe_connect_accounts where org_id = ${FLOW.org}`);
    assert.deepEqual([row!.account_id, row!.charges_enabled], [a.account_id, false]);
    const [org] = await query(db.db, sql`select stripe_account_id from orgs where id = ${FLOW.org}`);
    assert.equal(org!.stripe_account_id, null, 'payments stay on the platform account until charges are enabled');
  });

  test('account.updated records the status; charges enabled, card payments go to the studio\'s account; the GET reads Stripe while pending', async () => {
    const [row] = await query(db.db, sql`select account_id from stripe_connect_accounts where org_id = ${FLOW.org}`);
    const account = accounts.get(String(row!.account_id))!;
    // The owner gave the details at Stripe; Stripe tells by the webhook.
    account.details_submitted = true;
    const details = await accountUpdated(account, { charges_enabled: false, payouts_enabled: false, details_submitted: true });
    assert.equal(details.status, 200);
    assert.equal((await details.json() as { outcome: string }).outcome, 'recorded');
    assert.equal((await (await get(owner, '/v1/admin/settings/stripe')).json() as StripeConnectOut).details_submitted, true);

    // Stripe enables charges; the owner comes back before the webhook: the GET asks Stripe and records it.
    Object.assign(account, { charges_enabled: true, payouts_enabled: true, details_submitted: true });
    const now = await (await get(owner, '/v1/admin/settings/stripe')).json() as StripeConnectOut;
    assert.equal(now.state, 'charges_enabled');
    const [org] = await query(db.db, sql`select stripe_account_id from orgs where id = ${FLOW.org}`);
    assert.equal(org!.stripe_account_id, account.id);
    // The webhook after that changes nothing more; a start now gives no link.
    assert.equal((await (await accountUpdated(account, { charges_enabled: true, payouts_enabled: true, details_submitted: true })).json() as { outcome: string }).outcome, 'unchanged');
    const done = await (await post(owner, '/v1/admin/settings/stripe/onboarding')).json() as StripeOnboardingOut;
    assert.deepEqual([done.state, done.url], ['charges_enabled', null]);
    const checklist = await (await get(owner, '/v1/admin/onboarding')).json() as OnboardingOut;
    assert.deepEqual([checklist.stripe.state, checklist.steps.find((s) => s.key === 'payments')!.done], ['charges_enabled', true]);

    const v = await demoVariants(app);
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] } });
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal(out.payment?.stripe_account, account.id);
    assert.equal(calls.filter((c) => c.path === '/v1/payment_intents').at(-1)!.account, account.id);
  });

  test('an account.updated for an account that is not the studio\'s changes nothing', async () => {
    const res = await accountUpdated({ id: 'acct_someone_else', metadata: { org_id: FLOW.org } }, { charges_enabled: false, payouts_enabled: false, details_submitted: false });
    assert.equal((await res.json() as { outcome: string }).outcome, 'unchanged');
    const foreign = await accountUpdated({ id: 'acct_not_ours', metadata: {} }, { charges_enabled: true, payouts_enabled: true, details_submitted: true });
    assert.equal((await foreign.json() as { handled: boolean }).handled, false);
    const [row] = await query(db.db, sql`select charges_enabled from stripe_connect_accounts where org_id = ${FLOW.org}`);
    assert.equal(row!.charges_enabled, true);
  });
});

describe('Stripe Connect without Stripe configured', () => {
  test('the checklist says so and the start is 409 invalid_state', async () => {
    const db = await freshDatabase();
    try {
      const app = await demoApp(db.db, { now: () => new Date('2026-11-25T08:00:00Z') });
      const owner = await signIn(app, db.db, 'sandra@studioflow.example');
      const checklist = await (await app.request('/v1/admin/onboarding', { headers: owner.headers })).json() as OnboardingOut;
      assert.deepEqual(checklist.stripe, { configured: false, state: 'not_connected' });
      assert.equal((await (await app.request('/v1/admin/settings/stripe', { headers: owner.headers })).json() as StripeConnectOut).configured, false);
      const res = await app.request('/v1/admin/settings/stripe/onboarding', { method: 'POST', headers: { ...owner.headers, 'Idempotency-Key': randomUUID() } });
      assert.equal(res.status, 409);
      assert.equal((await problemOf(res)).code, 'invalid_state');
    } finally {
      await db.close();
    }
  });
});
