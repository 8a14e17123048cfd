import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { SessionParams } from '../../../schema/api/embed-bookings.ts';
import { CheckInAnswer, NoShowAnswer } from '../../../schema/api/admin-lifecycle.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { staffAction } from './staff-action.ts';
import { bookingForStaff, checkInSession, markNoShow } from '../../modules/bookings/index.ts';
import { staffSessionOut } from './bookings.out.ts';
import { settleNoShow } from '../../modules/billing/index.ts';
import { problemResponses } from '../openapi-shared.ts';

const common = 'An instructor\'s key reaches only their own bookings (404 otherwise). Needs an `Idempotency-Key`; no body. '
  + 'The answer\'s `staff_status` is `awaiting_attendance` from the session\'s end until the program\'s attendance grace period '
  + '(`attendance_grace_hours`, default 24) is over while the session is still `scheduled`; then it becomes `completed`.';

/** Staff record attendance: check-in, and no-show. */
export function adminSessionAttendanceRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .post('/bookings/:id/sessions/:sessionId/check-in',
      describeRoute({
        tags: ['admin'], summary: 'Check the customer in to a session (staff)',
        description: 'Sets the session\'s `check_in_at` and records `session.checked_in` (who, when). Opens an hour before the session '
          + 'starts and stays open after it, to record attendance late. Checking in again answers the session unchanged; a no-show or '
          + 'cancelled session, or a booking that is not confirmed, is 409 `invalid_state`. ' + common,
        security: [{ secretKey: [] }],
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: {
          200: { description: 'The session', content: { 'application/json': { schema: resolver(CheckInAnswer) } } },
          ...problemResponses(400, 401, 404, 409, 422),
        },
      }),
      idempotencyKeyRequired(),
      validate('param', SessionParams),
      async (c) => {
        const { orgId, staffId, role } = c.get('staff');
        const { id, sessionId } = c.req.valid('param');
        return staffAction(c, deps, { path: `bookings/${id}/sessions/${sessionId}/check-in`, body: {} },
          (tx) => bookingForStaff(tx, orgId, id),
          async (tx, booking, now) => ({
            status: 200,
            body: { session: staffSessionOut(await checkInSession(tx, { orgId, booking, sessionId, by: { role, staffId }, ctx: { now, config: deps.config } })) },
          }));
      })
    .post('/bookings/:id/sessions/:sessionId/no-show',
      describeRoute({
        tags: ['admin'], summary: 'Mark a session as a no-show (staff)',
        description: 'The customer did not come: the session becomes `no_show` and `session.no_show` is recorded (who, when, before and '
          + 'after). Possible from the session\'s start until the attendance grace period after its end is over. When it was the last '
          + 'session still scheduled, the booking is completed with it (`booking.completed`). Marking it again answers it unchanged; a '
          + 'checked-in, completed or cancelled session is 409 `invalid_state`, and so is one that has not begun. '
          + '`settlement` says what the no-show cost, by the program\'s no-show fee (`no_show_fee_bp` of the session\'s share): when it '
          + 'ended the booking, the booking\'s money is settled as a whole (future installments cancelled, the rest refunded, a fee beyond '
          + 'what was paid charged off-session to the saved card when `charge_fees` is `auto`, else owed on the order); otherwise, a pack '
          + 'paid in full gets back its share beyond the fee. Null when the session was a no-show already. ' + common,
        security: [{ secretKey: [] }],
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: {
          200: { description: 'The session, and `settlement: null`', content: { 'application/json': { schema: resolver(NoShowAnswer) } } },
          ...problemResponses(400, 401, 404, 409, 422),
        },
      }),
      idempotencyKeyRequired(),
      validate('param', SessionParams),
      async (c) => {
        const { orgId, staffId, role } = c.get('staff');
        const { id, sessionId } = c.req.valid('param');
        return staffAction(c, deps, { path: `bookings/${id}/sessions/${sessionId}/no-show`, body: {} },
          (tx) => bookingForStaff(tx, orgId, id),
          async (tx, booking, now) => {
            const view = await markNoShow(tx, { orgId, booking, sessionId, by: { role, staffId }, ctx: { now, config: deps.config } });
            const settlement = view.marked ? await settleNoShow(tx, { orgId, bookingId: booking.id, sessionId, now, config: deps.config }) : null;
            return { status: 200, body: { session: staffSessionOut(view), settlement } };
          });
      });
}
