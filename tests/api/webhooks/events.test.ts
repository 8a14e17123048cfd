/**
 * The webhook events beyond the booking's lifecycle, from the same transactional outbox: a reservation
 * (with the new customer it brought), a payment (by card and by a recorded bank transfer), a customer
 * who signs in with an e-mail code, a message in a booking's thread. Each is signed and verified with
 * the standardwebhooks library against a real HTTP receiver; an endpoint not subscribed gets none, and a
 * reservation that fails (the slot taken) sends nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, postJson as postTo } from '../../support/booking.ts';
import { postJson, type JsonPoster } from '../../../server/platform/adapters/http/post-json.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, reserve, testPay } from '../../support/checkout.ts';
import { proofFor, proveIdentity } from '../../support/identity.ts';
import { runJobsAt } from '../../support/parked-jobs.ts';
import { webhookDeliveryJob } from '../../../server/modules/webhooks/index.ts';
import type { JobDefinition } from '../../../server/platform/jobs/queue.ts';
import type { WebhookWithSecretOut } from '../../../schema/api/admin-webhooks.ts';
import * as v from 'valibot';
import { WebhookPayloadV1 } from '../../../schema/api/admin-webhooks.ts';

const START = '2026-11-25T08:00:00Z';
const owner = { Authorization: 'Bearer sk_test_flow' };

interface Received { headers: IncomingHttpHeaders; body: string; json: { type: string; id: string; version: number; data: Record<string, any> } }

async function receiver() {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { got.push({ headers: req.headers, body, json: JSON.parse(body) }); res.writeHead(200).end('ok'); });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { got, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

describe('webhook events: reserved, payment succeeded, customer created, message created', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let other: Awaited<ReturnType<typeof receiver>>;
  let endpoint: WebhookWithSecretOut;
  const clock = new Clock(new Date(START));
  let variants: Record<string, string[]> = {};
  // A loaded machine can be slow to answer: a generous timeout, and the fake clock moved on by a minute per run so a retry or a lease's end is due.
  const post: JsonPoster = (url, body, o) => postJson(url, body, { ...o, timeoutMs: 60_000 });
  const job = () => webhookDeliveryJob({ db: db.db, now: clock.now, allowPrivateTargets: true, post }) as unknown as JobDefinition;
  const deliver = async () => {
    clock.set(new Date(clock.current.getTime() + 60_000).toISOString());
    await runJobsAt(db, clock.current, job());
  };
  /** Runs the delivery job (the clock moving on) until `count` new messages have arrived since `seen`, or five runs. */
  const deliverUntil = async (seen: number, count: number) => {
    for (let i = 0; i < 5 && since(seen).length < count; i++) {
      await deliver();
      if (since(seen).length < count) await new Promise((ok) => setTimeout(ok, 500));
    }
  };
  /** What arrived after the first `seen`, each message once (a retried one may arrive twice). */
  const since = (seen: number) => {
    const before = new Set(hook.got.slice(0, seen).map((r) => r.headers['webhook-id']));
    return hook.got.slice(seen).filter((r, i, all) => !before.has(r.headers['webhook-id']) && all.findIndex((x) => x.headers['webhook-id'] === r.headers['webhook-id']) === i);
  };
  const admin = (path: string, body?: unknown) => app.request(`/v1/admin${path}`, {
    method: 'POST', headers: { ...owner, 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const verified = (r: Received): Received['json'] => {
    assert.deepEqual(new Webhook(endpoint.secret).verify(r.body, r.headers as Record<string, string>), r.json);
    assert.ok(v.is(WebhookPayloadV1, r.json), `${r.json.type} matches the documented payload: ${JSON.stringify(v.safeParse(WebhookPayloadV1, r.json).issues?.map((i) => i.path?.map((p) => p.key).join('.')))}`);
    return r.json;
  };
  const ofType = (type: string) => since(0).filter((r) => r.json.type === type);

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    variants = await demoVariants(app);
    hook = await receiver();
    other = await receiver();
    const res = await admin('/webhooks', { url: hook.url, events: ['booking.reserved', 'payment.succeeded', 'customer.created', 'message.created'] });
    assert.equal(res.status, 201, await res.clone().text());
    endpoint = await res.json() as WebhookWithSecretOut;
    assert.equal((await admin('/webhooks', { url: other.url, events: ['booking.cancelled'] })).status, 201);
  });
  after(async () => { await hook.close(); await other.close(); await db.close(); });

  test('a new customer reserves and pays by card: customer.created, booking.reserved, payment.succeeded, in that order', async () => {
    const who = customer();
    const b = await reserve(app, { program: 'evolve', variant: variants.evolve![0], customer: who, sessions: { mode: 'cadence', first_start: '2026-12-01T08:00:00.000Z' }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    await deliverUntil(0, 3);
    assert.deepEqual(since(0).map((r) => r.json.type), ['customer.created', 'booking.reserved', 'payment.succeeded']);
    const created = verified(ofType('customer.created')[0]!);
    assert.equal(created.data.booking, null);
    assert.deepEqual({ ...created.data.customer, id: undefined }, { id: undefined, name: who.name, email: who.email, locale: 'de', via: 'booking' });
    const reserved = verified(ofType('booking.reserved')[0]!);
    assert.equal(reserved.data.booking.id, b.id);
    assert.equal(reserved.data.booking.status, 'reserved', 'the booking as it was when reserved');
    assert.equal(reserved.data.booking.customer.id, created.data.customer.id);
    assert.equal(reserved.data.hold_expires_at, b.hold_expires_at);
    const paid = verified(ofType('payment.succeeded')[0]!);
    assert.equal(paid.data.booking.id, b.id);
    assert.equal(paid.data.payment.method, 'card');
    assert.equal(paid.data.payment.purpose, 'order');
    assert.equal(paid.data.payment.currency, 'CHF');
    assert.ok(paid.data.payment.amount > 0);
    assert.equal(other.got.length, 0, 'an endpoint that did not choose these events gets none');
  });

  test('a returning customer reserves again: booking.reserved only; a reservation refused sends nothing', async () => {
    const who = customer();
    await reserve(app, { program: 'evolve', variant: variants.evolve![0], customer: who, sessions: { mode: 'cadence', first_start: '2026-12-02T08:00:00.000Z' }, intake: EVOLVE_INTAKE });
    const seen = hook.got.length;
    const again = await reserve(app, { program: 'evolve', variant: variants.evolve![0], customer: who, sessions: { mode: 'cadence', first_start: '2026-12-02T10:00:00.000Z' }, intake: EVOLVE_INTAKE });
    const taken = await postTo(app, '/v1/embed/bookings', { program: 'evolve', variant: variants.evolve![0], customer: customer(), sessions: { mode: 'cadence', first_start: '2026-12-02T10:00:00.000Z' }, intake: EVOLVE_INTAKE }, { Authorization: 'Bearer pk_test_flow' });
    assert.equal(taken.status, 409);
    await deliverUntil(seen, 3);
    const mine = since(seen);
    assert.deepEqual(mine.map((r) => r.json.type), ['customer.created', 'booking.reserved', 'booking.reserved']);
    assert.equal(verified(mine[2]!).data.booking.id, again.id);
  });

  test('a customer who signs in with an e-mail code for the first time: customer.created (via sign_in)', async () => {
    const seen = hook.got.length;
    const email = `${randomUUID().slice(0, 8)}@example.ch`;
    await proveIdentity(app, db.db, email);
    await proveIdentity(app, db.db, email);
    await deliverUntil(seen, 1);
    await deliver();
    const mine = since(seen);
    assert.deepEqual(mine.map((r) => r.json.type), ['customer.created'], 'once, not at the second sign-in');
    assert.deepEqual([verified(mine[0]!).data.customer.email, mine[0]!.json.data.customer.via], [email, 'sign_in']);
  });

  test('a bank transfer recorded by staff: payment.succeeded with its method; a message in the thread: message.created', async () => {
    const earlier = hook.got.length;
    const b = await reserve(app, { program: 'evolve', variant: variants.evolve![0], customer: customer(), sessions: { mode: 'cadence', first_start: '2026-12-03T08:00:00.000Z' }, intake: EVOLVE_INTAKE });
    const out = await checkedOut(await checkoutReq(app, b, { method: 'qr_bill' }, await proofFor(app, db.db, b.id)));
    // The reservation's customer.created and booking.reserved first: one delivery run may come before they are queued on a busy machine.
    await deliverUntil(earlier, 2);
    const seen = hook.got.length;
    const paid = await admin(`/orders/${out.order.id}/payments`, { amount: out.order.total, method: 'bank_transfer', reference: 'Bank statement 42' });
    assert.equal(paid.status, 201, await paid.clone().text());
    const said = await admin(`/bookings/${b.id}/messages`, { body: 'See you on **Thursday**.' });
    assert.equal(said.status, 201, await said.clone().text());
    await deliverUntil(seen, 2);
    const mine = since(seen);
    assert.deepEqual(mine.map((r) => r.json.type), ['payment.succeeded', 'message.created']);
    const payment = verified(mine[0]!);
    assert.deepEqual([payment.data.payment.method, payment.data.payment.amount, payment.data.payment.order_id, payment.data.booking.id], ['bank_transfer', out.order.total, out.order.id, b.id]);
    const message = verified(mine[1]!);
    assert.deepEqual([message.data.message.sender, message.data.message.body_md, message.data.booking.id], ['staff', 'See you on **Thursday**.', b.id]);
  });
});
