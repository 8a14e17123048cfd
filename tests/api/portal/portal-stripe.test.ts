/**
 * "Update card" and "pay open balance" against Stripe without the network: the real `stripe`
 * library talks to msw handlers, webhooks are signed with `generateTestHeaderString`. The
 * SetupIntent is made on the studio's Connect account for the plan's own customer, keyed by the
 * request; the card changes only on a verified `setup_intent.succeeded` for that customer and
 * account; the balance is then charged off-session to the new card. And the one-off path: a
 * PaymentIntent for the open balance confirmed in the browser, recorded on the verified webhook once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, testConfig } from '../../support/app.ts';
import { Clock, postJson, query } from '../../support/booking.ts';
import { EVOLVE_INTAKE, checkedOut, checkoutReq, customer, demoVariants, reserve } from '../../support/checkout.ts';
import { proveIdentity } from '../../support/identity.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { withCaller } from '../../../server/platform/db/identity.ts';
import { stripeProvider } from '../../../server/platform/adapters/payments/stripe-provider.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { chargeDueInstallments, scheduleInstallmentCharge } from '../../../server/modules/billing/index.ts';
import { jobDefinitions } from '../../../server/jobs.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';

const API = 'https://api.stripe.com';
const WEBHOOK_SECRET = 'whsec_portal_secret';

interface Call { path: string; form: URLSearchParams; account: string | null; idempotencyKey: string | null }

describe('portal with Stripe: update card by SetupIntent, pay the balance off-session', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  const calls: Call[] = [];
  const setups = new Map<string, { id: string; customer: string; metadata: Record<string, string> }>();
  const record = async (request: Request, path: string): Promise<Call> => {
    const call = { path, form: new URLSearchParams(await request.text()), account: request.headers.get('stripe-account'), idempotencyKey: request.headers.get('idempotency-key') };
    calls.push(call);
    return call;
  };
  const metadataOf = (form: URLSearchParams) => Object.fromEntries([...form.entries()].filter(([k]) => k.startsWith('metadata[')).map(([k, val]) => [k.slice(9, -1), val]));
  const server = setupServer(
    http.post(`${API}/v1/customers`, async ({ request }) => {
      await record(request, '/v1/customers');
      return HttpResponse.json({ id: `cus_${randomBytes(4).toString('hex')}`, object: 'customer' });
    }),
    http.post(`${API}/v1/payment_intents`, async ({ request }) => {
      const c = await record(request, '/v1/payment_intents');
      const id = `pi_${randomBytes(6).toString('hex')}`;
      const status = c.form.get('off_session') === 'true' ? 'succeeded' : 'requires_payment_method';
      return HttpResponse.json({ id, object: 'payment_intent', status, amount: Number(c.form.get('amount')), currency: c.form.get('currency'), client_secret: `${id}_secret_x`, metadata: metadataOf(c.form) });
    }),
    // Like Stripe, the same Idempotency-Key answers the same SetupIntent.
    http.post(`${API}/v1/setup_intents`, async ({ request }) => {
      const c = await record(request, '/v1/setup_intents');
      const earlier = setups.get(c.idempotencyKey ?? '');
      const setup = earlier ?? { id: `seti_${randomBytes(6).toString('hex')}`, customer: c.form.get('customer') ?? '', metadata: metadataOf(c.form) };
      setups.set(c.idempotencyKey ?? '', setup);
      return HttpResponse.json({ ...setup, object: 'setup_intent', status: 'requires_payment_method', usage: c.form.get('usage'), client_secret: `${setup.id}_secret_y` });
    }),
  );
  const provider = stripeProvider({ secretKey: 'sk_test_tandem', webhookSecret: WEBHOOK_SECRET, publishableKey: 'pk_test_stripe', config: { maxNetworkRetries: 0 } });
  const signer = new Stripe('sk_test_signer');
  let booking: { id: string; orderId: string; customerRef: string };
  let bearer = '';

  const deliver = (type: string, object: Record<string, unknown>, account: string | null = 'acct_flow') => {
    const payload = JSON.stringify({
      id: `evt_${randomBytes(6).toString('hex')}`, object: 'event', type, api_version: '2026-10-28.endive', created: Math.floor(clock.now().getTime() / 1000), livemode: false,
      ...(account ? { account } : {}), data: { object },
    });
    const header = signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(clock.now().getTime() / 1000) });
    return app.request('/v1/hooks/stripe', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header }, body: payload });
  };
  const post = (path: string, key = randomUUID()) => app.request(path, { method: 'POST', headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: '{}' });
  const card = async () => String((await query(db.db, sql`select stripe_payment_method_id from payment_plans where order_id = ${booking.orderId}`))[0]!.stripe_payment_method_id);

  before(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, payments: provider });
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner' }, (tx) => tx.execute(sql`update orgs set stripe_account_id = 'acct_flow' where id = ${FLOW.org}`));
    const v = await demoVariants(app);
    const email = `${randomUUID().slice(0, 8)}@example.ch`;
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![1], customer: customer({ email }), sessions: { mode: 'cadence', first_start: '2026-12-01T09:00:00.000Z' }, intake: EVOLVE_INTAKE });
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
    const deposit = calls.find((c) => c.path === '/v1/payment_intents')!;
    const customerRef = deposit.form.get('customer')!;
    const pi = out.payment!.client_secret.split('_secret_')[0]!;
    const paid = await deliver('payment_intent.succeeded', { id: pi, object: 'payment_intent', status: 'succeeded', metadata: metadataOf(deposit.form), payment_method: 'pm_first', customer: customerRef });
    assert.equal(paid.status, 200);
    booking = { id: b.id, orderId: out.order.id, customerRef };
    bearer = (await proveIdentity(app, db.db, email))['Tandem-Identity'];
    calls.length = 0;
  });
  after(async () => {
    server.close();
    await db.close();
  });

  test('update card: a SetupIntent for the plan\'s customer on the studio\'s account, keyed by the request; the Payment Element gets its secret', async () => {
    const key = randomUUID();
    const res = await post(`/v1/portal/bookings/${booking.id}/card`, key);
    assert.equal(res.status, 200, await res.clone().text());
    const out = await res.json() as { setup: Record<string, unknown> };
    const [call] = calls.filter((c) => c.path === '/v1/setup_intents');
    assert.equal(call!.account, 'acct_flow');
    assert.match(call!.idempotencyKey ?? '', /^tandem:setup:[0-9a-f-]{36}$/);
    assert.equal(call!.form.get('customer'), booking.customerRef);
    assert.equal(call!.form.get('usage'), 'off_session');
    assert.equal(call!.form.get('automatic_payment_methods[enabled]'), 'true');
    assert.deepEqual([call!.form.get('metadata[org_id]'), call!.form.get('metadata[order_id]'), call!.form.get('metadata[booking_id]')], [FLOW.org, booking.orderId, booking.id]);
    assert.equal(calls.filter((c) => c.path === '/v1/customers').length, 0, 'the plan\'s customer is reused');
    assert.deepEqual(out.setup, { provider: 'stripe', client_secret: `${setups.get(call!.idempotencyKey!)!.id}_secret_y`, publishable_key: 'pk_test_stripe', stripe_account: 'acct_flow', test_mode: true });
    // A replay asks Stripe with the same key and answers the same SetupIntent.
    const again = await post(`/v1/portal/bookings/${booking.id}/card`, key);
    assert.deepEqual(await again.json(), out);
    const keys = calls.filter((c) => c.path === '/v1/setup_intents').map((c) => c.idempotencyKey);
    assert.equal(new Set(keys).size, 1);
    assert.equal(await card(), 'pm_first', 'nothing changes before Stripe says the card is saved');
  });

  test('the card changes on a verified setup_intent.succeeded for the plan\'s customer only, and once', async () => {
    const setup = [...setups.values()][0]!;
    // Another customer, or another account: nothing changes.
    assert.equal((await deliver('setup_intent.succeeded', { ...setup, object: 'setup_intent', status: 'succeeded', customer: 'cus_someone_else', payment_method: 'pm_evil' })).status, 200);
    assert.equal((await deliver('setup_intent.succeeded', { ...setup, object: 'setup_intent', status: 'succeeded', payment_method: 'pm_evil' }, 'acct_other')).status, 200);
    assert.equal(await card(), 'pm_first');
    for (let i = 0; i < 2; i++) {
      const res = await deliver('setup_intent.succeeded', { ...setup, object: 'setup_intent', status: 'succeeded', payment_method: 'pm_new' });
      assert.equal(res.status, 200);
      assert.equal((await res.json() as { outcome: string }).outcome, i === 0 ? 'recorded' : 'duplicate');
    }
    assert.equal(await card(), 'pm_new');
    const events = await query(db.db, sql`select 1 from domain_events where type = 'payment.card_updated' and subject_id = ${booking.id}`);
    assert.equal(events.length, 1);
  });

  test('pay open balance: the installments charged off-session to the new card, once each', async () => {
    calls.length = 0;
    const res = await post(`/v1/portal/bookings/${booking.id}/pay-balance`);
    assert.equal(res.status, 202, await res.clone().text());
    assert.equal(calls.length, 0, 'no provider call inside the request');
    const jobs = jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments: provider, mailer: localMailer() });
    await runDueJobs(db.executor, jobs);
    await runDueJobs(db.executor, jobs);
    const charged = calls.filter((c) => c.path === '/v1/payment_intents');
    assert.deepEqual(charged.map((c) => [c.form.get('amount'), c.form.get('payment_method'), c.form.get('off_session'), c.account]), [
      ['26000', 'pm_new', 'true', 'acct_flow'], ['26000', 'pm_new', 'true', 'acct_flow'], ['26000', 'pm_new', 'true', 'acct_flow'],
    ]);
    assert.equal(new Set(charged.map((c) => c.idempotencyKey)).size, 3);
    const [order] = await query(db.db, sql`select status::text, amount_paid from orders where id = ${booking.orderId}`);
    assert.deepEqual({ ...order }, { status: 'paid', amount_paid: 108000 });
  });
});

describe('portal with Stripe: pay the open balance once in the Payment Element', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  const calls: Call[] = [];
  const intents = new Map<string, { id: string; metadata: Record<string, string>; amount: number }>();
  const metadataOf = (form: URLSearchParams) => Object.fromEntries([...form.entries()].filter(([k]) => k.startsWith('metadata[')).map(([k, val]) => [k.slice(9, -1), val]));
  const record = async (request: Request, path: string): Promise<Call> => {
    const call = { path, form: new URLSearchParams(await request.text()), account: request.headers.get('stripe-account'), idempotencyKey: request.headers.get('idempotency-key') };
    calls.push(call);
    return call;
  };
  const server = setupServer(
    http.post(`${API}/v1/customers`, async ({ request }) => {
      await record(request, '/v1/customers');
      return HttpResponse.json({ id: `cus_${randomBytes(4).toString('hex')}`, object: 'customer' });
    }),
    // Like Stripe, the same Idempotency-Key answers the same PaymentIntent.
    http.post(`${API}/v1/payment_intents`, async ({ request }) => {
      const c = await record(request, '/v1/payment_intents');
      const earlier = intents.get(c.idempotencyKey ?? '');
      const pi = earlier ?? { id: `pi_${randomBytes(6).toString('hex')}`, metadata: metadataOf(c.form), amount: Number(c.form.get('amount')) };
      intents.set(c.idempotencyKey ?? '', pi);
      const status = c.form.get('off_session') === 'true' ? 'succeeded' : 'requires_payment_method';
      return HttpResponse.json({ ...pi, object: 'payment_intent', status, currency: c.form.get('currency'), client_secret: `${pi.id}_secret_z` });
    }),
  );
  const provider = stripeProvider({ secretKey: 'sk_test_tandem', webhookSecret: WEBHOOK_SECRET, publishableKey: 'pk_test_stripe', config: { maxNetworkRetries: 0 } });
  const signer = new Stripe('sk_test_signer');
  let booking: { id: string; orderId: string };
  let bearer = '';
  const deliver = (type: string, object: Record<string, unknown>, account: string | null = 'acct_flow') => {
    const payload = JSON.stringify({
      id: `evt_${randomBytes(6).toString('hex')}`, object: 'event', type, api_version: '2026-10-28.endive', created: Math.floor(clock.now().getTime() / 1000), livemode: false,
      ...(account ? { account } : {}), data: { object },
    });
    const header = signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(clock.now().getTime() / 1000) });
    return app.request('/v1/hooks/stripe', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header }, body: payload });
  };
  const post = (path: string, key = randomUUID()) => app.request(path, { method: 'POST', headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: '{}' });
  const money = async () => (await query(db.db, sql`select o.status::text as status, o.amount_paid,
      (select array_agg(i.status::text order by i.seq) from installments i where i.order_id = o.id) as installments,
      (select count(*)::int from payments p where p.order_id = o.id and p.status = 'succeeded') as succeeded,
      (select stripe_payment_method_id from payment_plans where order_id = o.id) as card
    from orders o where o.id = ${booking.orderId}`))[0]!;
  const jobs = () => jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments: provider, mailer: localMailer() });

  before(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, payments: provider });
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner' }, (tx) => tx.execute(sql`update orgs set stripe_account_id = 'acct_flow' where id = ${FLOW.org}`));
    const v = await demoVariants(app);
    const email = `${randomUUID().slice(0, 8)}@example.ch`;
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![1], customer: customer({ email }), sessions: { mode: 'cadence', first_start: '2026-12-01T09:00:00.000Z' }, intake: EVOLVE_INTAKE });
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
    const deposit = calls.find((c) => c.path === '/v1/payment_intents')!;
    const pi = out.payment!.client_secret.split('_secret_')[0]!;
    assert.equal((await deliver('payment_intent.succeeded', { id: pi, object: 'payment_intent', status: 'succeeded', metadata: metadataOf(deposit.form), payment_method: 'pm_first', customer: deposit.form.get('customer') })).status, 200);
    booking = { id: b.id, orderId: out.order.id };
    bearer = (await proveIdentity(app, db.db, email))['Tandem-Identity'];
    calls.length = 0;
  });
  after(async () => {
    server.close();
    await db.close();
  });

  test('a PaymentIntent for the open balance on the studio\'s account, keyed by its payment row; asked again, the same one; nothing recorded yet', async () => {
    const before = await money();
    const key = randomUUID();
    const res = await post(`/v1/portal/bookings/${booking.id}/pay-balance/payment`, key);
    assert.equal(res.status, 200, await res.clone().text());
    const out = await res.json() as { payment: Record<string, unknown>; charge: { amount: { amount: number }; installments: unknown[] } };
    const [call] = calls.filter((c) => c.path === '/v1/payment_intents');
    assert.equal(call!.account, 'acct_flow');
    assert.match(call!.idempotencyKey ?? '', /^tandem:balance:[0-9a-f-]{36}$/);
    assert.equal(call!.form.get('amount'), '78000');
    assert.equal(call!.form.get('off_session'), null, 'confirmed in the browser, not off-session');
    assert.equal(call!.form.get('setup_future_usage'), null, 'the plan has a card already');
    assert.deepEqual([call!.form.get('metadata[order_id]'), call!.form.get('metadata[booking_id]')], [booking.orderId, booking.id]);
    const pi = intents.get(call!.idempotencyKey!)!;
    assert.deepEqual(out.payment, { provider: 'stripe', client_secret: `${pi.id}_secret_z`, publishable_key: 'pk_test_stripe', stripe_account: 'acct_flow', test_mode: true });
    assert.equal(out.charge.amount.amount, 78000);
    assert.equal(out.charge.installments.length, 3);
    // A replay, and another request while it is open: the same payment row, so the same intent at Stripe.
    assert.deepEqual(await (await post(`/v1/portal/bookings/${booking.id}/pay-balance/payment`, key)).json(), out);
    assert.deepEqual(await (await post(`/v1/portal/bookings/${booking.id}/pay-balance/payment`)).json(), out);
    assert.equal(new Set(calls.filter((c) => c.path === '/v1/payment_intents').map((c) => c.idempotencyKey)).size, 1);
    const rows = await query(db.db, sql`select status::text, amount, provider_ref from payments where order_id = ${booking.orderId} and reference = 'open-balance'`);
    assert.deepEqual(rows.map((r) => ({ ...r })), [{ status: 'pending', amount: 78000, provider_ref: pi.id }]);
    assert.deepEqual(await money(), before, 'nothing counts before Stripe says so');
  });

  test('while the customer pays in the browser, the installments it covers are not charged off-session', async () => {
    calls.length = 0;
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner' }, async (tx) => {
      await tx.execute(sql`update installments set due_at = ${new Date(clock.now().getTime() - 86_400_000).toISOString()}::timestamptz, next_attempt_at = null where order_id = ${booking.orderId}`);
      await scheduleInstallmentCharge(tx, FLOW.org, new Date(Date.now() - 1000));
    });
    await runDueJobs(db.executor, jobs());
    assert.deepEqual(calls.filter((c) => c.path === '/v1/payment_intents').map((c) => c.form.get('off_session')), []);
    assert.deepEqual((await money()).installments, ['scheduled', 'scheduled', 'scheduled']);
    // Nor through "pay open balance" with the saved card meanwhile.
    const saved = await post(`/v1/portal/bookings/${booking.id}/pay-balance`);
    assert.deepEqual([saved.status, ((await saved.json()) as { code: string }).code], [409, 'invalid_state']);
    await runDueJobs(db.executor, jobs());
    assert.equal(calls.filter((c) => c.path === '/v1/payment_intents').length, 0);
  });

  test('the money counts on Stripe\'s verified payment_intent.succeeded for the studio\'s account, once: the installments paid, the order paid', async () => {
    const [row] = await query(db.db, sql`select id, provider_ref from payments where order_id = ${booking.orderId} and reference = 'open-balance'`);
    const pi = [...intents.values()].find((i) => i.id === row!.provider_ref)!;
    const object = { id: pi.id, object: 'payment_intent', status: 'succeeded', amount: 78000, metadata: pi.metadata, payment_method: 'pm_once' };
    // From another account: not applied.
    assert.equal((await deliver('payment_intent.succeeded', object, 'acct_other')).status, 200);
    assert.equal((await money()).amount_paid, 30000);
    for (let i = 0; i < 2; i++) {
      const res = await deliver('payment_intent.succeeded', object);
      assert.equal(res.status, 200);
      assert.equal((await res.json() as { outcome: string }).outcome, i === 0 ? 'recorded' : 'duplicate');
    }
    assert.deepEqual({ ...(await money()) }, { status: 'paid', amount_paid: 108000, installments: ['paid', 'paid', 'paid'], succeeded: 2, card: 'pm_first' });
    const events = await query(db.db, sql`select 1 from domain_events where type = 'payment.succeeded' and payload->>'payment_id' = ${String(row!.id)}`);
    assert.equal(events.length, 1);
    // Nothing left: no second payment, and the off-session job finds nothing to charge.
    calls.length = 0;
    const again = await post(`/v1/portal/bookings/${booking.id}/pay-balance/payment`);
    assert.equal(again.status, 409);
    clock.set(new Date(clock.now().getTime() + 2 * 3_600_000).toISOString());
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner' }, (tx) => scheduleInstallmentCharge(tx, FLOW.org, new Date(Date.now() - 1000)));
    await runDueJobs(db.executor, jobs());
    assert.equal(calls.filter((c) => c.path === '/v1/payment_intents').length, 0);
  });
});

describe('portal with Stripe: a one-off payment of the balance left unfinished is cancelled at Stripe after its hour', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  const calls: Call[] = [];
  const intents = new Map<string, { id: string; metadata: Record<string, string>; amount: number }>();
  // What Stripe says of an intent when asked to cancel it (default: it can be cancelled).
  const stateAtStripe = new Map<string, 'requires_payment_method' | 'succeeded' | 'canceled' | 'processing'>();
  // Stripe refuses to make the customer's PaymentIntents (an outage) while this is set.
  let refuseIntents = false;
  const metadataOf = (form: URLSearchParams) => Object.fromEntries([...form.entries()].filter(([k]) => k.startsWith('metadata[')).map(([k, val]) => [k.slice(9, -1), val]));
  const record = async (request: Request, path: string): Promise<Call> => {
    const call = { path, form: new URLSearchParams(request.method === 'GET' ? '' : await request.text()), account: request.headers.get('stripe-account'), idempotencyKey: request.headers.get('idempotency-key') };
    calls.push(call);
    return call;
  };
  const intentJson = (id: string, status: string) => {
    const pi = [...intents.values()].find((i) => i.id === id)!;
    return { ...pi, object: 'payment_intent', status, currency: 'chf', client_secret: `${pi.id}_secret_z` };
  };
  const server = setupServer(
    http.post(`${API}/v1/customers`, async ({ request }) => {
      await record(request, '/v1/customers');
      return HttpResponse.json({ id: `cus_${randomBytes(4).toString('hex')}`, object: 'customer' });
    }),
    http.post(`${API}/v1/payment_intents/:id/cancel`, async ({ request, params }) => {
      await record(request, `/v1/payment_intents/${String(params.id)}/cancel`);
      const id = String(params.id);
      const state = stateAtStripe.get(id) ?? 'requires_payment_method';
      if (state !== 'requires_payment_method') {
        return HttpResponse.json({ error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: `You cannot cancel this PaymentIntent because it has a status of ${state}.` } }, { status: 400 });
      }
      stateAtStripe.set(id, 'canceled');
      return HttpResponse.json(intentJson(id, 'canceled'));
    }),
    http.get(`${API}/v1/payment_intents/:id`, async ({ request, params }) => {
      await record(request, `/v1/payment_intents/${String(params.id)}`);
      return HttpResponse.json(intentJson(String(params.id), stateAtStripe.get(String(params.id)) ?? 'requires_payment_method'));
    }),
    http.post(`${API}/v1/payment_intents`, async ({ request }) => {
      const c = await record(request, '/v1/payment_intents');
      if (refuseIntents && c.form.get('off_session') !== 'true') {
        return HttpResponse.json({ error: { type: 'api_error', message: 'An error occurred with our connection to Stripe.' } }, { status: 500 });
      }
      const earlier = intents.get(c.idempotencyKey ?? '');
      const pi = earlier ?? { id: `pi_${randomBytes(6).toString('hex')}`, metadata: metadataOf(c.form), amount: Number(c.form.get('amount')) };
      intents.set(c.idempotencyKey ?? '', pi);
      const status = c.form.get('off_session') === 'true' ? 'succeeded' : 'requires_payment_method';
      return HttpResponse.json({ ...pi, object: 'payment_intent', status, currency: c.form.get('currency'), client_secret: `${pi.id}_secret_z` });
    }),
  );
  const provider = stripeProvider({ secretKey: 'sk_test_tandem', webhookSecret: WEBHOOK_SECRET, publishableKey: 'pk_test_stripe', config: { maxNetworkRetries: 0 } });
  const signer = new Stripe('sk_test_signer');
  const deliver = (type: string, object: Record<string, unknown>, account: string | null = 'acct_flow') => {
    const payload = JSON.stringify({
      id: `evt_${randomBytes(6).toString('hex')}`, object: 'event', type, api_version: '2026-10-28.endive', created: Math.floor(clock.now().getTime() / 1000), livemode: false,
      ...(account ? { account } : {}), data: { object },
    });
    const header = signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(clock.now().getTime() / 1000) });
    return app.request('/v1/hooks/stripe', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header }, body: payload });
  };
  const jobs = () => jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments: provider, mailer: localMailer() });
  /** The expiry jobs waiting, made due by the queue's clock (the app's clock is the test's). */
  const expiryJobsDue = () => query(db.db, sql`update pgboss.job set start_after = now() where name = 'balance.expire-payment' and state = 'created' returning singleton_key`);
  /** The open-balance payments' expiry jobs made due, then run: what the queue does an hour after a payment began. */
  const runExpiryJobs = async () => {
    await expiryJobsDue();
    await runDueJobs(db.executor, jobs());
  };
  const money = async (orderId: string) => (await query(db.db, sql`select o.status::text as status, o.amount_paid,
      (select array_agg(i.status::text order by i.seq) from installments i where i.order_id = o.id) as installments,
      (select array_agg(p.status::text order by p.created_at) from payments p where p.order_id = o.id and p.reference = 'open-balance') as balance
    from orders o where o.id = ${orderId}`))[0]!;
  let variant = '';
  // Each booking its own times: the next free series the booking API offers.
  let nextStart = '2026-12-01T09:00:00.000Z';

  /** A booking with its deposit paid and a card saved, and its customer's bearer token. */
  const booked = async () => {
    const email = `${randomUUID().slice(0, 8)}@example.ch`;
    const body = (first_start: string) => ({ program: 'evolve', variant, customer: customer({ email }), sessions: { mode: 'cadence', first_start }, intake: EVOLVE_INTAKE });
    const tried = await postJson(app, '/v1/embed/bookings', body(nextStart), flowKey);
    if (tried.status === 409) nextStart = ((await tried.json()) as { conflicts: { alternatives: { start: string }[] }[] }).conflicts[0]!.alternatives[0]!.start;
    else assert.equal(tried.status, 201, await tried.clone().text());
    const b = tried.status === 201 ? await tried.json() as Awaited<ReturnType<typeof reserve>> : await reserve(app, body(nextStart));
    calls.length = 0;
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
    const deposit = calls.find((c) => c.path === '/v1/payment_intents')!;
    const pi = out.payment!.client_secret.split('_secret_')[0]!;
    assert.equal((await deliver('payment_intent.succeeded', { id: pi, object: 'payment_intent', status: 'succeeded', metadata: metadataOf(deposit.form), payment_method: 'pm_first', customer: deposit.form.get('customer') })).status, 200);
    const bearer = (await proveIdentity(app, db.db, email))['Tandem-Identity'];
    return { id: b.id, orderId: out.order.id, bearer };
  };
  /** Starts the one-off payment of the balance; answers its PaymentIntent's id. */
  const startPayment = async (b: { id: string; bearer: string }) => {
    calls.length = 0;
    const res = await app.request(`/v1/portal/bookings/${b.id}/pay-balance/payment`, { method: 'POST', headers: { Authorization: `Bearer ${b.bearer}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: '{}' });
    assert.equal(res.status, 200, await res.clone().text());
    const out = await res.json() as { payment: { client_secret: string } };
    return out.payment.client_secret.split('_secret_')[0]!;
  };
  const cancels = () => calls.filter((c) => c.path.endsWith('/cancel'));
  const offSession = () => calls.filter((c) => c.path === '/v1/payment_intents' && c.form.get('off_session') === 'true');
  /** The booking as the customer's portal shows it: the one-off payments' states, what is due, and whether "pay once" is offered. */
  const portalView = async (b: { id: string; bearer: string }, orderId: string) => {
    const res = await app.request(`/v1/portal/bookings/${b.id}`, { headers: { Authorization: `Bearer ${b.bearer}` } });
    assert.equal(res.status, 200);
    const out = await res.json() as { money: { balance_due: { amount: number }; payments: { id: string; status: string }[] }; actions: { pay_balance_once: boolean } };
    const oneOff = new Set((await query(db.db, sql`select id from payments where order_id = ${orderId} and reference = 'open-balance'`)).map((r) => String(r.id)));
    return { oneOff: out.money.payments.filter((p) => oneOff.has(p.id)).map((p) => p.status), due: out.money.balance_due.amount, payOnce: out.actions.pay_balance_once };
  };
  const dueYesterday = (orderId: string, seqs: number[]) => withCaller(db.db, { orgId: FLOW.org, role: 'owner' },
    (tx) => tx.execute(sql`update installments set due_at = ${new Date(clock.now().getTime() - 86_400_000).toISOString()}::timestamptz, next_attempt_at = null where order_id = ${orderId} and seq = any(${`{${seqs.join(',')}}`}::int[])`));
  const declined = (pi: string) => deliver('payment_intent.payment_failed', {
    id: pi, object: 'payment_intent', status: 'requires_payment_method', amount: 78000, metadata: [...intents.values()].find((i) => i.id === pi)!.metadata,
    last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
  });
  const hourLater = () => clock.set(new Date(clock.now().getTime() + 60 * 60_000 + 1_000).toISOString());

  before(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, payments: provider });
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner' }, (tx) => tx.execute(sql`update orgs set stripe_account_id = 'acct_flow' where id = ${FLOW.org}`));
    variant = (await demoVariants(app)).evolve![1]!;
  });
  after(async () => {
    server.close();
    await db.close();
  });

  test('unfinished: nothing before the hour; after it, the intent is cancelled at Stripe on the studio\'s account once, the payment failed, the installments charged off-session again', async () => {
    const b = await booked();
    const pi = await startPayment(b);
    assert.equal((await query(db.db, sql`select count(*)::int as n from pgboss.job where name = 'balance.expire-payment' and state = 'created'`))[0]!.n, 1, 'queued with the payment');
    // Run before its hour by the app's clock: nothing happens at Stripe, and it is queued again.
    calls.length = 0;
    assert.equal((await expiryJobsDue()).length, 1);
    await runDueJobs(db.executor, jobs());
    assert.deepEqual(cancels(), []);
    assert.deepEqual((await money(b.orderId)).balance, ['pending']);
    const again = await query(db.db, sql`select singleton_key from pgboss.job where name = 'balance.expire-payment' and state = 'created'`);
    assert.equal(again.length, 1, 'queued again for the end of the hour');

    hourLater();
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner' }, (tx) => tx.execute(sql`update installments set due_at = ${new Date(clock.now().getTime() - 86_400_000).toISOString()}::timestamptz, next_attempt_at = null where order_id = ${b.orderId}`));
    calls.length = 0;
    await runExpiryJobs();
    assert.deepEqual(cancels().map((c) => [c.path, c.account]), [[`/v1/payment_intents/${pi}/cancel`, 'acct_flow']]);
    const [row] = await query(db.db, sql`select status::text, failure_reason from payments where provider_ref = ${pi}`);
    assert.equal(row!.status, 'failed');
    assert.match(String(row!.failure_reason), /abandoned/);
    // The installments it held are charged off-session now, each once; the order is paid exactly.
    const offSession = calls.filter((c) => c.path === '/v1/payment_intents' && c.form.get('off_session') === 'true');
    assert.equal(offSession.length, 3);
    for (const c of offSession) {
      const id = intents.get(c.idempotencyKey!)!.id;
      await deliver('payment_intent.succeeded', { id, object: 'payment_intent', status: 'succeeded', amount: Number(c.form.get('amount')), metadata: metadataOf(c.form) });
    }
    assert.deepEqual({ ...(await money(b.orderId)) }, { status: 'paid', amount_paid: 108000, installments: ['paid', 'paid', 'paid'], balance: ['failed'] });
    // Run again (a retried job): Stripe is not asked a second time.
    calls.length = 0;
    await runExpiryJobs();
    assert.deepEqual(cancels(), []);
  });

  test('the installment job at the end of the hour, before the expiry job: nothing is charged while the one-off payment can still be confirmed, and the customer who confirms in that gap pays once', async () => {
    const b = await booked();
    const pi = await startPayment(b);
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner' }, (tx) => tx.execute(sql`update installments set due_at = ${new Date(clock.now().getTime() - 86_400_000).toISOString()}::timestamptz, next_attempt_at = null where order_id = ${b.orderId}`));
    hourLater();
    calls.length = 0;
    const queuedBefore = (await query(db.db, sql`select count(*)::int as n from pgboss.job where name = 'installments.charge' and state = 'created'`))[0]!.n as number;
    const ran = await chargeDueInstallments({ db: db.db, payments: provider, now: clock.now, config: testConfig, orgId: FLOW.org });
    assert.deepEqual(ran, { charged: 0, failed: 0, overdue: 0, processing: 0 });
    assert.deepEqual(calls.filter((c) => c.path === '/v1/payment_intents'), [], 'no installment charged beside the open one-off payment');
    assert.deepEqual({ ...(await money(b.orderId)) }, { status: 'partially_paid', amount_paid: 30000, installments: ['scheduled', 'scheduled', 'scheduled'], balance: ['pending'] });
    assert.equal((await query(db.db, sql`select count(*)::int as n from payments where order_id = ${b.orderId} and installment_id is not null`))[0]!.n, 0, 'no attempt claimed');
    const queuedAfter = (await query(db.db, sql`select count(*)::int as n from pgboss.job where name = 'installments.charge' and state = 'created'`))[0]!.n as number;
    assert.equal(queuedAfter, queuedBefore + 1, 'the job asks to run again after the one-off payment\'s end');
    // The customer confirms in that gap: the order is paid once, by the one-off payment.
    const meta = [...intents.values()].find((i) => i.id === pi)!.metadata;
    assert.equal((await (await deliver('payment_intent.succeeded', { id: pi, object: 'payment_intent', status: 'succeeded', amount: 78000, metadata: meta })).json() as { outcome: string }).outcome, 'recorded');
    calls.length = 0;
    await runExpiryJobs();
    assert.deepEqual(calls.filter((c) => c.path === '/v1/payment_intents'), []);
    assert.deepEqual({ ...(await money(b.orderId)) }, { status: 'paid', amount_paid: 108000, installments: ['paid', 'paid', 'paid'], balance: ['succeeded'] });
  });

  test('a declined card (payment_intent.payment_failed): the payment stays open for another card in the same form, the portal shows it pending with the balance still due, the installments stay held; the second card pays once', async () => {
    const b = await booked();
    const pi = await startPayment(b);
    await dueYesterday(b.orderId, [1, 2, 3]);
    const res = await declined(pi);
    assert.equal(res.status, 200);
    assert.equal((await res.json() as { outcome: string }).outcome, 'failure_recorded');
    const [row] = await query(db.db, sql`select status::text, failure_reason from payments where provider_ref = ${pi}`);
    assert.deepEqual({ ...row }, { status: 'pending', failure_reason: 'Your card was declined.' });
    assert.deepEqual(await portalView(b, b.orderId), { oneOff: ['pending'], due: 78000, payOnce: true });
    calls.length = 0;
    await chargeDueInstallments({ db: db.db, payments: provider, now: clock.now, config: testConfig, orgId: FLOW.org });
    assert.deepEqual(offSession(), [], 'Stripe\'s intent can still be confirmed: nothing charged beside it');
    // The portal opened again: the same intent, for the next card.
    assert.equal(await startPayment(b), pi);
    const meta = [...intents.values()].find((i) => i.id === pi)!.metadata;
    assert.equal((await (await deliver('payment_intent.succeeded', { id: pi, object: 'payment_intent', status: 'succeeded', amount: 78000, metadata: meta })).json() as { outcome: string }).outcome, 'recorded');
    assert.deepEqual({ ...(await money(b.orderId)) }, { status: 'paid', amount_paid: 108000, installments: ['paid', 'paid', 'paid'], balance: ['succeeded'] });
    assert.deepEqual(await portalView(b, b.orderId), { oneOff: ['succeeded'], due: 0, payOnce: false });
  });

  test('declined and left: after its hour the intent is cancelled at Stripe and the payment failed; the installment due is charged off-session, the later ones keep their dates', async () => {
    const b = await booked();
    const pi = await startPayment(b);
    await dueYesterday(b.orderId, [1]);
    await declined(pi);
    hourLater();
    calls.length = 0;
    await runExpiryJobs();
    assert.deepEqual(cancels().map((c) => c.path), [`/v1/payment_intents/${pi}/cancel`]);
    const [row] = await query(db.db, sql`select status::text, failure_reason from payments where provider_ref = ${pi}`);
    assert.equal(row!.status, 'failed');
    assert.match(String(row!.failure_reason), /abandoned/);
    assert.deepEqual(offSession().map((c) => c.form.get('amount')), ['26000'], 'only the installment due');
    assert.deepEqual({ ...(await money(b.orderId)) }, { status: 'partially_paid', amount_paid: 56000, installments: ['paid', 'scheduled', 'scheduled'], balance: ['failed'] });
    assert.deepEqual(await portalView(b, b.orderId), { oneOff: ['failed'], due: 52000, payOnce: true });
    // A new one-off payment is a new intent.
    assert.notEqual(await startPayment(b), pi);
  });

  test('left unfinished with nothing due yet: after its hour no installment is charged early, each keeps its date', async () => {
    const b = await booked();
    const dates = () => query(db.db, sql`select seq, due_at, next_attempt_at from installments where order_id = ${b.orderId} order by seq`);
    const before = await dates();
    const pi = await startPayment(b);
    hourLater();
    calls.length = 0;
    await runExpiryJobs();
    assert.deepEqual(cancels().filter((c) => c.path.includes(pi)).length, 1);
    assert.deepEqual(offSession(), []);
    assert.deepEqual((await money(b.orderId)).installments, ['scheduled', 'scheduled', 'scheduled']);
    assert.deepEqual(await dates(), before);
  });

  test('still processing at Stripe after its hour: left to its webhook, the installments held meanwhile, looked at again later; its webhook then counts once', async () => {
    const b = await booked();
    const pi = await startPayment(b);
    await dueYesterday(b.orderId, [1, 2, 3]);
    stateAtStripe.set(pi, 'processing');
    hourLater();
    calls.length = 0;
    await runExpiryJobs();
    assert.deepEqual(calls.filter((c) => c.path.startsWith(`/v1/payment_intents/${pi}`)).map((c) => c.path), [`/v1/payment_intents/${pi}/cancel`, `/v1/payment_intents/${pi}`]);
    assert.deepEqual((await money(b.orderId)).balance, ['pending']);
    assert.deepEqual(offSession(), [], 'nothing charged beside a payment still processing');
    const again = await query(db.db, sql`select 1 from pgboss.job where name = 'balance.expire-payment' and state = 'created' and singleton_key = ${`balance-expiry:${(await query(db.db, sql`select id from payments where provider_ref = ${pi}`))[0]!.id}`}`);
    assert.equal(again.length, 1, 'looked at again later');
    // The installment job an hour later still holds them.
    clock.set(new Date(clock.now().getTime() + 60 * 60_000).toISOString());
    await chargeDueInstallments({ db: db.db, payments: provider, now: clock.now, config: testConfig, orgId: FLOW.org });
    assert.deepEqual(offSession(), []);
    stateAtStripe.set(pi, 'succeeded');
    const meta = [...intents.values()].find((i) => i.id === pi)!.metadata;
    assert.equal((await (await deliver('payment_intent.succeeded', { id: pi, object: 'payment_intent', status: 'succeeded', amount: 78000, metadata: meta })).json() as { outcome: string }).outcome, 'recorded');
    calls.length = 0;
    await runExpiryJobs();
    assert.deepEqual(calls, [], 'over: Stripe is not asked again, nothing charged');
    assert.deepEqual({ ...(await money(b.orderId)) }, { status: 'paid', amount_paid: 108000, installments: ['paid', 'paid', 'paid'], balance: ['succeeded'] });
  });

  test('no intent was ever made (Stripe failed after the payment row committed): the payment ends after its hour without asking Stripe, the installments due are charged off-session', async () => {
    const b = await booked();
    await dueYesterday(b.orderId, [1]);
    refuseIntents = true;
    try {
      const res = await app.request(`/v1/portal/bookings/${b.id}/pay-balance/payment`, { method: 'POST', headers: { Authorization: `Bearer ${b.bearer}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: '{}' });
      assert.equal(res.status, 502);
      assert.equal(((await res.json()) as { code: string }).code, 'payment_provider_error');
    } finally {
      refuseIntents = false;
    }
    assert.deepEqual({ ...(await query(db.db, sql`select status::text, provider_ref from payments where order_id = ${b.orderId} and reference = 'open-balance'`))[0] }, { status: 'pending', provider_ref: null });
    calls.length = 0;
    await chargeDueInstallments({ db: db.db, payments: provider, now: clock.now, config: testConfig, orgId: FLOW.org });
    assert.deepEqual(offSession(), [], 'held within the hour: the customer may still ask again and get the intent');
    hourLater();
    await runExpiryJobs();
    assert.deepEqual(cancels(), [], 'nothing to cancel at Stripe');
    const [row] = await query(db.db, sql`select status::text, failure_reason from payments where order_id = ${b.orderId} and reference = 'open-balance'`);
    assert.equal(row!.status, 'failed');
    assert.match(String(row!.failure_reason), /no payment intent/);
    assert.deepEqual(offSession().map((c) => c.form.get('amount')), ['26000']);
    assert.deepEqual((await money(b.orderId)).installments, ['paid', 'scheduled', 'scheduled']);
  });

  test('cancelling is safe to repeat: an intent cancelled already at Stripe still ends the payment', async () => {
    const b = await booked();
    const pi = await startPayment(b);
    stateAtStripe.set(pi, 'canceled');
    hourLater();
    calls.length = 0;
    await runExpiryJobs();
    assert.deepEqual(calls.filter((c) => c.path.startsWith(`/v1/payment_intents/${pi}`)).map((c) => c.path), [`/v1/payment_intents/${pi}/cancel`, `/v1/payment_intents/${pi}`]);
    assert.deepEqual((await money(b.orderId)).balance, ['failed']);
  });

  test('confirmed in time: the job leaves it alone, nothing is cancelled, the money counts once', async () => {
    const b = await booked();
    const pi = await startPayment(b);
    const meta = [...intents.values()].find((i) => i.id === pi)!.metadata;
    assert.equal((await (await deliver('payment_intent.succeeded', { id: pi, object: 'payment_intent', status: 'succeeded', amount: 78000, metadata: meta })).json() as { outcome: string }).outcome, 'recorded');
    hourLater();
    calls.length = 0;
    await runExpiryJobs();
    assert.deepEqual(calls, [], 'Stripe is not asked anything');
    assert.deepEqual({ ...(await money(b.orderId)) }, { status: 'paid', amount_paid: 108000, installments: ['paid', 'paid', 'paid'], balance: ['succeeded'] });
  });

  test('succeeded at Stripe before its webhook came: the job records it as the webhook would, and the webhook then is a duplicate', async () => {
    const b = await booked();
    const pi = await startPayment(b);
    const meta = [...intents.values()].find((i) => i.id === pi)!.metadata;
    stateAtStripe.set(pi, 'succeeded');
    hourLater();
    calls.length = 0;
    await runExpiryJobs();
    assert.deepEqual(cancels().length, 1);
    assert.deepEqual({ ...(await money(b.orderId)) }, { status: 'paid', amount_paid: 108000, installments: ['paid', 'paid', 'paid'], balance: ['succeeded'] });
    const res = await deliver('payment_intent.succeeded', { id: pi, object: 'payment_intent', status: 'succeeded', amount: 78000, metadata: meta });
    assert.equal((await res.json() as { outcome: string }).outcome, 'duplicate');
    const [row] = await query(db.db, sql`select id from payments where provider_ref = ${pi}`);
    assert.equal((await query(db.db, sql`select 1 from domain_events where type = 'payment.succeeded' and payload->>'payment_id' = ${String(row!.id)}`)).length, 1);
    assert.equal(calls.filter((c) => c.path === '/v1/payment_intents' && c.form.get('off_session') === 'true').length, 0, 'no installment charged beside it');
    assert.equal((await money(b.orderId)).amount_paid, 108000);
  });
});
