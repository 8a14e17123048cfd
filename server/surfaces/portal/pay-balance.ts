import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BalancePaymentOut, BookingParams, PayBalanceOut } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { balanceIntentInput, payOpenBalance, recordBalanceIntent, startBalancePayment, type BalanceCharge } from '../../modules/billing/index.ts';
import { portalAction } from './portal-action.ts';
import { paymentRouteDoc } from './payment-routes.ts';
import { portalBookingDetail } from './get-booking.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

const money = (charge: BalanceCharge) => {
  const m = (amount: number) => ({ amount, currency: charge.currency });
  return { amount: m(charge.amount), installments: charge.installments.map((i) => ({ seq: i.seq, amount: m(i.amount) })), other: m(charge.other), in_flight: m(charge.in_flight) };
};

export function payBalanceRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().post('/bookings/:id/pay-balance/payment',
    paymentRouteDoc({
      summary: 'Pay the open balance now, once, in the Payment Element',
      description: 'A one-off payment of what is still owed (the open installments and a fee left owed), with or without a saved card: answers '
        + '`payment.client_secret` of a PaymentIntent on the studio\'s Connect account for Stripe\'s Payment Element (`confirmPayment` in the browser). '
        + 'The installments it covers are not charged off-session for an hour meanwhile. The money is recorded, and the installments marked paid, '
        + 'only on Stripe\'s verified `payment_intent.succeeded`, once. A plan without a saved card keeps this card for its later installments. '
        + 'Asking again while this payment is open answers the same PaymentIntent (and the saved-card path answers 409 meanwhile). 409 `invalid_state` '
        + 'when nothing is owed; 422 `payment_method_unavailable` with the test processor (no one-off payment without Stripe). Needs an `Idempotency-Key`.',
      answered: 'What the Payment Element needs, and what is paid', schema: BalancePaymentOut,
    }),
    idempotencyKeyRequired(),
    validate('param', BookingParams),
    async (c) => {
      const { id } = c.req.valid('param');
      const caller = c.get('portal');
      // The recorded answer holds the payment's id, never the intent's secret: a replay asks the provider again, keyed by that payment.
      return portalAction(c, deps, { id, path: 'pay-balance/payment', body: {} },
        async (tx, booking, now) => {
          const started = await startBalancePayment(tx, { now, config: deps.config, provider: deps.payments.kind }, caller.orgId, booking);
          return { status: 200, body: { payment_id: started.paymentId, charge: money(started.charge) } };
        },
        {
          payment: {
            rowOf: (body: { payment_id?: string; charge: BalancePaymentOut['charge'] }) => body.payment_id,
            read: (tx, booking, paymentId) => balanceIntentInput(tx, caller.orgId, booking, paymentId),
            call: (p) => deps.payments.createIntent(p.input),
            record: (tx, _p, created, paymentId) => recordBalanceIntent(tx, caller.orgId, paymentId, created),
            answer: (body, payment): BalancePaymentOut => ({ payment, charge: body.charge }),
          },
        });
    })
    .post('/bookings/:id/pay-balance',
    describeRoute({
      tags: ['portal'], summary: 'Pay the open balance now, with the saved card',
      description: 'Charges what is still owed on the booking to the card saved for its plan ("update card" replaces it): the open '
        + 'installments (scheduled, failed, overdue) are made due now and a fee left owed is charged as one payment. The charges run after '
        + 'this answer, by the same jobs that charge installments on their dates, each keyed at the provider by its payment row: an '
        + 'installment is charged once however often this is asked, and one being charged already is not charged again (`in_flight`). '
        + '409 `invalid_state` when nothing is owed; 422 `payment_method_unavailable` without a saved card. Needs an `Idempotency-Key`. '
        + 'Answers 202 with what is being charged and the booking.',
      security: portalSecurity,
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        202: { description: 'What is being charged, and the booking', content: { 'application/json': { schema: resolver(PayBalanceOut) } } },
        ...problemResponses(400, 401, 404, 409, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', BookingParams),
    async (c) => {
      const { id } = c.req.valid('param');
      const caller = c.get('portal');
      return portalAction(c, deps, { id, path: 'pay-balance', body: {} }, async (tx, booking, now) => {
        const charge = await payOpenBalance(tx, { now, config: deps.config, provider: deps.payments.kind }, caller.orgId, booking);
        const body: PayBalanceOut = {
          charge: money(charge),
          booking: await portalBookingDetail(tx, deps, caller, id, now),
        };
        return { status: 202, body };
      });
    });
}

