import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import { BookingParams } from '../../../schema/api/embed-bookings.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { bookingForStaff } from '../../modules/bookings/index.ts';
import { resendConfirmation } from '../../modules/notifications/index.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

export const ConfirmationResentOut = v.object({ booking_id: v.string(), invoice_number: v.string(), queued_at: v.string() });

/**
 * POST /v1/admin/bookings/:id/confirmation: the confirmation mail again, to the customer's address as
 * it stands, with the calendar file of the sessions as they are now and the invoice. For the
 * booking's instructor and the studio's owners and managers; once per `Idempotency-Key`.
 */
export function adminBookingConfirmationRoute(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .post('/bookings/:id/confirmation',
      describeRoute({ tags: ['admin'], summary: 'Send the booking confirmation again',
        description: 'Queues the confirmation mail again (calendar file as the sessions are now, the invoice attached). A reserved or cancelled booking, or one without an invoice, is 409 `invalid_state`. Needs an `Idempotency-Key`: a replay sends nothing more.',
        security: [{ secretKey: [] }], parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 202: { description: 'Queued', content: { 'application/json': { schema: resolver(ConfirmationResentOut) } } }, ...problemResponses(400, 401, 404, 409) } }),
      idempotencyKeyRequired(),
      validate('param', BookingParams),
      async (c) => {
        const staff = c.get('staff');
        const { id } = c.req.valid('param');
        return staffAction(c, deps, { path: `bookings/${id}/confirmation`, body: {} },
          (tx) => bookingForStaff(tx, staff.orgId, id),
          async (tx, booking, now) => {
            const out = await resendConfirmation(tx, { config: deps.config, now }, staff.orgId, booking);
            return { status: 202, body: { booking_id: id, invoice_number: out.invoice_number, queued_at: now.toISOString() } satisfies v.InferOutput<typeof ConfirmationResentOut> };
          });
      });
}
