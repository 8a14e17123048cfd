import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingOut, SessionParams, SlotProblem } from '../../../schema/api/embed-bookings.ts';
import { AdminRescheduleBody } from '../../../schema/api/admin-bookings.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { staffAction } from './staff-action.ts';
import { bookingForStaff, rescheduleSession } from '../../modules/bookings/index.ts';
import { bookingOut } from './bookings.out.ts';
import { problemResponses } from '../openapi-shared.ts';

export function adminRescheduleSessionRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/bookings/:id/sessions/:sessionId/reschedule',
    describeRoute({
      tags: ['admin'], summary: 'Move one session of a booking (staff)',
      description: 'Like the customer\'s reschedule, by the same policy: inside the program\'s `reschedule_notice_hours` (default: its '
        + 'free-cancellation hours) 409 `policy_window_closed` with `deadline`, past `max_reschedules_per_session` 409 `reschedule_limit_reached`; '
        + '`override` lifts both and places the session outside the instructor\'s hours, notice and horizon, never onto busy time. An instructor\'s key reaches only their own bookings (404 otherwise). '
        + 'A confirmed booking\'s customer is mailed the new time with a calendar update (SEQUENCE raised). Needs an `Idempotency-Key`.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'The booking with the moved session', content: { 'application/json': { schema: resolver(BookingOut) } } },
        409: { description: 'slot_taken / slot_unavailable (with conflicts), policy_window_closed, reschedule_limit_reached, invalid_state', content: { 'application/problem+json': { schema: resolver(SlotProblem) } } },
        ...problemResponses(400, 401, 404, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', SessionParams),
    validate('json', AdminRescheduleBody),
    async (c) => {
      const { orgId } = c.get('staff');
      const { id, sessionId } = c.req.valid('param');
      const body = c.req.valid('json');
      return staffAction(c, deps, { path: `bookings/${id}/sessions/${sessionId}/reschedule`, body },
        (tx) => bookingForStaff(tx, orgId, id),
        async (tx, booking, now) => ({
          status: 200,
          body: bookingOut(await rescheduleSession(tx, { orgId, booking, sessionId, startsAt: body.starts_at, now, config: deps.config, by: { kind: 'staff', override: body.override } })),
        }));
    });
}
