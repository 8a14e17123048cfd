/** One booking's whole story for staff. */
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingDetailOut } from '../../../schema/api/admin-pipeline.ts';
import { BookingParams } from '../../../schema/api/embed-bookings.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { bookingDetail } from '../../modules/pipeline/index.ts';
import { bookingDetailOut } from './pipeline.out.ts';
import { problemResponses } from '../openapi-shared.ts';

export function adminGetBookingRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/bookings/:id',
    describeRoute({
      tags: ['admin'], summary: 'A booking: customer, intake answers, sessions, order and money, progress, event log',
      description: 'The pipeline\'s fields plus the customer (name, e-mail, phone, language, zone), the intake answers in the form\'s order '
        + '(answers to questions marked `x-health` only for the booking\'s instructor and the studio\'s managers; `health_withheld` says when '
        + 'some were left out), the sessions with their attendance, the order with payments, installments, refunds, invoices and credit notes '
        + '(owners and managers), the milestones with progress, and the event log (owners and managers). An instructor reaches only the '
        + 'bookings they conduct; any other booking is 404.',
      security: [{ secretKey: [] }, { staffSession: [] }],
      responses: { 200: { description: 'The booking', content: { 'application/json': { schema: resolver(BookingDetailOut) } } }, ...problemResponses(400, 401, 404) },
    }),
    validate('param', BookingParams),
    async (c) => {
      const staff = c.get('staff');
      const { id } = c.req.valid('param');
      const detail = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId },
        (tx) => bookingDetail(tx, staff.orgId, id, { role: staff.role, staffId: staff.staffId }, deps.now()));
      if (!detail) throw new AppError('not_found', 'No such booking.');
      return c.json(bookingDetailOut(detail, deps.config.publicOrigin));
    });
}
