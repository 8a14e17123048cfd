/**
 * Stripe without the network: the real `stripe` library talks to msw handlers that answer
 * like the Stripe API, and webhooks are signed with `generateTestHeaderString`.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, DAY, MIN, postJson, problemOf, query } from '../../support/booking.ts';
import { EVOLVE_INTAKE, checkedOut, checkoutReq, countsFor, customer, demoVariants, reserve } from '../../support/checkout.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { flowKey } from '../../support/app.ts';
import { proveIdentity } from '../../support/identity.ts';
import { withCaller } from '../../../server/platform/db/identity.ts';
import { sweepExpiredHolds } from '../../../server/modules/bookings/index.ts';
import { stripeProvider } from '../../../server/platform/adapters/payments/stripe-provider.ts';
import { chargeDueInstallments } from '../../../server/modules/billing/installments.jobs.ts';
import { issueRefund, cancelChargeInFlight, CANCELLED_WITH_BOOKING, INTENT_CANCEL_QUEUE, REFUNDED_AT_PROVIDER } from '../../../server/modules/billing/index.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

const START = '2026-11-25T08:00:00Z';
const WEBHOOK_SECRET = 'whsec_test_secret';
const API = 'https://api.stripe.com';

interface Call { path: string; form: URLSearchParams; account: string | null; idempotencyKey: string | null }

describe('Stripe: PaymentIntents and the webhook', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  const calls: Call[] = [];
  /** What the next off-session charge answers. */
  let offSession: 'succeed' | 'decline' = 'succeed';
  const intents = new Map<string, { id: string; status: string; amount: number; metadata: Record<string, string> }>();
  const refundsByKey = new Map<string, { id: string; object: string; status: string; amount: number; payment_intent: string | null; charge: string | null; metadata: Record<string, string> }>();
  /** Refunds made at Stripe outside Tandem (the dashboard): on a charge, without our metadata. */
  const foreignRefunds: { id: string; object: string; status: string; amount: number; payment_intent: string | null; charge: string | null; metadata: Record<string, string> }[] = [];
  /** The charge of a PaymentIntent, as this fake Stripe names it. */
  const chargeOf = (piId: string) => `ch_${piId.slice(3)}`;
  let v: Record<string, string[]> = {};

  const record = async (request: Request, path: string): Promise<Call> => {
    const call = { path, form: new URLSearchParams(await request.text()), account: request.headers.get('stripe-account'), idempotencyKey: request.headers.get('idempotency-key') };
    calls.push(call);
    return call;
  };
  const server = setupServer(
    http.post(`${API}/v1/customers`, async ({ request }) => {
      const c = await record(request, '/v1/customers');
      return HttpResponse.json({ id: `cus_${randomBytes(4).toString('hex')}`, object: 'customer', email: c.form.get('email') });
    }),
    http.post(`${API}/v1/payment_intents`, async ({ request }) => {
      const c = await record(request, '/v1/payment_intents');
      const id = `pi_${randomBytes(6).toString('hex')}`;
      const metadata = Object.fromEntries([...c.form.entries()].filter(([k]) => k.startsWith('metadata[')).map(([k, val]) => [k.slice(9, -1), val]));
      const amount = Number(c.form.get('amount'));
      if (c.form.get('off_session') === 'true') {
        if (offSession === 'decline') {
          return HttpResponse.json({ error: {
            type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.',
            payment_intent: { id, object: 'payment_intent', status: 'requires_payment_method', amount, metadata },
          } }, { status: 402 });
        }
        intents.set(id, { id, status: 'succeeded', amount, metadata });
        return HttpResponse.json({ id, object: 'payment_intent', status: 'succeeded', amount, currency: c.form.get('currency'), metadata });
      }
      intents.set(id, { id, status: 'requires_payment_method', amount, metadata });
      return HttpResponse.json({ id, object: 'payment_intent', status: 'requires_payment_method', amount, currency: c.form.get('currency'), client_secret: `${id}_secret_abc`, metadata });
    }),
    http.post(`${API}/v1/payment_intents/:id/cancel`, async ({ request, params }) => {
      await record(request, `/v1/payment_intents/${String(params.id)}/cancel`);
      const pi = intents.get(String(params.id));
      if (pi?.status === 'succeeded') {
        return HttpResponse.json({ error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'This PaymentIntent has already succeeded.' } }, { status: 400 });
      }
      if (pi) pi.status = 'canceled';
      return HttpResponse.json({ id: params.id, object: 'payment_intent', status: 'canceled' });
    }),
    // Refunds: like Stripe, the same Idempotency-Key answers the same refund; new ones are pending until refund.updated.
    http.post(`${API}/v1/refunds`, async ({ request }) => {
      const c = await record(request, '/v1/refunds');
      const key = c.idempotencyKey ?? '';
      const earlier = refundsByKey.get(key);
      if (earlier) return HttpResponse.json(earlier);
      const metadata = Object.fromEntries([...c.form.entries()].filter(([k]) => k.startsWith('metadata[')).map(([k, val]) => [k.slice(9, -1), val]));
      const piId = c.form.get('payment_intent');
      const refund = { id: `re_${randomBytes(6).toString('hex')}`, object: 'refund', status: 'pending', amount: Number(c.form.get('amount')), payment_intent: piId, charge: piId ? chargeOf(piId) : null, metadata };
      refundsByKey.set(key, refund);
      return HttpResponse.json(refund);
    }),
    // Listing a charge's refunds (what charge.refunded makes Tandem ask), as they are at Stripe now.
    http.get(`${API}/v1/refunds`, ({ request }) => {
      const url = new URL(request.url);
      calls.push({ path: '/v1/refunds (list)', form: url.searchParams, account: request.headers.get('stripe-account'), idempotencyKey: null });
      const charge = url.searchParams.get('charge');
      const data = [...refundsByKey.values(), ...foreignRefunds].filter((r) => r.charge === charge);
      return HttpResponse.json({ object: 'list', url: '/v1/refunds', has_more: false, data });
    }),
    http.get(`${API}/v1/payment_intents/:id`, ({ params }) => {
      const pi = intents.get(String(params.id));
      return pi ? HttpResponse.json({ object: 'payment_intent', ...pi }) : HttpResponse.json({ error: { type: 'invalid_request_error', message: 'No such payment_intent' } }, { status: 404 });
    }),
  );
  const provider = stripeProvider({ secretKey: 'sk_test_tandem', webhookSecret: WEBHOOK_SECRET, publishableKey: 'pk_test_stripe', config: { maxNetworkRetries: 0 } });
  const signer = new Stripe('sk_test_signer');

  before(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, payments: provider });
    v = await demoVariants(app);
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner' }, (tx) => tx.execute(sql`update orgs set stripe_account_id = 'acct_flow' where id = ${FLOW.org}`));
  });
  after(async () => {
    server.close();
    await db.close();
  });
  beforeEach(() => {
    calls.length = 0;
    clock.set(START);
  });

  const reiki = (start: string) => reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: [start] } });

  /** A Connect event from Studio Flow's account (`account`), as Stripe sends it to a Connect endpoint. */
  function event(type: string, pi: { id: string; metadata: Record<string, string> }, extra: Record<string, unknown> = {}, account: string | null = 'acct_flow') {
    return JSON.stringify({
      id: `evt_${randomBytes(6).toString('hex')}`, object: 'event', type, api_version: '2026-10-28.endive', created: Math.floor(clock.now().getTime() / 1000), livemode: false,
      ...(account ? { account } : {}),
      data: { object: { id: pi.id, object: 'payment_intent', metadata: pi.metadata, status: type === 'payment_intent.succeeded' ? 'succeeded' : 'requires_payment_method', ...extra } },
    });
  }
  function deliver(payload: string, signature?: string) {
    const header = signature ?? signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(clock.now().getTime() / 1000) });
    return app.request('/v1/hooks/stripe', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header }, body: payload });
  }
  const intentOf = (clientSecret: string) => intents.get(clientSecret.split('_secret_')[0]!)!;

  test('card: a PaymentIntent on the studio\'s Connect account with amount, currency, automatic methods and metadata', async () => {
    const b = await reiki('2026-12-02T09:00:00.000Z');
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.deepEqual(out.payment && { ...out.payment, client_secret: undefined }, {
      provider: 'stripe', client_secret: undefined, publishable_key: 'pk_test_stripe', stripe_account: 'acct_flow', test_mode: true, amount: 14000, currency: 'CHF',
    });
    const [call] = calls.filter((c) => c.path === '/v1/payment_intents');
    assert.equal(call!.account, 'acct_flow', 'Stripe-Account: the org\'s Connect account');
    assert.match(call!.idempotencyKey ?? '', /^tandem:payment:[0-9a-f-]{36}$/);
    assert.equal(call!.form.get('amount'), '14000');
    assert.equal(call!.form.get('currency'), 'chf');
    assert.equal(call!.form.get('automatic_payment_methods[enabled]'), 'true');
    assert.equal(call!.form.get('setup_future_usage'), null);
    assert.equal(call!.form.get('metadata[org_id]'), FLOW.org);
    assert.equal(call!.form.get('metadata[booking_id]'), b.id);
    assert.equal(call!.form.get('metadata[order_id]'), out.order.id);
    const [p] = await query(db.db, sql`select provider, provider_ref, status from payments where order_id = ${out.order.id}`);
    assert.deepEqual({ ...p }, { provider: 'stripe', provider_ref: intentOf(out.payment!.client_secret).id, status: 'pending' });
  });

  test('TWINT: payment_method_types [twint] instead of automatic methods', async () => {
    const b = await reiki('2026-12-02T10:30:00.000Z');
    await checkedOut(await checkoutReq(app, b, { method: 'twint' }));
    const [call] = calls.filter((c) => c.path === '/v1/payment_intents');
    assert.equal(call!.form.get('payment_method_types[0]'), 'twint');
    assert.equal(call!.form.get('automatic_payment_methods[enabled]'), null);
  });

  test('a new checkout cancels the earlier intent at Stripe; an intent already paid blocks it', async () => {
    const b = await reiki('2026-12-02T12:00:00.000Z');
    const first = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    const pi = intentOf(first.payment!.client_secret);
    await checkedOut(await checkoutReq(app, b, { method: 'twint' }));
    assert.ok(calls.some((c) => c.path === `/v1/payment_intents/${pi.id}/cancel` && c.account === 'acct_flow'));
    assert.equal(pi.status, 'canceled');
    const third = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    intentOf(third.payment!.client_secret).status = 'succeeded'; // the customer paid; the webhook is on its way
    const res = await checkoutReq(app, b, { method: 'twint' });
    assert.equal(res.status, 409);
    assert.equal((await problemOf(res)).code, 'invalid_state');
  });

  describe('POST /v1/hooks/stripe', () => {
    test('succeeded after the hold expired and was swept: the booking is restored and confirmed while its time is free', async () => {
      const b = await reiki('2026-12-09T12:00:00.000Z');
      const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
      const pi = intentOf(out.payment!.client_secret);
      clock.advance(20 * MIN); // 3-D Secure took its time; the hold was 15 minutes
      await sweepExpiredHolds(db.db, clock.now(), FLOW.org);
      assert.equal((await countsFor(db.db, b.id)).status, 'cancelled');
      assert.equal((await deliver(event('payment_intent.succeeded', pi, { payment_method: 'pm_card_visa' }))).status, 200);
      assert.deepEqual({ ...await countsFor(db.db, b.id) }, { orders: 1, invoices: 1, threads: 1, mails: 1, succeeded: 1, status: 'confirmed' });
    });

    test('succeeded, delivered three times and after a late "failed": one confirmation, one invoice, one mail', async () => {
      const b = await reiki('2026-12-04T09:00:00.000Z');
      const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
      const pi = intentOf(out.payment!.client_secret);
      const succeeded = event('payment_intent.succeeded', pi, { payment_method: 'pm_card_visa' });
      const failed = event('payment_intent.payment_failed', pi, { last_payment_error: { message: 'Your card was declined.', code: 'card_declined' } });
      for (const payload of [succeeded, succeeded, failed, succeeded]) {
        const res = await deliver(payload);
        assert.equal(res.status, 200, await res.clone().text());
      }
      assert.deepEqual({ ...await countsFor(db.db, b.id) }, { orders: 1, invoices: 1, threads: 1, mails: 1, succeeded: 1, status: 'confirmed' });
      const [p] = await query(db.db, sql`select status, failure_reason from payments where order_id = ${out.order.id}`);
      assert.deepEqual({ ...p }, { status: 'succeeded', failure_reason: null }, 'a failure arriving late changes nothing');
      const [o] = await query(db.db, sql`select status::text, amount_paid from orders where id = ${out.order.id}`);
      assert.deepEqual({ ...o }, { status: 'paid', amount_paid: 14000 });
    });

    test('failed first: reserved, the reason for the widget; then succeeded (a second card) confirms', async () => {
      const b = await reiki('2026-12-04T10:30:00.000Z');
      const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
      const pi = intentOf(out.payment!.client_secret);
      assert.equal((await deliver(event('payment_intent.payment_failed', pi, { last_payment_error: { message: 'Your card was declined.', code: 'card_declined' } }))).status, 200);
      assert.equal((await countsFor(db.db, b.id)).status, 'reserved');
      const [p] = await query(db.db, sql`select status, failure_reason from payments where order_id = ${out.order.id}`);
      assert.deepEqual({ ...p }, { status: 'failed', failure_reason: 'Your card was declined.' });
      assert.equal((await deliver(event('payment_intent.succeeded', pi, { payment_method: 'pm_second_card' }))).status, 200);
      assert.deepEqual({ ...await countsFor(db.db, b.id) }, { orders: 1, invoices: 1, threads: 1, mails: 1, succeeded: 1, status: 'confirmed' });
      const [after] = await query(db.db, sql`select status, failure_reason from payments where order_id = ${out.order.id}`);
      assert.deepEqual({ ...after }, { status: 'succeeded', failure_reason: null });
    });

    test('events in any order, concurrently: still exactly one confirmation', async () => {
      const b = await reiki('2026-12-04T12:00:00.000Z');
      const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
      const pi = intentOf(out.payment!.client_secret);
      const failed = event('payment_intent.payment_failed', pi, { last_payment_error: { message: 'Declined' } });
      const succeeded = event('payment_intent.succeeded', pi);
      const answers = await Promise.all([deliver(succeeded), deliver(failed), deliver(succeeded), deliver(succeeded)]);
      assert.deepEqual(answers.map((r) => r.status), [200, 200, 200, 200]);
      const c = await countsFor(db.db, b.id);
      assert.deepEqual({ ...c }, { orders: 1, invoices: 1, threads: 1, mails: 1, succeeded: 1, status: 'confirmed' });
    });

    test('a bad signature: 400 invalid_signature and nothing changes', async () => {
      const b = await reiki('2026-12-04T13:30:00.000Z');
      const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
      const payload = event('payment_intent.succeeded', intentOf(out.payment!.client_secret));
      const before = await countsFor(db.db, b.id);
      const forged = new Stripe('sk_test_x').webhooks.generateTestHeaderString({ payload, secret: 'whsec_wrong', timestamp: Math.floor(clock.now().getTime() / 1000) });
      const cases = [
        await deliver(payload, forged),
        await deliver(payload.replace('"livemode":false', '"livemode":true'), signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(clock.now().getTime() / 1000) })),
        await deliver(payload, signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(clock.now().getTime() / 1000) - 3600 })),
        await app.request('/v1/hooks/stripe', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: payload }),
      ];
      for (const res of cases) {
        assert.equal(res.status, 400);
        assert.equal((await problemOf(res)).code, 'invalid_signature');
      }
      assert.deepEqual(await countsFor(db.db, b.id), before);
      assert.equal(before.status, 'reserved');
    });

    test('an event from another Connect account cannot touch Studio Flow\'s payments', async () => {
      const b = await reiki('2026-12-07T09:00:00.000Z');
      const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
      const pi = intentOf(out.payment!.client_secret);
      for (const account of ['acct_someone_else', null]) {
        const res = await deliver(event('payment_intent.succeeded', pi, {}, account));
        assert.deepEqual(await res.json(), { received: true, handled: true, outcome: 'unknown' });
      }
      assert.equal((await countsFor(db.db, b.id)).status, 'reserved');
    });

    test('other events and other integrations\' intents are acknowledged and ignored', async () => {
      const other = await deliver(JSON.stringify({ id: 'evt_x', object: 'event', type: 'charge.refunded', data: { object: { id: 'ch_1', object: 'charge' } } }));
      assert.deepEqual(await other.json(), { received: true, handled: false });
      const foreign = await deliver(event('payment_intent.succeeded', { id: 'pi_foreign', metadata: {} }));
      assert.deepEqual(await foreign.json(), { received: true, handled: false });
      const unknown = await deliver(event('payment_intent.succeeded', { id: 'pi_unknown', metadata: { org_id: FLOW.org } }));
      assert.deepEqual(await unknown.json(), { received: true, handled: true, outcome: 'unknown' });
    });
  });

  test('a staff cancellation refunds through Stripe once: the job sends one refund per payment, replayed and out-of-order refund webhooks settle it once', async () => {
    clock.set(START);
    const b = await reiki('2026-12-11T09:00:00.000Z');
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    const pi = intentOf(out.payment!.client_secret);
    assert.equal((await deliver(event('payment_intent.succeeded', pi, { payment_method: 'pm_card_visa' }))).status, 200);
    const cancelled = await app.request(`/v1/admin/bookings/${b.id}/cancel`, { method: 'POST', headers: { Authorization: 'Bearer sk_test_flow', 'Idempotency-Key': randomBytes(8).toString('hex') } });
    assert.equal(cancelled.status, 200, await cancelled.clone().text());
    const { settlement } = await cancelled.json() as { settlement: { refunds: { id: string; amount: number }[] } };
    assert.deepEqual(settlement.refunds.map((r) => r.amount), [14000]);
    const refundId = settlement.refunds[0]!.id;
    const env = { db: db.db, payments: provider, now: clock.now, config: testConfig };
    calls.length = 0;
    // The job runs twice (a retry after a crash): Stripe sees the same Idempotency-Key both times.
    await issueRefund(env, FLOW.org, refundId);
    await query(db.db, sql`update refunds set status = 'pending' where id = ${refundId}`); // as if the first run died before recording
    await issueRefund(env, FLOW.org, refundId);
    const posts = calls.filter((c) => c.path === '/v1/refunds');
    assert.equal(posts.length, 2);
    assert.equal(posts[0]!.idempotencyKey, `tandem:refund:${refundId}`);
    assert.equal(posts[1]!.idempotencyKey, posts[0]!.idempotencyKey);
    assert.equal(posts[0]!.account, 'acct_flow');
    assert.equal(posts[0]!.form.get('payment_intent'), pi.id);
    assert.equal(refundsByKey.size, 1, 'one refund at Stripe');
    const re = [...refundsByKey.values()][0]!;
    const refundEvent = (status: string) => JSON.stringify({
      id: `evt_${randomBytes(6).toString('hex')}`, object: 'event', type: 'refund.updated', api_version: '2026-10-28.endive', created: Math.floor(clock.now().getTime() / 1000), livemode: false, account: 'acct_flow',
      data: { object: { ...re, status } },
    });
    // Succeeded, delivered three times, and a late "failed" after it: succeeded once.
    for (const status of ['succeeded', 'succeeded', 'failed', 'succeeded']) assert.equal((await deliver(refundEvent(status))).status, 200);
    const rows = await query(db.db, sql`select status::text, provider_ref, amount from refunds where order_id = ${out.order.id}`);
    assert.deepEqual(rows.map((r) => ({ ...r })), [{ status: 'succeeded', provider_ref: re.id, amount: 14000 }]);
  });

  describe('a charge under way when the booking is cancelled', () => {
    const cancelJobs = (paymentId: string) => query(db.db, sql`select state from pgboss.job where name = ${INTENT_CANCEL_QUEUE} and singleton_key = ${`payment-cancel:${paymentId}`}`);
    const staffCancel = (id: string) => app.request(`/v1/admin/bookings/${id}/cancel`, { method: 'POST', headers: { Authorization: 'Bearer sk_test_flow', 'Idempotency-Key': randomBytes(8).toString('hex') } });

    test('an intent not yet paid is cancelled at Stripe once, after the cancellation committed', async () => {
      const b = await reiki('2026-12-14T09:00:00.000Z');
      const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
      const pi = intentOf(out.payment!.client_secret);
      const [payment] = await query(db.db, sql`select id from payments where order_id = ${out.order.id}`);
      const paymentId = String(payment!.id);
      calls.length = 0;
      const res = await staffCancel(b.id);
      assert.equal(res.status, 200, await res.clone().text());
      assert.equal(calls.filter((c) => c.path.endsWith('/cancel')).length, 0, 'nothing reaches Stripe inside the cancelling transaction');
      assert.deepEqual((await cancelJobs(paymentId)).map((j) => j.state), ['created'], 'one cancel job, keyed by the payment');
      const env = { db: db.db, payments: provider, now: clock.now, config: testConfig };
      assert.equal(await cancelChargeInFlight(env, FLOW.org, paymentId), 'cancelled');
      assert.equal(await cancelChargeInFlight(env, FLOW.org, paymentId), null, 'a second run has nothing left to cancel');
      const cancels = calls.filter((c) => c.path === `/v1/payment_intents/${pi.id}/cancel`);
      assert.equal(cancels.length, 1);
      assert.equal(cancels[0]!.account, 'acct_flow');
      assert.equal(pi.status, 'canceled');
      const [p] = await query(db.db, sql`select status::text, failure_reason from payments where id = ${paymentId}`);
      assert.deepEqual({ ...p }, { status: 'failed', failure_reason: CANCELLED_WITH_BOOKING });
      // A late webhook for the cancelled intent changes nothing that matters: nothing was paid, nothing is refunded.
      assert.equal((await deliver(event('payment_intent.payment_failed', pi, { status: 'canceled' }))).status, 200);
      const [o] = await query(db.db, sql`select status::text, amount_paid, (select count(*)::int from refunds r where r.order_id = o.id) as refunds from orders o where id = ${out.order.id}`);
      assert.deepEqual({ ...o }, { status: 'cancelled', amount_paid: 0, refunds: 0 });
    });

    test('an intent Stripe already took the money for: recorded and refunded once, the late webhook changes nothing', async () => {
      const b = await reiki('2026-12-14T10:30:00.000Z');
      const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
      const pi = intentOf(out.payment!.client_secret);
      const [payment] = await query(db.db, sql`select id from payments where order_id = ${out.order.id}`);
      const paymentId = String(payment!.id);
      const res = await staffCancel(b.id);
      assert.equal(res.status, 200, await res.clone().text());
      assert.deepEqual((await cancelJobs(paymentId)).map((j) => j.state), ['created']);
      pi.status = 'succeeded'; // the customer paid as the studio cancelled; the webhook is still on its way
      const env = { db: db.db, payments: provider, now: clock.now, config: testConfig };
      assert.equal(await cancelChargeInFlight(env, FLOW.org, paymentId), 'succeeded');
      assert.equal(await cancelChargeInFlight(env, FLOW.org, paymentId), null);
      assert.equal((await deliver(event('payment_intent.succeeded', pi, { payment_method: 'pm_card_visa' }))).status, 200);
      const [p] = await query(db.db, sql`select status::text from payments where id = ${paymentId}`);
      assert.equal(p!.status, 'succeeded', 'the money is recorded');
      const refunds = await query(db.db, sql`select amount, payment_id::text from refunds where order_id = ${out.order.id}`);
      assert.deepEqual(refunds.map((r) => ({ ...r })), [{ amount: 14000, payment_id: paymentId }], 'and refunded once');
      assert.equal((await countsFor(db.db, b.id)).status, 'cancelled');
    });
  });

  describe('a customer\'s own cancellation in the portal with a charge under way', () => {
    /** A deposit-plan booking, its deposit paid by webhook, and its customer's bearer token. */
    const planBooking = async (first: string) => {
      const email = `${randomBytes(4).toString('hex')}@example.ch`;
      const body = (first_start: string) => ({ program: 'evolve', variant: v.evolve![1], customer: customer({ email }), sessions: { mode: 'cadence', first_start }, intake: EVOLVE_INTAKE });
      let tried = await postJson(app, '/v1/embed/bookings', body(first), flowKey);
      if (tried.status === 409) tried = await postJson(app, '/v1/embed/bookings', body(((await tried.json()) as { conflicts: { alternatives: { start: string }[] }[] }).conflicts[0]!.alternatives[0]!.start), flowKey);
      assert.equal(tried.status, 201, await tried.clone().text());
      const b = await tried.json() as Awaited<ReturnType<typeof reserve>>;
      const out = await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
      const deposit = calls.filter((c) => c.path === '/v1/payment_intents').at(-1)!;
      assert.equal((await deliver(event('payment_intent.succeeded', intentOf(out.payment!.client_secret), { payment_method: 'pm_saved', customer: deposit.form.get('customer') }))).status, 200);
      const bearer = (await proveIdentity(app, db.db, email))['Tandem-Identity'];
      return { id: b.id, orderId: out.order.id, bearer };
    };
    const portal = (b: { id: string; bearer: string }, path: string, body?: unknown) => app.request(`/v1/portal/bookings/${b.id}${path}`, body === undefined
      ? { headers: { Authorization: `Bearer ${b.bearer}` } }
      : { method: 'POST', headers: { Authorization: `Bearer ${b.bearer}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomBytes(8).toString('hex') }, body: JSON.stringify(body) });
    const cancelByQuote = async (b: { id: string; bearer: string }) => {
      const quote = await portal(b, '/cancellation');
      assert.equal(quote.status, 200, await quote.clone().text());
      const res = await portal(b, '/cancel', { quote_id: ((await quote.json()) as { quote_id: string }).quote_id });
      assert.equal(res.status, 200, await res.clone().text());
    };
    const oneOffUnderWay = async (b: { id: string; bearer: string; orderId: string }) => {
      const started = await portal(b, '/pay-balance/payment', {});
      assert.equal(started.status, 200, await started.clone().text());
      const pi = intentOf(((await started.json()) as { payment: { client_secret: string } }).payment.client_secret);
      const [row] = await query(db.db, sql`select id from payments where order_id = ${b.orderId} and reference = 'open-balance'`);
      return { pi, paymentId: String(row!.id) };
    };
    const cancelJobs = (paymentId: string) => query(db.db, sql`select state from pgboss.job where name = ${INTENT_CANCEL_QUEUE} and singleton_key = ${`payment-cancel:${paymentId}`}`);

    test('a payment of the open balance open in the customer\'s form: cancelled at Stripe once, after the cancellation committed; the plan is never charged', async () => {
      const b = await planBooking('2026-12-02T09:00:00.000Z');
      const { pi, paymentId } = await oneOffUnderWay(b);
      calls.length = 0;
      await cancelByQuote(b);
      assert.equal(calls.filter((c) => c.path.endsWith('/cancel')).length, 0, 'nothing reaches Stripe inside the cancelling transaction');
      assert.deepEqual((await cancelJobs(paymentId)).map((j) => j.state), ['created'], 'one cancel job, keyed by the payment');
      const env = { db: db.db, payments: provider, now: clock.now, config: testConfig };
      assert.equal(await cancelChargeInFlight(env, FLOW.org, paymentId), 'cancelled');
      assert.equal(await cancelChargeInFlight(env, FLOW.org, paymentId), null);
      assert.deepEqual(calls.filter((c) => c.path.endsWith('/cancel')).map((c) => [c.path, c.account]), [[`/v1/payment_intents/${pi.id}/cancel`, 'acct_flow']]);
      assert.equal(pi.status, 'canceled');
      const [p] = await query(db.db, sql`select status::text, failure_reason from payments where id = ${paymentId}`);
      assert.deepEqual({ ...p }, { status: 'failed', failure_reason: CANCELLED_WITH_BOOKING });
      // A month later the installment job charges nothing of it.
      clock.set('2027-01-10T09:00:00Z');
      calls.length = 0;
      assert.deepEqual(await chargeDueInstallments({ ...env, orgId: FLOW.org }), { charged: 0, failed: 0, overdue: 0, processing: 0 });
      assert.equal(calls.filter((c) => c.path === '/v1/payment_intents').length, 0);
      const [o] = await query(db.db, sql`select status::text, amount_paid, (select array_agg(status::text order by seq) from installments i where i.order_id = o.id) as installments from orders o where id = ${b.orderId}`);
      assert.deepEqual({ ...o }, { status: 'refunded', amount_paid: 30000, installments: ['cancelled', 'cancelled', 'cancelled'] }, 'inside the free window: the deposit back, nothing charged');
    });

    test('the customer paid in the form as they cancelled: the money is recorded and refunded once, the late webhook changes nothing', async () => {
      const b = await planBooking('2026-12-03T09:00:00.000Z');
      const { pi, paymentId } = await oneOffUnderWay(b);
      await cancelByQuote(b);
      const refundedBefore = await query(db.db, sql`select amount from refunds where order_id = ${b.orderId}`);
      pi.status = 'succeeded';
      const env = { db: db.db, payments: provider, now: clock.now, config: testConfig };
      assert.equal(await cancelChargeInFlight(env, FLOW.org, paymentId), 'succeeded');
      assert.equal((await deliver(event('payment_intent.succeeded', pi))).status, 200);
      const [p] = await query(db.db, sql`select status::text, amount from payments where id = ${paymentId}`);
      assert.deepEqual({ ...p }, { status: 'succeeded', amount: 78000 });
      const late = await query(db.db, sql`select amount, payment_id::text from refunds where order_id = ${b.orderId} and payment_id = ${paymentId}`);
      assert.deepEqual(late.map((r) => ({ ...r })), [{ amount: 78000, payment_id: paymentId }], 'refunded once, in full');
      assert.equal((await query(db.db, sql`select 1 from refunds where order_id = ${b.orderId}`)).length, refundedBefore.length + 1);
    });
  });

  test('charge.refunded settles a refund once, together with refund.updated, replayed, early, late and from another account', async () => {
    clock.set(START);
    const b = await reiki('2026-12-14T09:00:00.000Z');
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    const pi = intentOf(out.payment!.client_secret);
    assert.equal((await deliver(event('payment_intent.succeeded', pi, { payment_method: 'pm_card_visa' }))).status, 200);
    const cancelled = await app.request(`/v1/admin/bookings/${b.id}/cancel`, { method: 'POST', headers: { Authorization: 'Bearer sk_test_flow', 'Idempotency-Key': randomBytes(8).toString('hex') } });
    assert.equal(cancelled.status, 200, await cancelled.clone().text());
    const refundId = (await cancelled.json() as { settlement: { refunds: { id: string }[] } }).settlement.refunds[0]!.id;
    const env = { db: db.db, payments: provider, now: clock.now, config: testConfig };
    await issueRefund(env, FLOW.org, refundId);
    const re = refundsByKey.get(`tandem:refund:${refundId}`)!;
    assert.equal(re.status, 'pending');
    // The studio also refunded something by hand in the dashboard: no metadata of ours.
    foreignRefunds.push({ id: 're_dashboard', object: 'refund', status: 'succeeded', amount: 100, payment_intent: pi.id, charge: chargeOf(pi.id), metadata: {} });
    /** charge.refunded as Stripe sends it on API versions where a charge's refunds are not included. */
    const chargeRefunded = (account: string | null = 'acct_flow') => JSON.stringify({
      id: `evt_${randomBytes(6).toString('hex')}`, object: 'event', type: 'charge.refunded', api_version: '2026-10-28.endive', created: Math.floor(clock.now().getTime() / 1000), livemode: false,
      ...(account ? { account } : {}),
      data: { object: { id: chargeOf(pi.id), object: 'charge', payment_intent: pi.id, amount: 14000, amount_refunded: 14100, refunded: true, metadata: pi.metadata } },
    });
    const refundUpdated = (status: string) => JSON.stringify({
      id: `evt_${randomBytes(6).toString('hex')}`, object: 'event', type: 'refund.updated', api_version: '2026-10-28.endive', created: Math.floor(clock.now().getTime() / 1000), livemode: false, account: 'acct_flow',
      data: { object: { ...re, status } },
    });
    const row = async () => ({ ...(await query(db.db, sql`select status::text, provider_ref, completed_at is not null as completed from refunds where id = ${refundId}`))[0] });
    const hook = async (payload: string) => {
      const res = await deliver(payload);
      assert.equal(res.status, 200, await res.clone().text());
      return res.json() as Promise<{ handled: boolean; outcome?: string }>;
    };

    // Early: the charge is refunded but our refund is still pending at Stripe: nothing moves (the dashboard's
    // refund finds nothing left of the payment that ours does not take already).
    calls.length = 0;
    assert.deepEqual(await hook(chargeRefunded()), { received: true, handled: true, outcome: 'unknown' });
    const [list] = calls.filter((c) => c.path === '/v1/refunds (list)');
    assert.equal(list!.form.get('charge'), chargeOf(pi.id), 'the charge\'s refunds are read from Stripe');
    assert.equal(list!.account, 'acct_flow', 'on the studio\'s Connect account');
    assert.deepEqual(await row(), { status: 'pending', provider_ref: re.id, completed: false });

    // Stripe settles it. The same event from another Connect account cannot touch Studio Flow's refund.
    re.status = 'succeeded';
    assert.deepEqual(await hook(chargeRefunded('acct_other')), { received: true, handled: true, outcome: 'unknown' });
    assert.deepEqual(await row(), { status: 'pending', provider_ref: re.id, completed: false });
    // charge.refunded settles it once; replays of it and refund.updated, and a late "failed", change nothing.
    assert.deepEqual(await hook(chargeRefunded()), { received: true, handled: true, outcome: 'recorded' });
    assert.deepEqual(await row(), { status: 'succeeded', provider_ref: re.id, completed: true });
    assert.deepEqual(await hook(chargeRefunded()), { received: true, handled: true, outcome: 'duplicate' });
    assert.deepEqual(await hook(refundUpdated('succeeded')), { received: true, handled: true, outcome: 'duplicate' });
    assert.deepEqual(await hook(refundUpdated('failed')), { received: true, handled: true, outcome: 'duplicate' });
    assert.deepEqual(await row(), { status: 'succeeded', provider_ref: re.id, completed: true });
    // The job running again (a retry) sends nothing: the row is no longer pending.
    calls.length = 0;
    await issueRefund(env, FLOW.org, refundId);
    assert.equal(calls.filter((c) => c.path === '/v1/refunds').length, 0);
    const refunds = await query(db.db, sql`select amount, status::text from refunds where order_id = ${out.order.id}`);
    assert.deepEqual(refunds.map((r) => ({ ...r })), [{ amount: 14000, status: 'succeeded' }], 'one refund, the dashboard\'s is not taken for ours');
    const failed = await query(db.db, sql`select id from domain_events where type = 'refund.failed' and payload->>'refund_id' = ${refundId}`);
    assert.deepEqual(failed, []);
  });

  test('a refund made in Stripe\'s dashboard (charge.refunded with a refund we never made): recorded once as made at the provider, with a credit note; the balance stays; replays and another account change nothing', async () => {
    clock.set(START);
    const body = (start: string) => ({ program: 'reiki', variant: v.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: [start] } });
    let tried = await postJson(app, '/v1/embed/bookings', body('2026-12-16T09:00:00.000Z'), flowKey);
    if (tried.status === 409) tried = await postJson(app, '/v1/embed/bookings', body(((await tried.json()) as { conflicts: { alternatives: { start: string }[] }[] }).conflicts[0]!.alternatives[0]!.start), flowKey);
    assert.equal(tried.status, 201, await tried.clone().text());
    const b = await tried.json() as Awaited<ReturnType<typeof reiki>>;
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    const pi = intentOf(out.payment!.client_secret);
    assert.equal((await deliver(event('payment_intent.succeeded', pi, { payment_method: 'pm_card_visa' }))).status, 200);
    const order = async () => (await (await app.request(`/v1/admin/orders/${out.order.id}`, { headers: { Authorization: 'Bearer sk_test_flow' } })).json()) as
      { amount_paid: { amount: number } | number; balance_due: { amount: number } | number; refunds: { amount: number | { amount: number }; status: string }[]; credit_notes: { number: string; total: number | { amount: number } }[] };
    const before = await order();
    foreignRefunds.push({ id: 're_dashboard_5000', object: 'refund', status: 'succeeded', amount: 5000, payment_intent: pi.id, charge: chargeOf(pi.id), metadata: {} });
    // As Stripe sends it: the charge carries the PaymentIntent's metadata (when it does not, the PaymentIntent is read).
    const chargeRefunded = (metadata: Record<string, string>, account = 'acct_flow') => JSON.stringify({
      id: `evt_${randomBytes(6).toString('hex')}`, object: 'event', type: 'charge.refunded', api_version: '2026-10-28.endive', created: Math.floor(clock.now().getTime() / 1000), livemode: false, account,
      data: { object: { id: chargeOf(pi.id), object: 'charge', payment_intent: pi.id, amount: 14000, amount_refunded: 5000, refunded: false, metadata } },
    });
    const outcome = async (payload: string) => {
      const res = await deliver(payload);
      assert.equal(res.status, 200, await res.clone().text());
      return ((await res.json()) as { outcome?: string }).outcome;
    };
    assert.equal(await outcome(chargeRefunded(pi.metadata, 'acct_other')), 'unknown', 'another account cannot touch it');
    assert.equal(await outcome(chargeRefunded(pi.metadata)), 'recorded');
    assert.equal(await outcome(chargeRefunded(pi.metadata)), 'duplicate');
    assert.equal(await outcome(chargeRefunded({})), 'duplicate', 'the org read from the PaymentIntent: the same refund');
    const rows = await query(db.db, sql`select amount, status::text, kind, provider_ref, reason, payment_id::text from refunds where order_id = ${out.order.id}`);
    const [payment] = await query(db.db, sql`select id::text from payments where order_id = ${out.order.id}`);
    assert.deepEqual(rows.map((r) => ({ ...r })), [{ amount: 5000, status: 'succeeded', kind: 'provider', provider_ref: 're_dashboard_5000', reason: REFUNDED_AT_PROVIDER, payment_id: payment!.id }]);
    const notes = await query(db.db, sql`select total, reason from credit_notes where order_id = ${out.order.id}`);
    assert.deepEqual(notes.map((n) => ({ ...n })), [{ total: 5000, reason: REFUNDED_AT_PROVIDER }], 'one credit note for what went back');
    const after = await order();
    const amt = (m: { amount: number } | number) => (typeof m === 'number' ? m : m.amount);
    assert.equal(amt(after.balance_due), amt(before.balance_due), 'the balance due stays as it was: the invoice claims less by as much');
    assert.equal(after.refunds.length, 1);
    const events = await query(db.db, sql`select payload from domain_events where type = 'refund.created' and subject_id = ${b.id}`);
    assert.equal(events.length, 1, 'refund.created once (payroll and webhooks read it)');
    // The refunds job never sends it again.
    calls.length = 0;
    const [refund] = await query(db.db, sql`select id from refunds where order_id = ${out.order.id}`);
    await issueRefund({ db: db.db, payments: provider, now: clock.now, config: testConfig }, FLOW.org, String(refund!.id));
    assert.equal(calls.filter((c) => c.path === '/v1/refunds').length, 0);
  });

  test('charge.refunded first, refund.updated after: a failed refund is recorded failed once, whichever comes first', async () => {
    clock.set(START);
    const b = await reiki('2026-12-14T09:00:00.000Z'); // freed by the test before
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    const pi = intentOf(out.payment!.client_secret);
    assert.equal((await deliver(event('payment_intent.succeeded', pi, { payment_method: 'pm_card_visa' }))).status, 200);
    const cancelled = await app.request(`/v1/admin/bookings/${b.id}/cancel`, { method: 'POST', headers: { Authorization: 'Bearer sk_test_flow', 'Idempotency-Key': randomBytes(8).toString('hex') } });
    const refundId = (await cancelled.json() as { settlement: { refunds: { id: string }[] } }).settlement.refunds[0]!.id;
    await issueRefund({ db: db.db, payments: provider, now: clock.now, config: testConfig }, FLOW.org, refundId);
    const re = refundsByKey.get(`tandem:refund:${refundId}`)!;
    re.status = 'failed';
    const chargeRefunded = JSON.stringify({
      id: `evt_${randomBytes(6).toString('hex')}`, object: 'event', type: 'charge.refunded', api_version: '2026-10-28.endive', created: Math.floor(clock.now().getTime() / 1000), livemode: false, account: 'acct_flow',
      data: { object: { id: chargeOf(pi.id), object: 'charge', payment_intent: pi.id, amount: 14000, amount_refunded: 0, refunded: false, metadata: pi.metadata } },
    });
    const refundUpdated = JSON.stringify({
      id: `evt_${randomBytes(6).toString('hex')}`, object: 'event', type: 'refund.updated', api_version: '2026-10-28.endive', created: Math.floor(clock.now().getTime() / 1000), livemode: false, account: 'acct_flow',
      data: { object: { ...re, status: 'failed', failure_reason: 'expired_or_canceled_card' } },
    });
    for (const payload of [chargeRefunded, refundUpdated, chargeRefunded]) assert.equal((await deliver(payload)).status, 200);
    const [r] = await query(db.db, sql`select status::text, provider_ref from refunds where id = ${refundId}`);
    assert.deepEqual({ ...r }, { status: 'failed', provider_ref: re.id });
    const failed = await query(db.db, sql`select id from domain_events where type = 'refund.failed' and payload->>'refund_id' = ${refundId}`);
    assert.equal(failed.length, 1, 'refund.failed recorded once');
  });

  describe('deposit + plan: the card saved, installments charged off-session, dunning', () => {
    test('the whole plan: deposit by webhook, first installment charged, then declines → reminders → overdue', async () => {
      const b = await reserve(app, { program: 'evolve', variant: v.evolve![1], customer: customer({ locale: 'fr' }), sessions: { mode: 'cadence', first_start: '2026-12-01T09:00:00.000Z' }, intake: EVOLVE_INTAKE });
      const out = await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
      const [cust] = calls.filter((c) => c.path === '/v1/customers');
      assert.equal(cust!.account, 'acct_flow');
      const [call] = calls.filter((c) => c.path === '/v1/payment_intents');
      assert.equal(call!.form.get('amount'), '30000');
      assert.equal(call!.form.get('setup_future_usage'), 'off_session');
      assert.match(call!.form.get('customer') ?? '', /^cus_/);
      const pi = intentOf(out.payment!.client_secret);
      assert.equal((await deliver(event('payment_intent.succeeded', pi, { payment_method: 'pm_saved', customer: call!.form.get('customer') }))).status, 200);
      assert.equal((await countsFor(db.db, b.id)).status, 'confirmed');
      const [plan] = await query(db.db, sql`select stripe_customer_id, stripe_payment_method_id from payment_plans where order_id = ${out.order.id}`);
      assert.deepEqual({ ...plan }, { stripe_customer_id: call!.form.get('customer'), stripe_payment_method_id: 'pm_saved' });

      const env = { db: db.db, orgId: FLOW.org, payments: provider, now: clock.now, config: testConfig };
      // Nothing is due yet.
      assert.deepEqual(await chargeDueInstallments(env), { charged: 0, failed: 0, overdue: 0, processing: 0 });
      // Installment 1 (due 2026-12-09, two weeks after checkout): charged off-session.
      clock.set('2026-12-09T09:00:00Z');
      calls.length = 0;
      assert.deepEqual(await chargeDueInstallments(env), { charged: 1, failed: 0, overdue: 0, processing: 0 });
      const [charge] = calls.filter((c) => c.path === '/v1/payment_intents');
      assert.equal(charge!.form.get('off_session'), 'true');
      assert.equal(charge!.form.get('confirm'), 'true');
      assert.equal(charge!.form.get('payment_method'), 'pm_saved');
      assert.equal(charge!.form.get('amount'), '26000');
      assert.equal(charge!.account, 'acct_flow');
      const [o1] = await query(db.db, sql`select status::text, amount_paid from orders where id = ${out.order.id}`);
      assert.deepEqual({ ...o1 }, { status: 'partially_paid', amount_paid: 56000 });
      // Its webhook arriving afterwards changes nothing.
      const charged = intents.get([...intents.keys()].at(-1)!)!;
      await deliver(event('payment_intent.succeeded', charged));
      assert.equal((await query(db.db, sql`select amount_paid from orders where id = ${out.order.id}`))[0]!.amount_paid, 56000);
      assert.equal(await chargeDueInstallments(env).then((r) => r.charged), 0, 'paid installments are not charged again');

      // Installment 2 (due 2026-12-23): declined three times.
      offSession = 'decline';
      clock.set('2026-12-23T09:00:00Z');
      assert.deepEqual(await chargeDueInstallments(env), { charged: 0, failed: 1, overdue: 0, processing: 0 });
      let [i2] = await query(db.db, sql`select status::text, attempts, next_attempt_at, last_error from installments where order_id = ${out.order.id} and seq = 2`);
      assert.equal(i2!.status, 'failed');
      assert.equal(new Date(i2!.next_attempt_at as string).toISOString(), '2026-12-26T09:00:00.000Z', 'again in 3 days');
      assert.match(String(i2!.last_error), /insufficient funds/);
      assert.deepEqual(await chargeDueInstallments(env).then((r) => r.failed), 0, 'not before the next attempt');
      clock.advance(3 * DAY);
      assert.equal((await chargeDueInstallments(env)).failed, 1);
      clock.advance(4 * DAY);
      assert.deepEqual(await chargeDueInstallments(env), { charged: 0, failed: 0, overdue: 1, processing: 0 });
      [i2] = await query(db.db, sql`select status::text, attempts from installments where order_id = ${out.order.id} and seq = 2`);
      assert.deepEqual({ ...i2 }, { status: 'overdue', attempts: 3 });
      const [bk] = await query(db.db, sql`select status::text, payment_overdue from program_bookings where id = ${b.id}`);
      assert.deepEqual({ ...bk }, { status: 'confirmed', payment_overdue: true });
      const mails = await query(db.db, sql`select to_address, subject from mail_outbox where dedupe_key like 'installment:%' order by created_at, dedupe_key`);
      assert.deepEqual(mails.map((m) => m.subject), [
        'Paiement non reçu\u202f: EVOLVE — holistic coaching',
        'Paiement non reçu\u202f: EVOLVE — holistic coaching',
        'Paiement en retard\u202f: EVOLVE — holistic coaching',
        'Rate überfällig: Ana Muster, EVOLVE — holistic coaching',
      ]);
      assert.equal(mails[3]!.to_address, 'hallo@studioflow.example', 'the studio is told');
      clock.advance(30 * DAY);
      assert.deepEqual(await chargeDueInstallments(env).then((r) => r.failed + r.overdue), 1, 'only installment 3 is tried; the overdue one waits for staff');
      offSession = 'succeed';
    });

    test('a staff-cancelled plan is never charged: its installments stay uncharged a month later', async () => {
      clock.set('2026-11-25T09:00:00Z');
      const b = await reserve(app, { program: 'evolve', variant: v.evolve![1], customer: customer(), sessions: { mode: 'cadence', first_start: '2026-12-08T13:00:00.000Z' }, intake: EVOLVE_INTAKE });
      const out = await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
      const customerRef = calls.filter((c) => c.path === '/v1/payment_intents').at(-1)!.form.get('customer');
      assert.equal((await deliver(event('payment_intent.succeeded', intentOf(out.payment!.client_secret), { payment_method: 'pm_saved', customer: customerRef }))).status, 200);
      assert.equal((await countsFor(db.db, b.id)).status, 'confirmed');
      const cancel = await app.request(`/v1/admin/bookings/${b.id}/cancel`, { method: 'POST', headers: { Authorization: 'Bearer sk_test_flow', 'Idempotency-Key': randomBytes(8).toString('hex') } });
      assert.equal(cancel.status, 200);
      const env = { db: db.db, orgId: FLOW.org, payments: provider, now: clock.now, config: testConfig };
      clock.set('2027-01-25T09:00:00Z');
      calls.length = 0;
      const result = await chargeDueInstallments(env);
      assert.equal(result.charged + result.failed + result.processing, 0, 'nothing is charged for a cancelled booking');
      assert.equal(calls.filter((c) => c.path === '/v1/payment_intents').length, 0, 'no off-session charge reached the provider');
      const [paid] = await query(db.db, sql`select amount_paid from orders where id = ${out.order.id}`);
      assert.equal(paid!.amount_paid, 30000, 'only the deposit was ever paid');
    });
  });
});
