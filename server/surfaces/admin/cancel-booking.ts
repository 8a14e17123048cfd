import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingOut, BookingParams } from '../../../schema/api/embed-bookings.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { staffAction } from './staff-action.ts';
import { bookingForStaff } from '../../modules/bookings/index.ts';
import { cancelAndSettle } from '../../modules/billing/index.ts';
import { AdminCancelBody } from '../../../schema/api/admin-settlement.ts';
import { bookingView } from '../../modules/bookings/index.ts';
import { bookingOut } from './bookings.out.ts';
import { problemResponses } from '../openapi-shared.ts';

export function adminCancelBookingRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().post('/bookings/:id/cancel',
    describeRoute({
      tags: ['admin'], summary: 'Cancel a booking (staff)',
      description: 'Cancels the booking and its scheduled sessions, frees their time and settles the money: future installments cancelled, '
        + 'refunds per payment (card and TWINT through the provider after commit; QR-bill and transfers `pending_transfer` until staff record '
        + 'the outgoing transfer), credits back to the ledger, a credit note for what the invoice no longer claims. Without a body: by the '
        + 'program\'s policy, as before; `fault: "studio"` gives back everything not delivered; `quote_id` (from GET …/cancellation) makes '
        + 'the cancel refuse with 409 `quote_changed` when its figures no longer hold. The customer is mailed; when the booking was confirmed, '
        + 'with a calendar file (METHOD:CANCEL). Cancelling a cancelled booking answers it unchanged (`settlement: null`); a completed one is 409. '
        + 'An instructor\'s key reaches only their own bookings (404 otherwise). Needs an `Idempotency-Key`. The answer is the booking, and '
        + 'also `{booking, settlement}`.',
      security: [{ secretKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'The cancelled booking', content: { 'application/json': { schema: resolver(BookingOut) } } },
        ...problemResponses(400, 401, 404, 409, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', BookingParams),
    validate('json', AdminCancelBody),
    async (c) => {
      const { orgId } = c.get('staff');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json') ?? {};
      return staffAction(c, deps, { path: `bookings/${id}/cancel`, body },
        (tx) => bookingForStaff(tx, orgId, id),
        async (tx, booking, now) => {
          const settlement = await cancelAndSettle(tx, { orgId, booking, fault: body.fault ?? 'policy', by: 'staff', quoteId: body.quote_id, sessionId: body.session_id, now, config: deps.config });
          const out = bookingOut((await bookingView(tx, orgId, id))!);
          return { status: 200, body: { ...out, booking: out, settlement } };
        });
    });
}
