import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { PortalBookingList } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { customerBookings } from '../../modules/bookings/index.ts';
import { bookingSummaryOut } from './portal.out.ts';
import { customerCaller } from './portal-action.ts';
import { problemResponses } from '../openapi-shared.ts';

export const portalSecurity = [{ portalToken: [] }];

export function listBookingsRoute(deps: AppDeps) {
  return new Hono<PortalEnv>().get('/bookings',
    describeRoute({
      tags: ['portal'], summary: 'The customer\'s bookings in this studio',
      description: 'With an identity token: every booking of the customer in the studio, newest first. With a manage link\'s token: that booking only.',
      security: portalSecurity,
      responses: { 200: { description: 'The bookings', content: { 'application/json': { schema: resolver(PortalBookingList) } } }, ...problemResponses(401) },
    }),
    async (c) => {
      const caller = c.get('portal');
      const list = await withCaller(deps.db, customerCaller(caller), (tx) => customerBookings(tx, caller.orgId, deps.now(), caller.bookingId));
      return c.json({ bookings: list.map(bookingSummaryOut) });
    });
}
