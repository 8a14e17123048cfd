/**
 * The settlement race over real HTTP (issue 13): the API listens on a port, Stripe's side is the real
 * `stripe` library talking to msw handlers that answer like Stripe's API, and Stripe's webhooks are
 * signed like Stripe's and POSTed to `/v1/hooks/stripe` over the network, at the same moment as a
 * staff cancellation (and the same event delivered twice, as Stripe retries). Whatever lands first,
 * money moves exactly once: one payment recorded, the whole of it refunded by one refund row, sent to
 * Stripe once (one idempotency key) and settled once by `refund.updated` and `charge.refunded`
 * arriving together and again. The second test races, on a deposit plan, the cancellation, the
 * installment job (whose off-session charge Stripe also announces by webhook), a reschedule and a replayed
 * deposit webhook. Checked in SQL afterwards. PGlite serialises the transactions; with DATABASE_URL they
 * really run at once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { freshDatabase } from '../support/database.ts';
import { demoApp, testConfig } from '../support/app.ts';
import { Clock, query } from '../support/booking.ts';
import { DAY } from '../support/booking.ts';
import { EVOLVE_INTAKE, checkedOut, checkoutReq, customer, demoVariants, reserve } from '../support/checkout.ts';
import { INSTALLMENTS_QUEUE, installmentsJob } from '../../server/modules/billing/index.ts';
import { withSystem } from '../../server/platform/db/escalation.ts';
import { FLOW } from '../../demo/seed/index.ts';
import { stripeProvider } from '../../server/platform/adapters/payments/stripe-provider.ts';
import { enqueue, runDueJobs, startJobRunner } from '../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../server/jobs.ts';
import { localMailer } from '../../server/platform/adapters/mail/mailer.ts';

const ROUNDS = Number(process.env.TANDEM_STRIPE_RACE_ROUNDS ?? (process.env.DATABASE_URL ? 20 : 6));
const START = '2026-11-25T08:00:00Z';
const WEBHOOK_SECRET = 'whsec_race_secret';
const STRIPE = 'https://api.stripe.com';
const sk = { Authorization: 'Bearer sk_test_flow' };

type FakeRefund = { id: string; object: 'refund'; status: string; amount: number; currency: string; payment_intent: string; charge: string; metadata: Record<string, string> };

describe(`Stripe webhooks over HTTP racing a cancellation (${ROUNDS} rounds)`, () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let server: ServerType;
  let base = '';
  let v: Record<string, string[]> = {};
  const clock = new Clock(new Date(START));
  const intents = new Map<string, { id: string; key: string; status: string; amount: number; currency: string; metadata: Record<string, string> }>();
  const refundsByKey = new Map<string, FakeRefund>();
  const refundPosts: string[] = [];
  /** Off-session charges asked of Stripe, by idempotency key (one per installment payment row). */
  const chargeKeys: string[] = [];
  /** Webhooks Stripe sends by itself (an off-session charge that succeeded), still under way. */
  const sent: Promise<unknown>[] = [];
  const chargeOf = (piId: string) => `ch_${piId.slice(3)}`;
  const formMetadata = (form: URLSearchParams) => Object.fromEntries([...form.entries()].filter(([k]) => k.startsWith('metadata[')).map(([k, val]) => [k.slice(9, -1), val]));

  // Stripe's API as the library meets it; anything else (the test's own calls to the API on localhost) goes through.
  const stripeApi = setupServer(
    http.post(`${STRIPE}/v1/customers`, () => HttpResponse.json({ id: `cus_${randomBytes(4).toString('hex')}`, object: 'customer' })),
    http.post(`${STRIPE}/v1/payment_intents`, async ({ request }) => {
      const key = request.headers.get('idempotency-key') ?? '';
      const form = new URLSearchParams(await request.text());
      const offSession = form.get('off_session') === 'true';
      // The same key answers the same intent, as at Stripe.
      const earlier = [...intents.values()].find((p) => p.key === key);
      if (earlier) return HttpResponse.json({ object: 'payment_intent', ...earlier });
      const id = `pi_${randomBytes(6).toString('hex')}`;
      const pi = { id, key, status: offSession ? 'succeeded' : 'requires_payment_method', amount: Number(form.get('amount')), currency: String(form.get('currency')), metadata: formMetadata(form) };
      intents.set(id, pi);
      if (offSession) {
        chargeKeys.push(key);
        // Stripe also announces the charge by webhook, racing the job's own recording of the answer.
        sent.push(webhook('payment_intent.succeeded', { object: 'payment_intent', ...pi, payment_method: form.get('payment_method'), customer: form.get('customer') }).then((r) => r.text()));
      }
      return HttpResponse.json({ object: 'payment_intent', ...pi, client_secret: `${id}_secret_x` });
    }),
    http.post(`${STRIPE}/v1/payment_intents/:id/cancel`, ({ params }) => {
      const pi = intents.get(String(params.id));
      if (pi?.status === 'succeeded') return HttpResponse.json({ error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'This PaymentIntent has already succeeded.' } }, { status: 400 });
      if (pi) pi.status = 'canceled';
      return HttpResponse.json({ object: 'payment_intent', ...pi, status: 'canceled' });
    }),
    http.get(`${STRIPE}/v1/payment_intents/:id`, ({ params }) => {
      const pi = intents.get(String(params.id));
      return pi ? HttpResponse.json({ object: 'payment_intent', ...pi }) : HttpResponse.json({ error: { type: 'invalid_request_error', message: 'No such payment_intent' } }, { status: 404 });
    }),
    // Refunds: the same Idempotency-Key answers the same refund, as at Stripe; a new one is pending.
    http.post(`${STRIPE}/v1/refunds`, async ({ request }) => {
      const key = request.headers.get('idempotency-key') ?? '';
      refundPosts.push(key);
      const earlier = refundsByKey.get(key);
      if (earlier) return HttpResponse.json(earlier);
      const form = new URLSearchParams(await request.text());
      const pi = String(form.get('payment_intent'));
      const refund: FakeRefund = { id: `re_${randomBytes(6).toString('hex')}`, object: 'refund', status: 'pending', amount: Number(form.get('amount')), currency: intents.get(pi)?.currency ?? 'chf', payment_intent: pi, charge: chargeOf(pi), metadata: formMetadata(form) };
      refundsByKey.set(key, refund);
      return HttpResponse.json(refund);
    }),
    http.get(`${STRIPE}/v1/refunds`, ({ request }) => {
      const charge = new URL(request.url).searchParams.get('charge');
      return HttpResponse.json({ object: 'list', url: '/v1/refunds', has_more: false, data: [...refundsByKey.values()].filter((r) => r.charge === charge) });
    }),
  );
  const payments = stripeProvider({ secretKey: 'sk_test_race', webhookSecret: WEBHOOK_SECRET, publishableKey: 'pk_test_race', config: { maxNetworkRetries: 0 } });
  const signer = new Stripe('sk_test_signer');

  /** The API over the network. */
  const api = { request: (path: string, init?: RequestInit) => fetch(`${base}${path}`, init) };

  /** A Stripe event for Studio Flow's Connect account, signed as Stripe signs it, POSTed over HTTP. */
  function webhook(type: string, object: Record<string, unknown>): Promise<Response> {
    const payload = JSON.stringify({
      id: `evt_${randomBytes(6).toString('hex')}`, object: 'event', type, api_version: '2026-10-28.endive', created: Math.floor(clock.now().getTime() / 1000), livemode: false, account: 'acct_flow',
      data: { object },
    });
    const signature = signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(clock.now().getTime() / 1000) });
    return fetch(`${base}/v1/hooks/stripe`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, body: payload });
  }

  before(async () => {
    stripeApi.listen({ onUnhandledRequest: 'bypass' });
    db = await freshDatabase({ max: 20 });
    const app = await demoApp(db.db, { now: clock.now, payments });
    await query(db.db, sql`update orgs set stripe_account_id = 'acct_flow' where id = ${FLOW.org}`);
    // Keep-alive longer than the client's (undici: 4 s), so a loaded machine never has the server close a socket the client is reusing.
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', serverOptions: { keepAliveTimeout: 120_000 } });
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    v = await demoVariants(api);
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    stripeApi.close();
    await db.close();
  });

  test('a staff cancellation and the payment webhook (delivered twice) at once: the money comes in once and goes back once, whoever wins', async () => {
    const outcomes = new Map<string, number>();
    const count = (k: string) => outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
    const orders: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      clock.set(START);
      // Reiki, CHF 140, a week ahead (inside the free window): the same time every round, freed by the round before.
      const b = await reserve(api, { program: 'reiki', variant: v.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] } });
      const out = await checkedOut(await checkoutReq(api, b, { method: 'card' }));
      orders.push(out.order.id);
      const pi = intents.get(out.payment!.client_secret.split('_secret_')[0]!)!;
      // The customer's card is charged at Stripe at the moment staff cancel.
      pi.status = 'succeeded';
      const succeeded = { id: pi.id, object: 'payment_intent', status: 'succeeded', amount: pi.amount, currency: pi.currency, metadata: pi.metadata, payment_method: 'pm_card_visa', latest_charge: chargeOf(pi.id) };
      const results = await Promise.all([
        api.request(`/v1/admin/bookings/${b.id}/cancel`, { method: 'POST', headers: { ...sk, 'Idempotency-Key': randomUUID() } }).then((r) => `cancel ${r.status}`),
        webhook('payment_intent.succeeded', succeeded).then(async (r) => `webhook ${r.status} ${(await r.json() as { outcome?: string }).outcome}`),
        webhook('payment_intent.succeeded', succeeded).then(async (r) => `webhook ${r.status} ${(await r.json() as { outcome?: string }).outcome}`),
      ]);
      for (const r of results) count(r);
      for (const r of results) assert.match(r, / 200\b/, `every request answered 200 (${r})`);
    }
    // The refunds go to Stripe after commit, by their jobs (run twice: a retry sends the same key).
    const jobs = jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments, mailer: localMailer() });
    await runDueJobs(db.executor, jobs);
    await query(db.db, sql`update refunds set status = 'pending', provider_ref = null where order_id in (${sql.join(orders.map((id) => sql`${id}::uuid`), sql`, `)})`);
    await runDueJobs(db.executor, jobs);
    for (const r of refundsByKey.values()) r.status = 'succeeded';
    // Stripe settles each refund: refund.updated and charge.refunded together, each delivered twice.
    await Promise.all([...refundsByKey.values()].flatMap((r) => {
      const charge = { id: r.charge, object: 'charge', payment_intent: r.payment_intent, amount: r.amount, amount_refunded: r.amount, refunded: true };
      return [webhook('refund.updated', { ...r }), webhook('charge.refunded', charge), webhook('refund.updated', { ...r }), webhook('charge.refunded', charge)];
    }).map((p) => p.then((res) => assert.equal(res.status, 200))));

    const ids = sql.join(orders.map((id) => sql`${id}::uuid`), sql`, `);
    const rows = await query(db.db, sql`
      select o.id, o.status::text as order_status, b.status::text as booking_status,
             (select count(*)::int from payments p where p.order_id = o.id and p.status = 'succeeded') as payments,
             (select coalesce(sum(amount), 0)::int from payments p where p.order_id = o.id and p.status = 'succeeded') as paid,
             (select count(*)::int from refunds r where r.order_id = o.id) as refunds,
             (select coalesce(sum(amount), 0)::int from refunds r where r.order_id = o.id and r.status = 'succeeded') as refunded,
             (select count(*)::int from domain_events e where e.type = 'refund.created' and e.subject_id = o.booking_id) as refund_events
        from orders o join program_bookings b on b.id = o.booking_id where o.id in (${ids})`);
    assert.equal(rows.length, ROUNDS);
    for (const r of rows) {
      assert.deepEqual(
        { booking: r.booking_status, payments: r.payments, paid: r.paid, refunds: r.refunds, refunded: r.refunded, events: r.refund_events },
        { booking: 'cancelled', payments: 1, paid: 14000, refunds: 1, refunded: 14000, events: 1 },
        `order ${String(r.id)} (${JSON.stringify(Object.fromEntries(outcomes))})`,
      );
    }
    // At Stripe: one refund per order, asked for with one key per refund row however often the job ran.
    assert.equal(refundsByKey.size, ROUNDS, 'one refund per payment at Stripe');
    assert.equal(new Set(refundPosts).size, ROUNDS);
    console.log(`stripe webhook race: ${JSON.stringify(Object.fromEntries(outcomes))}`);
  });

  test('a deposit plan: the cancellation, the installment job (Stripe\'s webhook for its charge), a reschedule and a replayed deposit webhook at once: nothing charged is kept beyond the fee, nothing refunded twice', async () => {
    const outcomes = new Map<string, number>();
    const count = (k: string) => outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
    const orders: string[] = [];
    // A real queue worker, as the API runs one (server/jobs.ts's installment job, the production handler).
    const runner = await startJobRunner(db.executor, [installmentsJob({ db: db.db, payments, now: clock.now, config: testConfig })], { pollingIntervalSeconds: 0.5 });
    /** Waits until the worker has finished the job sent with this key (its pg-boss state). */
    const jobDone = async (key: string): Promise<string> => {
      for (let i = 0; i < 600; i++) {
        const [job] = await query(db.db, sql`select state::text from pgboss.job where name = ${INSTALLMENTS_QUEUE} and singleton_key = ${key}`);
        if (job && ['completed', 'failed', 'cancelled'].includes(String(job.state))) return String(job.state);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return 'not run within 60 s';
    };
    try {
    for (let round = 0; round < ROUNDS; round++) {
      clock.set(START);
      // EVOLVE, 8 weekly sessions on a deposit plan: the deposit by card (its webhook saves the card), the installments off-session.
      const b = await reserve(api, { program: 'evolve', variant: v.evolve![1], customer: customer(), sessions: { mode: 'cadence', first_start: '2026-12-01T08:00:00.000Z' }, intake: EVOLVE_INTAKE });
      const out = await checkedOut(await checkoutReq(api, b, { method: 'card', plan: 'deposit' }));
      orders.push(out.order.id);
      const deposit = intents.get(out.payment!.client_secret.split('_secret_')[0]!)!;
      deposit.status = 'succeeded';
      const depositEvent = { object: 'payment_intent', ...deposit, payment_method: 'pm_saved', customer: 'cus_saved' };
      const first = await webhook('payment_intent.succeeded', depositEvent);
      assert.deepEqual(await first.json(), { received: true, handled: true, outcome: 'confirmed' });
      const [last] = await query(db.db, sql`select id, starts_at from program_sessions where booking_id = ${b.id} order by seq desc limit 1`);
      // The first installment is due.
      clock.set('2026-12-23T09:00:00Z');
      // The installment job is picked from the queue by the worker (polling every half second); the requests start
      // spread over that half second, so the job's run lands before, between or after them.
      const jobKey = `race:${round}:${randomUUID()}`;
      await withSystem(db.db, FLOW.org, 'test: the installment job is due now', (tx) => enqueue(tx, INSTALLMENTS_QUEUE, { orgId: FLOW.org }, { singletonKey: jobKey }));
      const jitter = () => new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 600)));
      const results = await Promise.all([
        jitter().then(() => api.request(`/v1/admin/bookings/${b.id}/cancel`, { method: 'POST', headers: { ...sk, 'Idempotency-Key': randomUUID() } })).then((r) => `cancel ${r.status}`),
        jobDone(jobKey).then(async (state) => {
          const [c] = await query(db.db, sql`select count(*)::int as n from payments where order_id = ${out.order.id} and installment_id is not null and status = 'succeeded'`);
          return `job ${state}, charged ${c!.n}`;
        }),
        jitter().then(() => api.request(`/v1/admin/bookings/${b.id}/sessions/${String(last!.id)}/reschedule`, {
          method: 'POST', headers: { ...sk, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
          body: JSON.stringify({ starts_at: new Date(new Date(String(last!.starts_at)).getTime() + DAY).toISOString(), override: true }),
        })).then((r) => `reschedule ${r.status}`),
        jitter().then(() => webhook('payment_intent.succeeded', depositEvent)).then(async (r) => `deposit webhook ${r.status} ${(await r.json() as { outcome?: string }).outcome}`),
      ]);
      assert.match(results[1]!, /^job completed/, 'the worker ran the installment job to completion');
      await Promise.all(sent.splice(0));
      for (const r of results) count(r);
      for (const r of results) assert.doesNotMatch(r, / 5\d\d\b/, `no 5xx (${r})`);
    }
    } finally {
      await runner.stop();
    }
    const jobs = jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments, mailer: localMailer() });
    await runDueJobs(db.executor, jobs);
    for (const r of refundsByKey.values()) r.status = 'succeeded';
    await Promise.all([...refundsByKey.values()].flatMap((r) => {
      const charge = { id: r.charge, object: 'charge', payment_intent: r.payment_intent, amount: r.amount, amount_refunded: r.amount, refunded: true };
      return [webhook('refund.updated', { ...r }), webhook('charge.refunded', charge)];
    }).map((p) => p.then((res) => assert.equal(res.status, 200))));

    const ids = sql.join(orders.map((id) => sql`${id}::uuid`), sql`, `);
    const [open] = await query(db.db, sql`select count(*)::int as n from program_bookings b join orders o on o.booking_id = b.id where o.id in (${ids}) and b.status <> 'cancelled'`);
    assert.equal(open!.n, 0, `every booking cancelled (${JSON.stringify(Object.fromEntries(outcomes))})`);
    // What each cancelled order kept is at most its settlement's fee; refunds never exceed payments; all refunds settled.
    const kept = await query(db.db, sql`
      select o.id,
             (select coalesce(sum(amount), 0) from payments p where p.order_id = o.id and p.status = 'succeeded') as paid,
             (select coalesce(sum(amount), 0) from refunds r where r.order_id = o.id and r.status <> 'failed') as refunded,
             (select count(*)::int from refunds r where r.order_id = o.id and r.status <> 'succeeded') as unsettled,
             (select (e.payload->>'fee')::int from domain_events e where e.subject_id = o.booking_id and e.type = 'booking.settled' order by e.occurred_at limit 1) as fee
        from orders o where o.id in (${ids})`);
    for (const k of kept) {
      assert.ok(Number(k.refunded) <= Number(k.paid), `order ${String(k.id)}: refunded ${k.refunded} of ${k.paid}`);
      assert.ok(Number(k.paid) - Number(k.refunded) <= Number(k.fee ?? 0), `order ${String(k.id)} kept ${Number(k.paid) - Number(k.refunded)}, its settlement kept ${k.fee}`);
      assert.equal(k.unsettled, 0, `order ${String(k.id)}: every refund settled by the webhooks`);
    }
    const [left] = await query(db.db, sql`select count(*)::int as n from installments where order_id in (${ids}) and status in ('scheduled', 'failed')`);
    assert.equal(left!.n, 0, 'no installment of a cancelled order is left to charge');
    // Stripe was asked at most once per installment payment row (a claim the cancellation overtook sends nothing) and once per refund row.
    const rowsAsked = new Set((await query(db.db, sql`select id from payments where order_id in (${ids}) and installment_id is not null`)).map((r) => `tandem:payment:${String(r.id)}`));
    const ours = chargeKeys.filter((k) => rowsAsked.has(k));
    assert.equal(new Set(ours).size, ours.length, 'no installment charged twice');
    const [charged] = await query(db.db, sql`select count(*)::int as n from payments where order_id in (${ids}) and installment_id is not null and status = 'succeeded'`);
    assert.equal(charged!.n, ours.length, 'every charge Stripe made is recorded (and, the order being cancelled, refunded)');
    const [refundRows] = await query(db.db, sql`select count(*)::int as n from refunds where order_id in (${ids}) and kind = 'provider'`);
    assert.equal([...refundsByKey.values()].filter((r) => orders.includes(r.metadata.order_id ?? '')).length, refundRows!.n, 'one refund at Stripe per refund row');
    console.log(`stripe installment race: ${JSON.stringify(Object.fromEntries(outcomes))}`);
  });
});
