/**
 * The Stripe webhook's edges: events dated in the future beyond the signature tolerance are
 * refused like stale ones, and a correctly signed body that is not an event with `data.object`
 * is `invalid_event`, not `invalid_signature`. No network: parseWebhook only verifies.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { problemOf } from '../../support/booking.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { stripeProvider } from '../../../server/platform/adapters/payments/stripe-provider.ts';

const WEBHOOK_SECRET = 'whsec_hardening';
const NOW = new Date('2026-11-25T08:00:00Z');
const signer = new Stripe('sk_test_x');

describe('Stripe webhook: time and shape', () => {
  let app: Awaited<ReturnType<typeof demoApp>>;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: () => NOW, payments: stripeProvider({ secretKey: 'sk_test_x', webhookSecret: WEBHOOK_SECRET, publishableKey: 'pk_test_stripe' }) });
  });
  after(async () => {
    await db.close();
  });

  const seconds = (offset: number) => Math.floor(NOW.getTime() / 1000) + offset;
  const deliver = (payload: string, signedAt = seconds(0), secret = WEBHOOK_SECRET) =>
    app.request('/v1/hooks/stripe', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signer.webhooks.generateTestHeaderString({ payload, secret, timestamp: signedAt }) }, body: payload,
    });
  const event = (type: string, data: unknown) => JSON.stringify({ id: `evt_${randomBytes(6).toString('hex')}`, object: 'event', type, created: seconds(0), livemode: false, data });
  const succeeded = () => event('payment_intent.succeeded', { object: { id: `pi_${randomBytes(6).toString('hex')}`, object: 'payment_intent', metadata: { org_id: FLOW.org } } });

  test('signed more than five minutes in the future: 400 invalid_signature; within the tolerance: accepted', async () => {
    for (const offset of [301, 3600, 86_400 * 365]) {
      const res = await deliver(succeeded(), seconds(offset));
      assert.equal(res.status, 400, `+${offset} s`);
      assert.equal((await problemOf(res)).code, 'invalid_signature');
    }
    for (const offset of [0, 60, 299]) assert.equal((await deliver(event('customer.created', { object: { id: 'cus_1' } }), seconds(offset))).status, 200, `+${offset} s`);
  });

  test('correctly signed without data.object: 400 invalid_event, whatever the type', async () => {
    for (const payload of [
      event('payment_intent.succeeded', {}),
      event('payment_intent.payment_failed', null),
      JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded' }),
      event('customer.created', {}),
      event('payment_intent.succeeded', { object: 'pi_123' }),
    ]) {
      const res = await deliver(payload);
      assert.equal(res.status, 400, payload);
      assert.equal((await problemOf(res)).code, 'invalid_event', payload);
    }
  });

  test('correctly signed but not JSON: 400 invalid_event', async () => {
    const res = await deliver('not json at all');
    assert.equal(res.status, 400);
    assert.equal((await problemOf(res)).code, 'invalid_event');
  });

  test('the same bodies with a wrong signature stay invalid_signature', async () => {
    for (const payload of [event('payment_intent.succeeded', {}), 'not json at all']) {
      const res = await deliver(payload, seconds(0), 'whsec_wrong');
      assert.equal((await problemOf(res)).code, 'invalid_signature');
    }
  });
});
