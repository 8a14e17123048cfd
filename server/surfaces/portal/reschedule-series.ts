import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingParams, PortalBookingDetail, PortalSeriesProblem, RescheduleSeriesBody } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { rescheduleSeries } from '../../modules/bookings/index.ts';
import { portalAction } from './portal-action.ts';
import { portalBookingDetail } from './get-booking.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

export function rescheduleSeriesRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().post('/bookings/:id/reschedule-series',
    describeRoute({
      tags: ['portal'], summary: 'Move every remaining session, keeping the cadence',
      description: '`{"shift_weeks": n}` moves each remaining session n weeks (same local time, across DST); `{"starts_at": "…"}` puts the first '
        + 'remaining session there and keeps the others\' local distance to it. Remaining: ahead and before their change deadline (sessions '
        + 'already inside the free-cancellation window stay). Nothing moves unless every session can: 409 `slot_taken` / `slot_unavailable` '
        + 'lists each session that cannot (`session_id`) with the nearest free times; 409 `policy_window_closed` (with `deadline`) when no '
        + 'session may move any more; 409 `invalid_state` for a booking of one session, which has no series (its session moves by '
        + '`POST …/sessions/:sessionId/reschedule`). Needs an `Idempotency-Key`. Answers the booking.',
      security: portalSecurity,
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'The booking with its moved sessions', content: { 'application/json': { schema: resolver(PortalBookingDetail) } } },
        409: { description: 'slot_taken / slot_unavailable (conflicts per session with alternatives), policy_window_closed, invalid_state', content: { 'application/problem+json': { schema: resolver(PortalSeriesProblem) } } },
        ...problemResponses(400, 401, 404, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', BookingParams),
    validate('json', RescheduleSeriesBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const caller = c.get('portal');
      return portalAction(c, deps, { id, path: 'reschedule-series', body }, async (tx, booking, now) => {
        await rescheduleSeries(tx, {
          orgId: caller.orgId, booking, now, config: deps.config,
          ...('shift_weeks' in body ? { shiftWeeks: body.shift_weeks } : { startsAt: body.starts_at }),
        });
        return { status: 200, body: await portalBookingDetail(tx, deps, caller, id, now) };
      });
    });
}
