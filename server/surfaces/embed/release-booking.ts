import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingOut, BookingParams } from '../../../schema/api/embed-bookings.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { answeredBefore, idempotencyKeyOf, idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { bookingAction } from './booking-action.ts';
import { bookingView, clientTokenOf, releaseHold } from '../../modules/bookings/index.ts';
import { cancelUnpaidOrder } from '../../modules/billing/index.ts';
import { cancelOpenIntents } from './checkout.ts';
import { bookingOut } from './bookings.out.ts';
import { problemResponses } from '../openapi-shared.ts';

export function releaseBookingRoute(deps: AppDeps) {
  return new Hono<AppEnv>().post('/bookings/:id/release',
    describeRoute({
      tags: ['embed'], summary: 'Give the held times of a reserved booking back',
      description: 'The customer went back to choose other times: the reserved booking is cancelled and its held times are free at once. '
        + 'Back from a card or TWINT payment that was not made: the unpaid order is cancelled with it (its intent cancelled at the provider; a code\'s use given back). '
        + 'A booking already cancelled answers as it is. Confirmed bookings answer 409 `invalid_state`, as does one whose payment has just gone through; reserved ones '
        + 'with an invoice (QR-bill, bank transfer: it may still be paid) 409 `checkout_started` (with `hold_expires_at`: the times are released then, unless paid). '
        + 'Needs `Tandem-Booking-Token` and an `Idempotency-Key`.',
      security: [{ publishableKey: [] }],
      parameters: [
        { name: 'Tandem-Booking-Token', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } },
      ],
      responses: {
        200: { description: 'The booking, cancelled', content: { 'application/json': { schema: resolver(BookingOut) } } },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    idempotencyKeyRequired(),
    validate('param', BookingParams),
    async (c) => {
      const { orgId } = c.get('embed');
      const { id } = c.req.valid('param');
      // A card or TWINT intent is cancelled at the provider first (no row locked while it answers); one paid meanwhile refuses.
      const scope = `POST /v1/embed/bookings/${id}/release`;
      if (!(await answeredBefore(deps.db, { orgId, role: 'anonymous' }, { key: idempotencyKeyOf(c), scope }))) {
        await cancelOpenIntents(deps, orgId, id, clientTokenOf(c.req.header('Tandem-Booking-Token')));
      }
      return bookingAction(c, deps, { id, path: 'release', body: {} }, async (tx, booking, now) => {
        await releaseHold(tx, orgId, booking, now, { orderCancelled: await cancelUnpaidOrder(tx, now, orgId, booking) });
        return { status: 200, body: bookingOut((await bookingView(tx, orgId, booking.id))!) };
      });
    });
}
