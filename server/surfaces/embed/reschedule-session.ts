import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingOut, RescheduleBody, SessionParams, SlotProblem } from '../../../schema/api/embed-bookings.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { bookingAction } from './booking-action.ts';
import { rescheduleSession } from '../../modules/bookings/index.ts';
import { bookingOut } from './bookings.out.ts';
import { problemResponses } from '../openapi-shared.ts';

export function rescheduleSessionRoute(deps: AppDeps) {
  return new Hono<AppEnv>().post('/bookings/:id/sessions/:sessionId/reschedule',
    describeRoute({
      tags: ['embed'], summary: 'Move one session of a booking',
      description: 'Moves the session to `starts_at`, checked like a new booking; the old time is free once this answers, and the session\'s '
        + '`revision` rises. Allowed up to the program\'s `reschedule_notice_hours` before the session (default: its free-cancellation hours; '
        + 'later 409 `policy_window_closed` with `deadline`) and at most `max_reschedules_per_session` times per session (then 409 '
        + '`reschedule_limit_reached` with `limit`). '
        + 'Needs `Tandem-Booking-Token` and an `Idempotency-Key`.',
      security: [{ publishableKey: [] }],
      parameters: [
        { name: 'Tandem-Booking-Token', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } },
      ],
      responses: {
        200: { description: 'The booking with the moved session', content: { 'application/json': { schema: resolver(BookingOut) } } },
        409: { description: 'slot_taken / slot_unavailable (with conflicts), policy_window_closed (with deadline), reschedule_limit_reached (with limit), hold_expired, invalid_state', content: { 'application/problem+json': { schema: resolver(SlotProblem) } } },
        ...problemResponses(400, 401, 403, 404, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', SessionParams),
    validate('json', RescheduleBody),
    async (c) => {
      const { orgId } = c.get('embed');
      const { id, sessionId } = c.req.valid('param');
      const body = c.req.valid('json');
      return bookingAction(c, deps, { id, path: `sessions/${sessionId}/reschedule`, body },
        async (tx, booking, now) => ({ status: 200, body: bookingOut(await rescheduleSession(tx, { orgId, booking, sessionId, startsAt: body.starts_at, now, config: deps.config, by: { kind: 'customer' } })) }));
    });
}
