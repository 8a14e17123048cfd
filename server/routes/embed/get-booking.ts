import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingOut, BookingParams } from '../../../schema/api/embed-bookings.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { withTenant } from '../../db/tenant.ts';
import { validate } from '../../http/validate.ts';
import { readBookingWithToken } from '../../services/booking/bookings.mutations.ts';
import { clientTokenOf } from '../../services/booking/tokens.ts';
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
      const booking = await withTenant(deps.db, { orgId, role: 'anonymous' }, (tx) => readBookingWithToken(tx, orgId, id, token, deps.now()));
      return c.json(booking);
    });
}
