import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingParams } from '../../../schema/api/embed-bookings.ts';
import { RefundQuoteOut, RefundQuoteQuery, StaffRefundBody, StaffRefundOut } from '../../../schema/api/admin-refunds.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { bookingById, bookingForStaff } from '../../modules/bookings/index.ts';
import { refundOutsideCancellation, staffRefundQuote } from '../../modules/billing/index.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

const MODES = '`full`: everything paid and not yet refunded; `partial` with `amount` (minor units); `quote` with `session_ids`: '
  + 'each session\'s share of the price (total / sessions) less what already went back for it.';

/**
 * Refunds outside a cancellation, owners and managers only (instructors 403): the quote first
 * (GET …/refunds/quote), then the refund (POST …/refunds) through the settlement's money road.
 */
export function adminBookingRefundsRoute(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .get('/bookings/:id/refunds/quote',
      describeRoute({ tags: ['admin'], summary: 'What a refund outside a cancellation would give back',
        description: `${MODES} The answer says what was paid, refunded and is refundable, and the amount, line by line for \`quote\`; `
          + 'pass its `quote_id` (valid 10 minutes) to the refund. More than is refundable: 422 `refund_exceeds_refundable` with the field to blame. Owners and managers; instructors 403.',
        security: [{ secretKey: [] }],
        responses: { 200: { description: 'The quote', content: { 'application/json': { schema: resolver(RefundQuoteOut) } } }, ...problemResponses(400, 401, 403, 404, 422) } }),
      validate('param', BookingParams),
      validate('query', RefundQuoteQuery),
      async (c) => {
        const staff = c.get('staff');
        if (staff.role === 'instructor') throw new AppError('forbidden', 'Owners and managers give refunds.');
        const { id } = c.req.valid('param');
        const q = c.req.valid('query');
        const quote = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, async (tx) => {
          const booking = await bookingById(tx, staff.orgId, id);
          if (!booking) throw new AppError('not_found', 'No such booking.');
          return staffRefundQuote(tx, staff.orgId, booking, { mode: q.mode, amount: q.amount, sessionIds: q.session_ids, now: deps.now(), secret: deps.config.secret });
        });
        return c.json(quote satisfies RefundQuoteOut);
      })
    .post('/bookings/:id/refunds',
      describeRoute({ tags: ['admin'], summary: 'Refund money outside a cancellation (the booking goes on)',
        description: `${MODES} With a \`reason\`. Card and TWINT refunds go to the provider after commit, keyed by the refund row; bank refunds wait as `
          + '`pending_transfer` until staff record the outgoing transfer. A credit note reverses the refunded part of the invoice. Never more than was paid and not yet '
          + 'refunded: 422 `refund_exceeds_refundable` with per-field `errors`. With `quote_id`: 409 `quote_changed` when its figures no longer hold. '
          + 'Owners and managers; instructors 403. Needs an `Idempotency-Key`: a replay refunds nothing more.',
        security: [{ secretKey: [] }], parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 201: { description: 'The refund', content: { 'application/json': { schema: resolver(StaffRefundOut) } } }, ...problemResponses(400, 401, 403, 404, 409, 422) } }),
      idempotencyKeyRequired(),
      validate('param', BookingParams),
      validate('json', StaffRefundBody),
      async (c) => {
        const staff = c.get('staff');
        if (staff.role === 'instructor') throw new AppError('forbidden', 'Owners and managers give refunds.');
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { path: `bookings/${id}/refunds`, body },
          (tx) => bookingForStaff(tx, staff.orgId, id),
          async (tx, booking, now) => {
            const done = await refundOutsideCancellation(tx, {
              orgId: staff.orgId, booking, mode: body.mode, amount: body.amount, sessionIds: body.session_ids, reason: body.reason,
              staffId: staff.staffId, quoteId: body.quote_id, now, config: deps.config,
            });
            return { status: 201, body: done satisfies StaffRefundOut };
          });
      });
}
