import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingOut, BookingParams } from '../../../schema/api/embed-bookings.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { staffAction } from './staff-action.ts';
import { bookingForStaff, cancelBooking } from '../../modules/bookings/index.ts';
import { bookingOut } from '../../modules/bookings/index.ts';
import { problemResponses } from '../openapi-shared.ts';

export function adminCancelBookingRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/bookings/:id/cancel',
    describeRoute({
      tags: ['admin'], summary: 'Cancel a booking (staff)',
      description: 'Cancels the booking and its scheduled sessions and frees their time. The customer is mailed; when the booking was '
        + 'confirmed, with a calendar file (METHOD:CANCEL) removing the sessions still ahead. Money already paid stays recorded: refunds are '
        + 'separate. Cancelling a cancelled booking answers it unchanged; a completed one is 409. An instructor\'s key reaches only their own '
        + 'bookings (404 otherwise). Needs an `Idempotency-Key`; no body.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'The cancelled booking', content: { 'application/json': { schema: resolver(BookingOut) } } },
        ...problemResponses(400, 401, 404, 409, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', BookingParams),
    async (c) => {
      const { orgId } = c.get('staff');
      const { id } = c.req.valid('param');
      return staffAction(c, deps, { path: `bookings/${id}/cancel`, body: {} },
        (tx) => bookingForStaff(tx, orgId, id),
        async (tx, booking, now) => {
          await cancelBooking(tx, { orgId, booking, now, config: deps.config, by: 'staff' });
          return { status: 200, body: (await bookingOut(tx, orgId, id))! };
        });
    });
}
