import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { AddSessionsBody, BookingOut, BookingParams, SlotProblem } from '../../../schema/api/embed-bookings.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { bookingAction } from './booking-action.ts';
import { addSessions } from '../../modules/bookings/index.ts';
import { bookingOut } from './bookings.out.ts';
import { problemResponses } from '../openapi-shared.ts';

export function addSessionsRoute(deps: AppDeps) {
  return new Hono<AppEnv>().post('/bookings/:id/sessions',
    describeRoute({
      tags: ['embed'], summary: 'Schedule the next sessions of a booking',
      description: 'Places the booking\'s next unscheduled sessions (by order) at `starts`, checked like a new booking, with the booking\'s instructor. '
        + 'Needs `Tandem-Booking-Token` and an `Idempotency-Key`. A reserved booking whose hold has expired answers 409 `hold_expired`.',
      security: [{ publishableKey: [] }],
      parameters: [
        { name: 'Tandem-Booking-Token', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } },
      ],
      responses: {
        200: { description: 'The booking with its new sessions', content: { 'application/json': { schema: resolver(BookingOut) } } },
        409: { description: 'slot_taken / slot_unavailable (with conflicts), hold_expired, invalid_state', content: { 'application/problem+json': { schema: resolver(SlotProblem) } } },
        ...problemResponses(400, 401, 403, 404, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', BookingParams),
    validate('json', AddSessionsBody),
    async (c) => {
      const { orgId } = c.get('embed');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      return bookingAction(c, deps, { id, path: 'sessions', body },
        async (tx, booking, now) => ({ status: 200, body: bookingOut(await addSessions(tx, { orgId, booking, starts: body.starts, now, config: deps.config })) }));
    });
}
