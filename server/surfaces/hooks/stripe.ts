import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { handlePaymentEvent } from '../../modules/billing/index.ts';
import type { PaymentEvent } from '../../platform/adapters/payments/provider.ts';
import type { StripePaymentProvider } from '../../platform/adapters/payments/stripe-provider.ts';

/**
 * Stripe's webhook. The signature is checked on the raw body with the webhook secret before
 * anything else is read; a bad one is 400 `invalid_signature` and changes nothing.
 * `payment_intent.succeeded` confirms the booking (once, however often or late it comes);
 * `payment_intent.payment_failed` records why and leaves the booking reserved. Other events
 * are acknowledged and ignored. A database failure answers 500, so Stripe retries.
 */
export function stripeHookRoute(deps: AppDeps) {
  return new Hono().post('/v1/hooks/stripe',
    describeRoute({
      tags: ['hooks'], summary: 'Stripe webhook (payment_intent.succeeded / payment_intent.payment_failed)',
      description: 'Verified with `Stripe-Signature` and STRIPE_WEBHOOK_SECRET. Idempotent: repeated and out-of-order events confirm a booking exactly once.',
      responses: { 200: { description: 'Received' }, 400: { description: 'invalid_signature' }, 404: { description: 'Stripe is not configured (test processor active)' } },
    }),
    async (c) => {
      const payments = deps.payments;
      if (payments.kind !== 'stripe') throw new AppError('not_found', 'Stripe is not configured.');
      const signature = c.req.header('Stripe-Signature');
      if (!signature) throw new AppError('invalid_signature', 'The Stripe-Signature header is missing.');
      const raw = await c.req.text();
      let event: PaymentEvent | null;
      try {
        event = (payments as StripePaymentProvider).parseWebhook(raw, signature, deps.now());
      } catch {
        throw new AppError('invalid_signature', 'The Stripe-Signature does not match this body (or is too old).');
      }
      if (!event) return c.json({ received: true, handled: false });
      const { outcome } = await handlePaymentEvent(deps, event);
      return c.json({ received: true, handled: true, outcome });
    });
}
