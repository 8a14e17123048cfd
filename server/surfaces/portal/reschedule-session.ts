import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { PortalBookingDetail, PortalSeriesProblem, RescheduleBody, SessionParams } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { rescheduleAsCustomer } from '../../modules/bookings/index.ts';
import { portalAction } from './portal-action.ts';
import { portalBookingDetail } from './get-booking.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

export function rescheduleSessionRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().post('/bookings/:id/sessions/:sessionId/reschedule',
    describeRoute({
      tags: ['portal'], summary: 'Move one session',
      description: 'Moves the session to `starts_at`, checked like a new booking. Allowed up to the program\'s free-cancellation hours before '
        + 'the session; later, 409 `policy_window_closed` with the `deadline` that passed. The customer is mailed the new time with a calendar '
        + 'update. Needs an `Idempotency-Key`. Answers the booking.',
      security: portalSecurity,
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'The booking with the moved session', content: { 'application/json': { schema: resolver(PortalBookingDetail) } } },
        409: { description: 'policy_window_closed (with deadline), slot_taken / slot_unavailable (with conflicts), invalid_state', content: { 'application/problem+json': { schema: resolver(PortalSeriesProblem) } } },
        ...problemResponses(400, 401, 404, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', SessionParams),
    validate('json', RescheduleBody),
    async (c) => {
      const { id, sessionId } = c.req.valid('param');
      const body = c.req.valid('json');
      const caller = c.get('portal');
      return portalAction(c, deps, { id, path: `sessions/${sessionId}/reschedule`, body }, async (tx, booking, now) => {
        await rescheduleAsCustomer(tx, { orgId: caller.orgId, booking, sessionId, startsAt: body.starts_at, now, config: deps.config });
        return { status: 200, body: await portalBookingDetail(tx, deps, caller, id, now) };
      });
    });
}
