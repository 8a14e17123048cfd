import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingParams, PortalBookingDetail } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalCaller, PortalEnv } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { customerBookingDetail, customerBookings } from '../../modules/bookings/index.ts';
import { orderForCustomerView } from '../../modules/billing/index.ts';
import { bookingDetailOut } from './portal.out.ts';
import { customerCaller } from './portal-action.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

/** The portal's view of one booking, read as the customer (404 when it is not theirs, or not the manage link's). */
export async function portalBookingDetail(tx: Tx, deps: AppDeps, caller: PortalCaller, id: string, now: Date): Promise<PortalBookingDetail> {
  if (caller.bookingId !== null && caller.bookingId !== id) throw new AppError('not_found', 'No such booking.');
  const [[summary], detail] = await Promise.all([customerBookings(tx, caller.orgId, now, id), customerBookingDetail(tx, caller.orgId, id)]);
  if (!summary || !detail) throw new AppError('not_found', 'No such booking.');
  const order = await orderForCustomerView(tx, caller.orgId, detail.booking.orderId);
  return bookingDetailOut(summary, detail, order, deps.config.publicOrigin, now);
}

export function getBookingRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().get('/bookings/:id',
    describeRoute({
      tags: ['portal'], summary: 'One of the customer\'s bookings, with what they may do',
      description: 'Sessions (scheduled, to schedule, attended, no-show, cancelled) with each one\'s change deadline and actions, milestones with '
        + 'due dates (first session + `due_day_offset`) and the instructor\'s shared notes, the money (payments, plan and next installment, '
        + 'invoices and credit notes with PDF links) and the booking\'s `actions`. Another customer\'s booking is 404.',
      security: portalSecurity,
      responses: { 200: { description: 'The booking', content: { 'application/json': { schema: resolver(PortalBookingDetail) } } }, ...problemResponses(400, 401, 404) },
    }),
    validate('param', BookingParams),
    async (c) => {
      const caller = c.get('portal');
      const { id } = c.req.valid('param');
      const now = deps.now();
      return c.json(await withCaller(deps.db, customerCaller(caller), (tx) => portalBookingDetail(tx, deps, caller, id, now)));
    });
}
