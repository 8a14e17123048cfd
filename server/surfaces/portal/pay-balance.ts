import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BalancePaymentOut, BookingParams, PayBalanceOut } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyOf, idempotencyKeyRequired, runIdempotent, sendAnswer, type IdempotentAnswer } from '../../platform/http/idempotency.ts';
import { bookingForCustomer, slotRaceLost } from '../../modules/bookings/index.ts';
import { balanceIntentInput, payOpenBalance, recordBalanceIntent, startBalancePayment, type BalanceCharge } from '../../modules/billing/index.ts';
import { callProviderForCustomer, customerCaller, portalAction } from './portal-action.ts';
import { portalBookingDetail } from './get-booking.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

const money = (charge: BalanceCharge) => {
  const m = (amount: number) => ({ amount, currency: charge.currency });
  return { amount: m(charge.amount), installments: charge.installments.map((i) => ({ seq: i.seq, amount: m(i.amount) })), other: m(charge.other), in_flight: m(charge.in_flight) };
};

export function payBalanceRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().post('/bookings/:id/pay-balance/payment',
    describeRoute({
      tags: ['portal'], summary: 'Pay the open balance now, once, in the Payment Element',
      description: 'A one-off payment of what is still owed (the open installments and a fee left owed), with or without a saved card: answers '
        + '`payment.client_secret` of a PaymentIntent on the studio\'s Connect account for Stripe\'s Payment Element (`confirmPayment` in the browser). '
        + 'The installments it covers are not charged off-session for an hour meanwhile. The money is recorded, and the installments marked paid, '
        + 'only on Stripe\'s verified `payment_intent.succeeded`, once. A plan without a saved card keeps this card for its later installments. '
        + 'Asking again while this payment is open answers the same PaymentIntent (and the saved-card path answers 409 meanwhile). 409 `invalid_state` '
        + 'when nothing is owed; 422 `payment_method_unavailable` with the test processor (no one-off payment without Stripe). Needs an `Idempotency-Key`.',
      security: portalSecurity,
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'What the Payment Element needs, and what is paid', content: { 'application/json': { schema: resolver(BalancePaymentOut) } } },
        ...problemResponses(400, 401, 404, 409, 422),
        502: { description: 'payment_provider_error' },
      },
    }),
    idempotencyKeyRequired(),
    validate('param', BookingParams),
    async (c) => {
      const { id } = c.req.valid('param');
      const caller = c.get('portal');
      const now = deps.now();
      // The recorded answer holds the payment's id, never the intent's secret: a replay asks the provider again, keyed by that payment.
      const answer = await runIdempotent(deps.db, customerCaller(caller),
        { key: idempotencyKeyOf(c), scope: `POST /v1/portal/bookings/${id}/pay-balance/payment`, body: {}, now, raceLost: slotRaceLost },
        (tx) => bookingForCustomer(tx, caller.orgId, id, caller.bookingId),
        async (tx, booking) => {
          const started = await startBalancePayment(tx, { now, config: deps.config, provider: deps.payments.kind }, caller.orgId, booking);
          return { status: 200, body: { payment_id: started.paymentId, charge: money(started.charge) } };
        });
      return sendAnswer(c, await attachBalanceIntent(c, deps, id, answer));
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
        const m = (amount: number) => ({ amount, currency: charge.currency });
        const body: PayBalanceOut = {
          charge: { amount: m(charge.amount), installments: charge.installments.map((i) => ({ seq: i.seq, amount: m(i.amount) })), other: m(charge.other), in_flight: m(charge.in_flight) },
          booking: await portalBookingDetail(tx, deps, caller, id, now),
        };
        return { status: 202, body };
      });
    });
}

/** After the request committed: the provider's PaymentIntent for the open-balance payment, keyed by its row (the same one on a replay). */
async function attachBalanceIntent(c: Context<PortalEnv>, deps: AppDeps, id: string, answer: IdempotentAnswer): Promise<IdempotentAnswer> {
  const body = answer.body as { payment_id?: string; charge: BalancePaymentOut['charge'] };
  if (answer.status !== 200 || !body.payment_id) return answer;
  const paymentId = body.payment_id;
  const caller = c.get('portal');
  const { pending, result: intent } = await callProviderForCustomer(c, deps, id, {
    read: (tx, booking) => balanceIntentInput(tx, caller.orgId, booking, paymentId),
    call: (p) => deps.payments.createIntent(p.input),
    record: (tx, _p, created) => recordBalanceIntent(tx, caller.orgId, paymentId, created),
  });
  const out: BalancePaymentOut = {
    payment: {
      provider: deps.payments.kind, client_secret: intent.clientSecret, publishable_key: deps.payments.publishableKey,
      stripe_account: deps.payments.kind === 'stripe' ? pending.stripeAccount : null, test_mode: deps.payments.testMode,
    },
    charge: body.charge,
  };
  return { ...answer, body: out };
}
