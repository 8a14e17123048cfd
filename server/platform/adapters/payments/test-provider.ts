import { randomBytes } from 'node:crypto';
import type { ChargeResult, CreatedSetup, OffSessionInput, PaymentProvider, RefundResult } from './provider.ts';

export interface TestProviderOptions {
  /** Decides the outcome of off-session installment charges; default: every charge succeeds. */
  offSession?: (input: OffSessionInput) => 'succeed' | 'fail';
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * The built-in test processor: stands in for Stripe when no keys are configured (the demo,
 * tests). It makes intents that nobody can pay except through
 * `POST /v1/embed/bookings/:id/test-payments`, which feeds the outcome into the same
 * path as Stripe's webhook. Never used in production (see `paymentsFromEnv`).
 */
export function testProvider(options: TestProviderOptions = {}): PaymentProvider {
  const intents = new Map<string, { ref: string; clientSecret: string; customerRef: string | null }>();
  const refunds = new Map<string, RefundResult>();
  const setups = new Map<string, CreatedSetup>();
  return {
    kind: 'test',
    publishableKey: null,
    testMode: true,
    // Like Stripe, the same idempotency key returns the same intent.
    async createIntent(input) {
      const earlier = intents.get(input.idempotencyKey);
      if (earlier) return earlier;
      const ref = id('test_pi');
      const created = { ref, clientSecret: `${ref}_secret_${randomBytes(8).toString('hex')}`, customerRef: input.saveForLater ? (input.customer.ref ?? id('test_cus')) : input.customer.ref };
      intents.set(input.idempotencyKey, created);
      return created;
    },
    async cancelIntent() {
      return 'cancelled';
    },
    // Like Stripe, the same idempotency key gives the same refund; every refund succeeds at once.
    async refund(input): Promise<RefundResult> {
      const earlier = refunds.get(input.idempotencyKey);
      if (earlier) return earlier;
      const done = { status: 'succeeded' as const, ref: id('test_re') };
      refunds.set(input.idempotencyKey, done);
      return done;
    },
    // Confirmed by `POST /v1/portal/bookings/:id/card/test-confirm`, standing in for the browser and the webhook.
    async createSetupIntent(input): Promise<CreatedSetup> {
      const earlier = setups.get(input.idempotencyKey);
      if (earlier) return earlier;
      const ref = id('test_seti');
      const created = { ref, clientSecret: `${ref}_secret_${randomBytes(8).toString('hex')}`, customerRef: input.customer.ref ?? id('test_cus') };
      setups.set(input.idempotencyKey, created);
      return created;
    },
    async chargeOffSession(input): Promise<ChargeResult> {
      const outcome = options.offSession?.(input) ?? 'succeed';
      const ref = id('test_pi');
      return outcome === 'succeed' ? { status: 'succeeded', ref } : { status: 'failed', ref, reason: 'Your card was declined. (test)' };
    },
  };
}
