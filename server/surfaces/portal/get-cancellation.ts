import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingParams, CancellationQuoteOut, PortalCancellationQuery } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { bookingById } from '../../modules/bookings/index.ts';
import { cancellationQuote, sessionCancellationQuote } from '../../modules/billing/index.ts';
import { customerCaller } from './portal-action.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

export function cancellationQuoteRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().get('/bookings/:id/cancellation',
    describeRoute({
      tags: ['portal'], summary: 'What cancelling would give back and cost',
      description: 'The settlement quote of cancelling the booking (or, with `session_id`, one session) now, by the program\'s policy: per '
        + 'session the rule that applied, its value, refund and fee; the totals; the policy. Show it line by line, then cancel with its '
        + '`quote_id` (valid 10 minutes).',
      security: portalSecurity,
      responses: { 200: { description: 'The quote', content: { 'application/json': { schema: resolver(CancellationQuoteOut) } } }, ...problemResponses(400, 401, 404, 409) },
    }),
    validate('param', BookingParams),
    validate('query', PortalCancellationQuery),
    async (c) => {
      const caller = c.get('portal');
      const { id } = c.req.valid('param');
      const { session_id: sessionId } = c.req.valid('query');
      const now = deps.now();
      const quote = await withCaller(deps.db, customerCaller(caller), async (tx) => {
        const booking = caller.bookingId === null || caller.bookingId === id ? await bookingById(tx, caller.orgId, id) : undefined;
        if (!booking) throw new AppError('not_found', 'No such booking.');
        if (booking.status === 'cancelled' || booking.status === 'completed' || booking.status === 'reserved') throw new AppError('invalid_state', `The booking is ${booking.status}.`);
        const req = { fault: 'policy' as const, by: 'customer' as const, now, secret: deps.config.secret };
        return sessionId ? sessionCancellationQuote(tx, caller.orgId, booking, { ...req, sessionId }) : cancellationQuote(tx, caller.orgId, booking, req);
      });
      return c.json(quote);
    });
}
