import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingOut, BookingParams } from '../../../schema/api/embed-bookings.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { readBookingWithToken } from '../../modules/bookings/index.ts';
import { clientTokenOf } from '../../modules/bookings/index.ts';
import { bookingOut } from './bookings.out.ts';
import { lastPaymentOfBooking } from '../../modules/billing/index.ts';
import { problemResponses } from '../openapi-shared.ts';

export function getBookingRoute(deps: AppDeps) {
  return new Hono<AppEnv>().get('/bookings/:id',
    describeRoute({
      tags: ['embed'], summary: 'A booking, opened by its client token',
      description: 'Send the `client_token` of the creation answer as `Tandem-Booking-Token`. Without it, or with a wrong one: 404.',
      security: [{ publishableKey: [] }],
      parameters: [{ name: 'Tandem-Booking-Token', in: 'header', required: true, schema: { type: 'string' } }],
      responses: { 200: { description: 'The booking', content: { 'application/json': { schema: resolver(BookingOut) } } }, ...problemResponses(400, 401, 403, 404) },
    }),
    validate('param', BookingParams),
    async (c) => {
      const { orgId } = c.get('embed');
      const { id } = c.req.valid('param');
      const token = clientTokenOf(c.req.header('Tandem-Booking-Token'));
      const booking = await withCaller(deps.db, { orgId, role: 'anonymous' }, async (tx) => {
        const out = bookingOut(await readBookingWithToken(tx, orgId, id, token, deps.now()));
        // Read as the booking's customer: what the last payment attempt did, so a widget polling this sees a decline.
        const last = await lastPaymentOfBooking(tx, orgId, out.id);
        return { ...out, last_payment: last ? { status: last.status, failure_reason: last.failureReason } : null };
      });
      return c.json(booking);
    });
}
