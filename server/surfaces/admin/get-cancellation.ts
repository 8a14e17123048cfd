import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingParams } from '../../../schema/api/embed-bookings.ts';
import { CancellationQuery, CancellationQuoteOut } from '../../../schema/api/admin-settlement.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { bookingById } from '../../modules/bookings/index.ts';
import { cancellationQuote, sessionCancellationQuote } from '../../modules/billing/index.ts';
import { problemResponses } from '../openapi-shared.ts';

export function adminCancellationQuoteRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/bookings/:id/cancellation',
    describeRoute({
      tags: ['admin'], summary: 'The cancellation quote of a booking',
      description: 'What cancelling the booking now would give back (`refund` to the payments, `credits_back` to the ledger), keep (`fee`) and '
        + 'leave owing (`balance_due`), per session with the rule that applied, and the policy text. `fault=studio`: everything not delivered '
        + 'goes back. Cancel with its `quote_id` (valid 10 minutes): when the figures no longer hold, the cancel answers 409 `quote_changed`.',
      security: [{ secretKey: [] }],
      responses: {
        200: { description: 'The quote', content: { 'application/json': { schema: resolver(CancellationQuoteOut) } } },
        ...problemResponses(400, 401, 404, 409),
      },
    }),
    validate('param', BookingParams),
    validate('query', CancellationQuery),
    async (c) => {
      const staff = c.get('staff');
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const quote = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, async (tx) => {
        // Read under the staff member's own policies: an instructor sees only the bookings they conduct.
        const booking = await bookingById(tx, staff.orgId, id);
        if (!booking) throw new AppError('not_found', 'No such booking.');
        if (booking.status === 'cancelled' || booking.status === 'completed') throw new AppError('invalid_state', `The booking is ${booking.status}.`);
        const req = { fault: q.fault ?? 'policy', by: 'staff' as const, now: deps.now(), secret: deps.config.secret };
        if (q.scope === 'session' || q.session_id) {
          if (!q.session_id) throw new AppError('validation_failed', undefined, { errors: [{ field: 'session_id', message: 'is required with scope=session' }] });
          return sessionCancellationQuote(tx, staff.orgId, booking, { ...req, sessionId: q.session_id });
        }
        return cancellationQuote(tx, staff.orgId, booking, req);
      });
      return c.json(quote);
    });
}
