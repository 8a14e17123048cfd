import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingParams, PortalMessageBody, PortalMessageList } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { renderMarkdown } from '../../platform/adapters/markdown.ts';
import { bookingById } from '../../modules/bookings/index.ts';
import { postCustomerMessage, threadMessages } from '../../modules/messaging/index.ts';
import { customerCaller, portalAction } from './portal-action.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

async function messagesOut(tx: Tx, orgId: string, bookingId: string): Promise<PortalMessageList> {
  const list = await threadMessages(tx, orgId, bookingId);
  return { messages: list.map((m) => ({ id: m.id, from: m.from, body_html: renderMarkdown(m.bodyMd), created_at: m.createdAt.toISOString() })) };
}

/** The booking's private thread with the instructor: markdown shown sanitised; the other side is mailed at most once per ten minutes. */
export function messageRoutes(deps: AppDeps) {
  return new Hono<PortalEnv>()
    .get('/bookings/:id/messages',
      describeRoute({
        tags: ['portal'], summary: 'The private thread with the instructor',
        security: portalSecurity,
        responses: { 200: { description: 'The messages, oldest first', content: { 'application/json': { schema: resolver(PortalMessageList) } } }, ...problemResponses(400, 401, 404) },
      }),
      validate('param', BookingParams),
      async (c) => {
        const caller = c.get('portal');
        const { id } = c.req.valid('param');
        return c.json(await withCaller(deps.db, customerCaller(caller), async (tx) => {
          const booking = caller.bookingId === null || caller.bookingId === id ? await bookingById(tx, caller.orgId, id) : undefined;
          if (!booking) throw new AppError('not_found', 'No such booking.');
          return messagesOut(tx, caller.orgId, id);
        }));
      })
    .post('/bookings/:id/messages',
      describeRoute({
        tags: ['portal'], summary: 'Write to the instructor',
        description: 'Markdown, at most 5,000 characters, shown sanitised. The instructor gets one mail per thread per ten minutes at most, '
          + 'with every message of those minutes and a link back. Needs an `Idempotency-Key`. Answers the thread.',
        security: portalSecurity,
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 201: { description: 'The thread with the new message', content: { 'application/json': { schema: resolver(PortalMessageList) } } }, ...problemResponses(400, 401, 404, 422) },
      }),
      idempotencyKeyRequired(),
      validate('param', BookingParams),
      validate('json', PortalMessageBody),
      async (c) => {
        const caller = c.get('portal');
        const { id } = c.req.valid('param');
        const { body } = c.req.valid('json');
        return portalAction(c, deps, { id, path: 'messages', body: { body } }, async (tx, booking, now) => {
          await postCustomerMessage(tx, { orgId: caller.orgId, booking, body, now, config: deps.config });
          return { status: 201, body: await messagesOut(tx, caller.orgId, id) };
        });
      });
}
