import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { CheckoutBody, CheckoutResponse } from '../../../schema/api/checkout.ts';
import { BookingParams } from '../../../schema/api/embed-bookings.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { bookingAction } from './booking-action.ts';
import { checkout } from '../../modules/billing/checkout.mutations.ts';
import { problemResponses } from '../openapi-shared.ts';

export function checkoutRoute(deps: AppDeps) {
  return new Hono<AppEnv>().post('/bookings/:id/checkout',
    describeRoute({
      tags: ['embed'], summary: 'Check out a reserved booking: order, VAT, discount, and the payment of the chosen method',
      description: 'Creates the order (one line per session or one package line, per the variant) and: for `card` / `twint` a payment intent '
        + '(`payment.client_secret` for Stripe\'s Payment Element, or the test processor when Stripe is not configured — then `payment.provider` is `test`); '
        + 'for `qr_bill` a numbered invoice with a Swiss QR-bill (`invoice.pdf_url`) and a 5-day hold; for `credits` the debit, and the booking is confirmed at once. '
        + 'Card and TWINT bookings are confirmed by the provider\'s verified webhook, never by this answer. `plan: deposit` (card only) pays the variant\'s deposit now '
        + 'and schedules its installments. Checking out again replaces the earlier unpaid order. Needs `Tandem-Booking-Token` and an `Idempotency-Key`.',
      security: [{ publishableKey: [] }],
      parameters: [
        { name: 'Tandem-Booking-Token', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } },
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
      return bookingAction(c, deps, { id, path: 'checkout', body },
        async (tx, booking, now) => ({ status: 200, body: await checkout(tx, { now, config: deps.config, payments: deps.payments }, orgId, booking, body) }));
    });
}
