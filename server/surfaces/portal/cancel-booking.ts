import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import { BookingParams, PortalBookingDetail, PortalCancelBody, SettlementOut } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { cancelAndSettle } from '../../modules/billing/index.ts';
import { portalAction } from './portal-action.ts';
import { portalBookingDetail } from './get-booking.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

const CancelOut = v.object({ booking: PortalBookingDetail, settlement: v.nullable(SettlementOut) });

export function cancelBookingRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().post('/bookings/:id/cancel',
    describeRoute({
      tags: ['portal'], summary: 'Cancel the booking or one session, by the quote shown',
      description: 'Executes the settlement quote the customer was shown (`quote_id` from GET …/cancellation, with the same `session_id`): '
        + 'refunds, fees, credits back and the credit note, exactly as quoted. When the figures no longer hold (time passed the free window, a '
        + 'payment arrived) nothing happens: 409 `quote_changed` with the new quote. Needs an `Idempotency-Key`.',
      security: portalSecurity,
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'The booking after the cancellation and its settlement', content: { 'application/json': { schema: resolver(CancelOut) } } },
        ...problemResponses(400, 401, 404, 409, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', BookingParams),
    validate('json', PortalCancelBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const caller = c.get('portal');
      return portalAction(c, deps, { id, path: 'cancel', body }, async (tx, booking, now) => {
        if (booking.status === 'reserved') throw new AppError('invalid_state', 'The booking is not paid yet: release it in the booking form instead.');
        const settlement = await cancelAndSettle(tx, {
          orgId: caller.orgId, booking, fault: 'policy', by: 'customer', quoteId: body.quote_id, sessionId: body.session_id, now, config: deps.config,
        });
        return { status: 200, body: { booking: await portalBookingDetail(tx, deps, caller, id, now), settlement } };
      });
    });
}
