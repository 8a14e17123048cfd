import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingParams } from '../../../schema/api/embed-bookings.ts';
import { PortalMessageBody, PortalMessageList } from '../../../schema/api/portal.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { renderMarkdown } from '../../platform/adapters/markdown.ts';
import { bookingById, bookingForStaff } from '../../modules/bookings/index.ts';
import { postStaffMessage, threadMessages } from '../../modules/messaging/index.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

async function threadOut(tx: Tx, orgId: string, bookingId: string) {
  const list = await threadMessages(tx, orgId, bookingId);
  return { messages: list.map((m) => ({ id: m.id, from: m.from, body_html: renderMarkdown(m.bodyMd), created_at: m.createdAt.toISOString() })) };
}

/** The booking's thread for its instructor and the studio's managers; the customer is mailed at most once per ten minutes. */
export function adminBookingMessageRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .get('/bookings/:id/messages',
      describeRoute({ tags: ['admin'], summary: 'The booking\'s thread with the customer', security: [{ secretKey: [] }],
        responses: { 200: { description: 'The messages, oldest first', content: { 'application/json': { schema: resolver(PortalMessageList) } } }, ...problemResponses(400, 401, 404) } }),
      validate('param', BookingParams),
      async (c) => {
        const staff = c.get('staff');
        const { id } = c.req.valid('param');
        return c.json(await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, async (tx) => {
          if (!(await bookingById(tx, staff.orgId, id))) throw new AppError('not_found', 'No such booking.');
          return threadOut(tx, staff.orgId, id);
        }));
      })
    .post('/bookings/:id/messages',
      describeRoute({ tags: ['admin'], summary: 'Answer the customer',
        description: 'Markdown, shown sanitised. The customer gets one mail per thread per ten minutes at most, with a link back to the thread. Needs an `Idempotency-Key`.',
        security: [{ secretKey: [] }], parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 201: { description: 'The thread', content: { 'application/json': { schema: resolver(PortalMessageList) } } }, ...problemResponses(400, 401, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('param', BookingParams),
      validate('json', PortalMessageBody),
      async (c) => {
        const staff = c.get('staff');
        const { id } = c.req.valid('param');
        const { body } = c.req.valid('json');
        return staffAction(c, deps, { path: `bookings/${id}/messages`, body: { body } },
          (tx) => bookingForStaff(tx, staff.orgId, id),
          async (tx, booking, now) => {
            await postStaffMessage(tx, { orgId: staff.orgId, booking, staffId: staff.staffId, body, now, config: deps.config });
            return { status: 201, body: await threadOut(tx, staff.orgId, id) };
          });
      });
}
