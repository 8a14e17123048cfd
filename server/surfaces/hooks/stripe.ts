import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { handlePaymentEvent, handleRefundAtProvider } from '../../modules/billing/index.ts';
import type { PaymentEvent } from '../../platform/adapters/payments/provider.ts';
import type { AccountUpdated, ChargeRefunded, StripePaymentProvider } from '../../platform/adapters/payments/stripe-provider.ts';
import { applyAccountUpdated } from '../../modules/settings/index.ts';

/**
 * Stripe's webhook. The signature is checked on the raw body with the webhook secret before
 * anything else is read; a bad one is 400 `invalid_signature` and changes nothing.
 * `payment_intent.succeeded` confirms the booking (once, however often or late it comes);
 * `payment_intent.payment_failed` records why and leaves the booking reserved. `refund.updated`
 * (and `refund.created`, `charge.refund.updated`) settles one pending refund row; `charge.refunded`
 * reads the charge's refunds from Stripe and settles each of ours the same way, so whichever of
 * them comes first, and however often, a refund row moves once; a refund made in Stripe's dashboard
 * (none of ours) is recorded once, with a credit note (`handleRefundAtProvider`). `account.updated` records
 * where a studio's connected account is with Stripe (its onboarding; charges enabled). Other events
 * are acknowledged and ignored. A database failure answers 500 (503 when unreachable), so Stripe retries.
 * Events signed more than the tolerance in the future are refused like stale ones (the library
 * only checks age); a correctly signed body that is not an event with `data.object` is 400
 * `invalid_event` (Stripe shows it in the dashboard; no retry will fix it).
 */
export function stripeHookRoute(deps: AppDeps) {
  return new Hono().post('/v1/hooks/stripe',
    describeRoute({
      tags: ['hooks'], summary: 'Stripe webhook (payment_intent.succeeded / payment_intent.payment_failed / setup_intent.succeeded / refund.updated / charge.refunded / account.updated)',
      description: 'Verified with `Stripe-Signature` and STRIPE_WEBHOOK_SECRET. Idempotent: repeated and out-of-order events confirm a booking, and settle a refund, exactly once.',
      responses: { 200: { description: 'Received' }, 400: { description: 'invalid_signature or invalid_event' }, 404: { description: 'Stripe is not configured (test processor active)' } },
    }),
    async (c) => {
      const payments = deps.payments;
      if (payments.kind !== 'stripe') throw new AppError('not_found', 'Stripe is not configured.');
      const signature = c.req.header('Stripe-Signature');
      if (!signature) throw new AppError('invalid_signature', 'The Stripe-Signature header is missing.');
      const raw = await c.req.text();
      const now = deps.now();
      const signedAt = signatureTimestamp(signature);
      if (signedAt !== undefined && signedAt > now.getTime() / 1000 + SIGNATURE_TOLERANCE_S) {
        throw new AppError('invalid_signature', 'The Stripe-Signature is dated in the future.');
      }
      let event: PaymentEvent | ChargeRefunded | AccountUpdated | null;
      try {
        event = (payments as StripePaymentProvider).parseWebhook(raw, signature, now);
      } catch (error) {
        if (isSignatureError(error)) throw new AppError('invalid_signature', 'The Stripe-Signature does not match this body (or is too old).');
        // The signature held, so the body is Stripe's; it is just not an event we can read.
        throw new AppError('invalid_event', 'A signed body that is not an event with data.object.');
      }
      if (!event) {
        if (!hasDataObject(raw)) throw new AppError('invalid_event', 'A signed body that is not an event with data.object.');
        return c.json({ received: true, handled: false });
      }
      if (event.kind === 'account_updated') {
        // A studio's connected account (its metadata names the studio): what onboarding reached.
        if (!event.orgId || !UUID.test(event.orgId)) return c.json({ received: true, handled: false });
        const outcome = await applyAccountUpdated(deps.db, { ...event, orgId: event.orgId }, { now, config: deps.config });
        return c.json({ received: true, handled: true, outcome });
      }
      if (event.kind === 'charge_refunded') {
        // Stripe unreachable: 502, and Stripe delivers the event again later.
        const refunds = await (payments as StripePaymentProvider).refundEventsOfCharge(event);
        if (!refunds.length) return c.json({ received: true, handled: false });
        const outcomes: string[] = [];
        for (const refund of refunds) {
          outcomes.push((refund.kind === 'refunded_at_provider' ? await handleRefundAtProvider(deps, refund) : await handlePaymentEvent(deps, refund)).outcome);
        }
        const outcome = outcomes.includes('recorded') ? 'recorded' : outcomes.includes('duplicate') ? 'duplicate' : 'unknown';
        return c.json({ received: true, handled: true, outcome });
      }
      const { outcome } = await handlePaymentEvent(deps, event);
      return c.json({ received: true, handled: true, outcome });
    });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The library's default tolerance, which parseWebhook uses for events that are too old. */
const SIGNATURE_TOLERANCE_S = 300;

/** `t=` of a `Stripe-Signature: t=…,v1=…` header, in seconds. */
function signatureTimestamp(header: string): number | undefined {
  const t = /(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(header)?.[1];
  return t === undefined ? undefined : Number(t);
}

function isSignatureError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'StripeSignatureVerificationError';
}

function hasDataObject(raw: string): boolean {
  try {
    const object = (JSON.parse(raw) as { data?: { object?: unknown } } | null)?.data?.object;
    return typeof object === 'object' && object !== null && !Array.isArray(object);
  } catch {
    return false;
  }
}
