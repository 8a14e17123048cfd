import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingParams } from '../../../schema/api/embed-bookings.ts';
import { BookingNoteBody, BookingNoteOut } from '../../../schema/api/admin-progress.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { bookingForStaff, setBookingNote } from '../../modules/bookings/index.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

/** PUT /v1/admin/bookings/:id/note: staff's private note on the booking (the booking's instructor, owners, managers). */
export function adminBookingNoteRoute(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .put('/bookings/:id/note',
      describeRoute({ tags: ['admin'], summary: 'Write the private note of a booking (staff only)',
        description: '`notes_md` (markdown, 5,000 characters at most) replaces the note; null or empty clears it. The booking detail shows it as '
          + '`notes_private_md`; the customer never sees it (portal and widget answers leave it out), and the event log records that it changed, '
          + 'not its text. The booking\'s instructor, owners and managers; another instructor 404. Needs an `Idempotency-Key`.',
        security: [{ secretKey: [] }], parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'The note', content: { 'application/json': { schema: resolver(BookingNoteOut) } } }, ...problemResponses(400, 401, 404) } }),
      idempotencyKeyRequired(),
      validate('param', BookingParams),
      validate('json', BookingNoteBody),
      async (c) => {
        const { orgId } = c.get('staff');
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { method: 'PUT', path: `bookings/${id}/note`, body },
          (tx) => bookingForStaff(tx, orgId, id),
          async (tx, booking, now) => ({ status: 200, body: { booking_id: booking.id, notes_private_md: await setBookingNote(tx, { now, config: deps.config }, booking, body.notes_md) } satisfies BookingNoteOut }));
      });
}
