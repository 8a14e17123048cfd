import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingParams, PayBalanceOut } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { payOpenBalance } from '../../modules/billing/index.ts';
import { portalAction } from './portal-action.ts';
import { portalBookingDetail } from './get-booking.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

export function payBalanceRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().post('/bookings/:id/pay-balance',
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
