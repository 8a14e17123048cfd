import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingParams } from '../../../schema/api/embed-bookings.ts';
import { CreditAdjustBody, CreditAdjustOut } from '../../../schema/api/admin-progress.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { bookingForStaff } from '../../modules/bookings/index.ts';
import { adjustCredits } from '../../modules/billing/index.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

/**
 * POST /v1/admin/bookings/:id/credits: owners and managers grant (`delta` > 0) or deduct (< 0) class
 * credits of the booking's customer with a reason: one entry in the append-only ledger, naming the
 * booking. Instructors 403. A deduction below zero is 422 `insufficient_credits` and writes nothing.
 */
export function adminBookingCreditsRoute(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .post('/bookings/:id/credits',
      describeRoute({ tags: ['admin'], summary: 'Grant or deduct class credits of the booking\'s customer',
        description: '`delta`: whole credits, positive to grant, negative to deduct (±1000 at most, not 0); `reason`: shown in the customer\'s ledger. Owners and managers; instructors 403. '
          + 'A balance that would go below zero: 422 `insufficient_credits`. Needs an `Idempotency-Key`: a replay writes no second entry.',
        security: [{ secretKey: [] }], parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 201: { description: 'The entry and the new balance', content: { 'application/json': { schema: resolver(CreditAdjustOut) } } }, ...problemResponses(400, 401, 403, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('param', BookingParams),
      validate('json', CreditAdjustBody),
      async (c) => {
        const staff = c.get('staff');
        if (staff.role === 'instructor') throw new AppError('forbidden', 'Owners and managers grant and deduct credits.');
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { path: `bookings/${id}/credits`, body },
          (tx) => bookingForStaff(tx, staff.orgId, id),
          async (tx, booking, now) => {
            const entry = await adjustCredits(tx, { now, config: deps.config }, { orgId: staff.orgId, customerId: booking.customerId, bookingId: booking.id, delta: body.delta, reason: body.reason, staffId: staff.staffId });
            return { status: 201, body: {
              customer_id: booking.customerId, balance: entry.balanceAfter,
              entry: { id: entry.id, delta: entry.delta, balance_after: entry.balanceAfter, reason: entry.reason, created_at: entry.createdAt.toISOString() },
            } satisfies CreditAdjustOut };
          });
      });
}
