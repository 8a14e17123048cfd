/**
 * Issue 11 (low): a Stripe that does not answer. Each call gives up after STRIPE_TIMEOUT_MS and is
 * tried once more; then checkout answers 502 payment_provider_error, instead of holding the
 * request for the library's 80 s (and two retries). Stripe here is a local HTTP server that
 * takes 5 s to answer (msw's interception does not run the client's socket timeout, a real socket does).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, problemOf } from '../../support/booking.ts';
import { checkoutReq, customer, demoVariants, reserve } from '../../support/checkout.ts';
import { STRIPE_MAX_NETWORK_RETRIES, STRIPE_TIMEOUT_MS, stripeProvider } from '../../../server/platform/adapters/payments/stripe-provider.ts';
import { ProviderError } from '../../../server/platform/adapters/payments/provider.ts';

const START = '2026-11-25T08:00:00Z';

describe('Stripe that does not answer', () => {
  let attempts = 0;
  let server: Server;
  let port = 0;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith('/v1/payment_intents') && !req.url.endsWith('/cancel')) attempts++;
      const timer = setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: 'pi_late', object: 'payment_intent', status: 'requires_payment_method', client_secret: 'pi_late_secret' }));
      }, 5_000);
      res.on('close', () => clearTimeout(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    db = await freshDatabase();
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db.close();
  });

  test('the defaults: 10 s per call, one retry', () => {
    assert.equal(STRIPE_TIMEOUT_MS, 10_000);
    assert.equal(STRIPE_MAX_NETWORK_RETRIES, 1);
  });

  test('a call that times out is tried once more, then fails as a ProviderError; checkout answers 502 payment_provider_error', async () => {
    // The test shortens the timeout only (the retry count is the default), so it runs in about a second.
    const provider = stripeProvider({ secretKey: 'sk_test_tandem', webhookSecret: 'whsec_x', publishableKey: 'pk_test_stripe', config: { timeout: 300, host: '127.0.0.1', port, protocol: 'http' } });
    const input = {
      account: null, amount: 1000, currency: 'CHF', method: 'card' as const, saveForLater: false,
      customer: { ref: null, email: 'a@example.ch', name: 'A' }, metadata: { org_id: 'o', booking_id: 'b', order_id: 'o', payment_id: 'p' }, description: 'x', idempotencyKey: 'k1',
    };
    attempts = 0;
    const started = Date.now();
    await assert.rejects(provider.createIntent(input), (e: unknown) => e instanceof ProviderError && /did not answer in time/.test((e as Error).message));
    assert.equal(attempts, 1 + STRIPE_MAX_NETWORK_RETRIES);
    assert.ok(Date.now() - started < 4_000, `gave up after ${Date.now() - started} ms`);

    const clock = new Clock(new Date(START));
    const app = await demoApp(db.db, { now: clock.now, payments: provider });
    const v = await demoVariants(app);
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] } });
    const res = await checkoutReq(app, b, { method: 'card' });
    assert.equal(res.status, 502);
    const p = await problemOf(res);
    assert.equal(p.code, 'payment_provider_error');
  });
});
