import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { AddSessionsBody, BookingParams, PortalBookingDetail } from '../../../schema/api/portal.ts';
import { SlotProblem } from '../../../schema/api/embed-bookings.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { addSessions } from '../../modules/bookings/index.ts';
import { portalAction } from './portal-action.ts';
import { portalBookingDetail } from './get-booking.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

export function scheduleSessionsRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().post('/bookings/:id/sessions',
    describeRoute({
      tags: ['portal'], summary: 'Schedule the remaining sessions',
      description: 'Places the booking\'s next sessions still to schedule (by order) at `starts`, with the same engine and checks as the widget '
        + '(the instructor\'s hours, notice, horizon, busy time). Needs an `Idempotency-Key`. Answers the booking.',
      security: portalSecurity,
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'The booking with its new sessions', content: { 'application/json': { schema: resolver(PortalBookingDetail) } } },
        409: { description: 'slot_taken / slot_unavailable (with conflicts and alternatives), invalid_state', content: { 'application/problem+json': { schema: resolver(SlotProblem) } } },
        ...problemResponses(400, 401, 404, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', BookingParams),
    validate('json', AddSessionsBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const caller = c.get('portal');
      return portalAction(c, deps, { id, path: 'sessions', body }, async (tx, booking, now) => {
        await addSessions(tx, { orgId: caller.orgId, booking, starts: body.starts, now, config: deps.config });
        return { status: 200, body: await portalBookingDetail(tx, deps, caller, id, now) };
      });
    });
}
