import type { PaymentProvider } from './provider.ts';
import { stripeProvider } from './stripe-provider.ts';
import { testProvider } from './test-provider.ts';

/**
 * Stripe when `STRIPE_SECRET_KEY` is set (then `STRIPE_WEBHOOK_SECRET` too; `STRIPE_PUBLISHABLE_KEY`
 * for the widget), else the built-in test processor — which refuses to exist in production.
 */
export function paymentsFromEnv(env: NodeJS.ProcessEnv = process.env): PaymentProvider {
  if (env.STRIPE_SECRET_KEY) {
    if (!env.STRIPE_WEBHOOK_SECRET) throw new Error('STRIPE_WEBHOOK_SECRET must be set with STRIPE_SECRET_KEY: payments are confirmed by the verified webhook only.');
    return stripeProvider({ secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, publishableKey: env.STRIPE_PUBLISHABLE_KEY || null });
  }
  if (env.NODE_ENV === 'production') {
    throw new Error('STRIPE_SECRET_KEY must be set in production: the built-in test payment processor never runs there.');
  }
  return testProvider();
}
