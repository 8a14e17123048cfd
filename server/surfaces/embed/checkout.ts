import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { CheckoutBody, CheckoutResponse } from '../../../schema/api/checkout.ts';
import { BookingParams } from '../../../schema/api/embed-bookings.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { answeredBefore, idempotencyKeyOf, idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { bookingAction } from './booking-action.ts';
import { checkoutOut } from './checkout.out.ts';
import { checkout, openIntentsOf, pendingIntentOf, recordIntent } from '../../modules/billing/index.ts';
import { bookingForToken, clientTokenOf } from '../../modules/bookings/index.ts';
import { identityTokenOf, provenCustomer } from '../../modules/identity/index.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { ProviderError } from '../../platform/adapters/payments/provider.ts';
import type { IdempotentAnswer } from '../../platform/http/idempotency.ts';
import { problemResponses } from '../openapi-shared.ts';
import { requestMarketingConsent } from '../../modules/marketing/index.ts';
import { clientAddress } from '../../platform/http/rate-limit.ts';

export function checkoutRoute(deps: AppDeps) {
  return new Hono<AppEnv>().post('/bookings/:id/checkout',
    describeRoute({
      tags: ['embed'], summary: 'Check out a reserved booking: order, VAT, discount, and the payment of the chosen method',
      description: 'Creates the order (one line per session or one package line, per the variant) and: for `card` / `twint` a payment intent '
        + '(`payment.client_secret` for Stripe\'s Payment Element, or the test processor when Stripe is not configured — then `payment.provider` is `test`); '
        + 'for `qr_bill` a numbered invoice with a Swiss QR-bill (`invoice.pdf_url`) and a 5-day hold; for `credits` the debit, and the booking is confirmed at once (with `Tandem-Identity` only: see below). '
        + 'Card and TWINT bookings are confirmed by the provider\'s verified webhook, never by this answer. `plan: deposit` (card only) pays the variant\'s deposit now '
        + 'and schedules its installments. Checking out again replaces the earlier unpaid order. Needs `Tandem-Booking-Token` and an `Idempotency-Key`. '
        + 'Paying with `credits`, a coupon that counts uses per customer and a referral code need `Tandem-Identity` (the token of POST /v1/embed/identity/verify for the booking\'s address): '
        + 'without it 403 `identity_required`, the same answer for every address. `marketing_opt_in: true` (an unticked box) records a pending marketing '
        + 'consent with the words of GET /v1/embed/marketing-consent and mails the customer a link to confirm it; the booking does not depend on it.',
      security: [{ publishableKey: [] }],
      parameters: [
        { name: 'Tandem-Booking-Token', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'Tandem-Identity', in: 'header', required: false, schema: { type: 'string' } },
      ],
      responses: {
        200: { description: 'The order and what the widget needs to collect the payment', content: { 'application/json': { schema: resolver(CheckoutResponse) } } },
        ...problemResponses(400, 401, 403, 404, 409, 422),
        502: { description: 'payment_provider_error' },
      },
    }),
    idempotencyKeyRequired(),
    validate('param', BookingParams),
    validate('json', CheckoutBody),
    async (c) => {
      const { orgId } = c.get('embed');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const scope = `POST /v1/embed/bookings/${id}/checkout`;
      const token = clientTokenOf(c.req.header('Tandem-Booking-Token'));
      const caller = { orgId, role: 'anonymous' as const };
      if (!(await answeredBefore(deps.db, caller, { key: idempotencyKeyOf(c), scope }))) await cancelOpenIntents(deps, orgId, id, token);
      return bookingAction(c, deps, { id, path: 'checkout', body },
        async (tx, booking, now) => {
          const proof = await provenCustomer(tx, orgId, identityTokenOf(c.req.header('Tandem-Identity')), now);
          const result = await checkout(tx, { now, config: deps.config, payments: deps.payments }, orgId, booking, body, proof);
          // Separate from the booking: a pending consent and the mail that asks to confirm it.
          if (body.marketing_opt_in) {
            await requestMarketingConsent(tx, { now, config: deps.config }, { orgId, customerId: booking.customerId, source: 'checkout', address: clientAddress(c, deps.config.limits?.trustProxy ?? 0) });
          }
          return { status: 200, body: checkoutOut(result) };
        },
        (answer) => attachIntent(deps, orgId, answer));
    });
}

/** Provider calls raise 502 payment_provider_error; anything else is unexpected. */
async function provider<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ProviderError) throw new AppError('payment_provider_error', error.message);
    throw error;
  }
}

/**
 * Before a new checkout's transaction: the earlier checkout's open intents are cancelled at the
 * provider (no row is locked while it answers). One that was paid meanwhile refuses the new checkout.
 */
export async function cancelOpenIntents(deps: AppDeps, orgId: string, bookingId: string, token: string | undefined): Promise<void> {
  const open = await withCaller(deps.db, { orgId, role: 'anonymous' }, async (tx) => openIntentsOf(tx, orgId, await bookingForToken(tx, orgId, bookingId, token), deps.payments.kind));
  for (const intent of open) {
    const state = await provider(() => deps.payments.cancelIntent(intent.ref, intent.account));
    if (state !== 'cancelled') throw new AppError('invalid_state', 'A payment for this booking has just gone through; it is being confirmed.');
  }
}

/**
 * After the checkout committed: a card or TWINT payment gets its intent, keyed by the payment's
 * id. A replay of the request goes the same way and the provider answers with the same intent,
 * so there is never a second one, and a rolled-back checkout never made one.
 */
async function attachIntent(deps: AppDeps, orgId: string, answer: IdempotentAnswer): Promise<IdempotentAnswer> {
  const body = answer.body as CheckoutResponse;
  if (answer.status !== 200 || !body.payment || body.payment.client_secret) return answer;
  const caller = { orgId, role: 'anonymous' as const };
  const pending = await withCaller(deps.db, caller, (tx) => pendingIntentOf(tx, orgId, body.order.id));
  if (!pending) throw new AppError('invalid_state', 'This checkout has been replaced by a newer one or is paid already.');
  const intent = await provider(() => deps.payments.createIntent(pending.input));
  await withCaller(deps.db, caller, (tx) => recordIntent(tx, orgId, pending, intent));
  return { ...answer, body: { ...body, payment: { ...body.payment, client_secret: intent.clientSecret } } };
}
